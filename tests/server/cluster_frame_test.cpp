// The frames relays publish to each other and the member strings Redis stores: both directions,
// and every malformed input refused rather than misread.
#include <gtest/gtest.h>

#include "server/cluster_frame.hpp"
#include "server/cluster_member.hpp"

namespace p2p::relay {
namespace {

TEST(ClusterFrame, RoundTripsEveryKind) {
    for (FrameKind kind : {FrameKind::message, FrameKind::joined, FrameKind::peer_joined, FrameKind::peer_left,
                           FrameKind::replaced, FrameKind::peer_away}) {
        std::string text = encode_frame(kind, 42, "body");
        auto frame = parse_frame(text);
        ASSERT_TRUE(frame) << text;
        EXPECT_EQ(frame->kind, kind);
        EXPECT_EQ(frame->target, 42u);
        EXPECT_EQ(frame->body, "body");
    }
}

TEST(ClusterFrame, BodyIsTheBytesUnchanged) {
    const std::string body = "{\"type\":\"offer\",\n\"sdp\":\"a\\u0000\"}\n\xff";
    std::string text = encode_frame(FrameKind::message, 18446744073709551615ull, body);
    EXPECT_EQ(text.substr(0, 23), "m 18446744073709551615\n");
    EXPECT_EQ(parse_frame(text)->body, body);
    EXPECT_EQ(parse_frame(encode_frame(FrameKind::replaced, 1, ""))->body, "");
}

TEST(ClusterFrame, MatchesWhatTheLuaScriptsWrite) {
    // cluster_scripts.cpp builds frames as kind .. ' ' .. peer .. '\n' .. body.
    auto frame = parse_frame("+ 7\nrelay/3/token");
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->kind, FrameKind::peer_joined);
    EXPECT_EQ(frame->target, 7u);
    EXPECT_EQ(frame->body, "relay/3/token");
    auto away = parse_frame("a 7\nrelay/3/token");
    ASSERT_TRUE(away);
    EXPECT_EQ(away->kind, FrameKind::peer_away);
}

TEST(ClusterFrame, RefusesMalformedHeaders) {
    for (std::string_view bad : {"", "m", "m 1", "x 1\n", "m1\n", "m  1\n", "m -1\n", "m 1a\n", "m \n",
                                 "m 99999999999999999999\n", "mm 1\n"}) {
        EXPECT_FALSE(parse_frame(bad)) << bad;
    }
}

TEST(ClusterMember, RoundTrips) {
    ClusterMember member{"a1b2", 9, "tok_en-1234567890"};
    EXPECT_EQ(member.text(), "a1b2/9/tok_en-1234567890");
    EXPECT_EQ(parse_cluster_member(member.text()), member);
    ClusterMember tokenless{"r", 1, ""};
    EXPECT_EQ(tokenless.text(), "r/1/");
    EXPECT_EQ(parse_cluster_member("r/1/"), tokenless);
}

TEST(ClusterMember, RefusesMalformedMembers) {
    for (std::string_view bad : {"", "r", "r/1", "/1/t", "r//t", "r/x/t", "r/1/t/u", "r/-1/t"}) {
        EXPECT_FALSE(parse_cluster_member(bad)) << bad;
    }
}

}  // namespace
}  // namespace p2p::relay
