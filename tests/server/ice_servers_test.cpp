// The operator's STUN/TURN settings: flag checks and what the pages receive.
#include "server/ice_servers.hpp"

#include <gtest/gtest.h>

#include "server/config.hpp"

namespace p2p::relay {
namespace {

ParsedOptions parse(std::vector<std::string_view> args) {
    return parse_options(args, Config{});
}

TEST(IceServers, NoneByDefault) {
    EXPECT_TRUE(ice_servers_for_pages(parse({}).config.ice).empty());
}

TEST(IceServers, StunAndTurnFlagsBecomeTwoEntries) {
    ParsedOptions parsed = parse({"--stun", "stun:a:3478", "--stun=stuns:b:5349", "--turn",
                                  "turn:t:3478?transport=udp", "--turn-username", "u",
                                  "--turn-credential", "c"});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    EXPECT_EQ(ice_servers_for_pages(parsed.config.ice),
              (std::vector<IceServer>{IceServer{{"stun:a:3478", "stuns:b:5349"}, std::nullopt, std::nullopt},
                                      IceServer{{"turn:t:3478?transport=udp"}, "u", "c"}}));
}

TEST(IceServers, BadUrlsAreRefusedWithTheFlagName) {
    for (auto [flag, url] : {std::pair{"--stun", "turn:x"}, std::pair{"--stun", "stun:"},
                             std::pair{"--turn", "http://x"}, std::pair{"--stun", "stun:a b"}}) {
        ParsedOptions parsed = parse({flag, url, "--turn-username", "u", "--turn-credential", "c"});
        EXPECT_EQ(parsed.action, ParsedOptions::Action::fail) << url;
        EXPECT_NE(parsed.error.find(flag), std::string::npos) << parsed.error;
    }
}

TEST(IceServers, TurnNeedsCredentialsAndCredentialsNeedTurn) {
    EXPECT_NE(parse({"--turn", "turn:t"}).error.find("--turn-username"), std::string::npos);
    EXPECT_NE(parse({"--turn", "turn:t", "--turn-username", "u"}).error.find("--turn-credential"),
              std::string::npos);
    EXPECT_NE(parse({"--turn-username", "u"}).error.find("without --turn"), std::string::npos);
}

}  // namespace
}  // namespace p2p::relay
