// Unit tests of p2p-load's own pieces: the histogram's percentiles, the frame's bytes and stamp,
// the target protocols and the command line.
#include <gtest/gtest.h>

#include "bench/load/hdr_histogram.hpp"
#include "bench/load/load_frame.hpp"
#include "bench/load/load_options.hpp"
#include "bench/load/load_target.hpp"
#include "shared/codec.hpp"

namespace p2p::load {
namespace {

TEST(HdrHistogram, PercentilesStayWithinItsPrecision) {
    HdrHistogram histogram;
    for (std::int64_t us = 1; us <= 1000; ++us) histogram.record(us * 1000);
    EXPECT_EQ(histogram.count(), 1000u);
    EXPECT_NEAR(static_cast<double>(histogram.percentile_ns(0.50)), 500'000.0, 500'000.0 / 128);
    EXPECT_NEAR(static_cast<double>(histogram.percentile_ns(0.99)), 990'000.0, 990'000.0 / 128);
    EXPECT_NEAR(static_cast<double>(histogram.percentile_ns(0.999)), 999'000.0, 999'000.0 / 128);
    EXPECT_EQ(histogram.percentile_ns(1.0), 1'000'000);
    EXPECT_EQ(histogram.max_ns(), 1'000'000);
}

TEST(HdrHistogram, SmallValuesAreExactAndMergeAddsCounts) {
    HdrHistogram a, b;
    a.record(3);
    b.record(200);
    b.record(-5);  // clock skew cannot happen on one clock, but must not crash
    a.merge(b);
    EXPECT_EQ(a.count(), 3u);
    EXPECT_EQ(a.percentile_ns(0.01), 0);
    EXPECT_EQ(a.percentile_ns(0.5), 3);
    EXPECT_EQ(a.percentile_ns(1.0), 200);
}

TEST(LoadFrame, IsExactlyTheAskedSizeAndAValidSignallingMessage) {
    LoadFrame offer(7, 0), answer(7, 1);
    const std::string offer_text = offer.stamped(42, 123'456'789);
    const std::string answer_text = answer.stamped(99'999'999'999, 1);
    EXPECT_EQ(offer_text.size(), 1024u);
    EXPECT_EQ(answer_text.size(), 1024u);
    DecodeResult decoded = decode(offer_text);
    ASSERT_TRUE(decoded.ok()) << decoded.error().detail;
    ASSERT_TRUE(std::holds_alternative<OfferIce>(decoded.message()));
    // The soak test's reader understands it too: one stamp format for every load tool.
    auto stamp = read_sequenced(decoded.message());
    ASSERT_TRUE(stamp);
    EXPECT_EQ(stamp->room, 7u);
    EXPECT_EQ(stamp->sequence, 42u);
    ASSERT_TRUE(decode(answer_text).ok());
}

TEST(LoadFrame, ReadGivesBackTheStampAndTheSideFromTheType) {
    LoadFrame answer(3, 1, 2048);
    const std::string text = answer.stamped(5, 987'654'321'012);
    EXPECT_EQ(text.size(), 2048u);
    auto stamp = LoadFrame::read(text);
    ASSERT_TRUE(stamp);
    EXPECT_EQ(stamp->sender.room, 3u);
    EXPECT_EQ(stamp->sender.side, 1u);
    EXPECT_EQ(stamp->sender.sequence, 5u);
    EXPECT_EQ(stamp->sent_ns, 987'654'321'012);
    EXPECT_FALSE(LoadFrame::read(R"({"type":"peer_joined"})"));
    EXPECT_THROW(LoadFrame(1, 0, 100), std::invalid_argument);
}

TEST(LoadTarget, PathsAndReceiversPerServer) {
    const LoadTarget relay(LoadTarget::Kind::relay), echo(LoadTarget::Kind::echo), node(LoadTarget::Kind::node);
    EXPECT_EQ(relay.path_for(5, "r"), "/ws?room=r2");
    EXPECT_EQ(node.path_for(5, "r"), "/?room=r2");
    EXPECT_EQ(relay.receiver_of(4), 5u);
    EXPECT_EQ(node.receiver_of(5), 4u);
    EXPECT_EQ(echo.receiver_of(5), 5u);
    EXPECT_TRUE(relay.announces_pairing());
    EXPECT_FALSE(node.announces_pairing());
    EXPECT_FALSE(LoadTarget::parse("nginx"));
}

TEST(LoadOptions, ParsesTheBenchmarkFlagsAndRefusesNonsense) {
    auto parsed = parse_load_options({"--target", "echo", "--port", "9000", "--mode", "idle", "--connections", "max"});
    ASSERT_TRUE(parsed.options) << parsed.error;
    EXPECT_EQ(parsed.options->target.kind(), LoadTarget::Kind::echo);
    EXPECT_TRUE(parsed.options->connections_max);
    EXPECT_EQ(parsed.options->command_line, "p2p-load --target echo --port 9000 --mode idle --connections max");
    EXPECT_FALSE(parse_load_options({"--target", "relay"}).options);                    // no port
    EXPECT_FALSE(parse_load_options({"--port", "9000", "--connections", "3"}).options);  // odd, not idle
    EXPECT_FALSE(parse_load_options({"--port", "9000", "--mode", "burst"}).options);
    EXPECT_TRUE(parse_load_options({"--help"}).help);
}

TEST(LoadOptions, AnswerPortSplitsRelayRoomsAndIsRefusedForOtherTargets) {
    auto split = parse_load_options({"--port", "9000", "--answer-port", "9001", "--server-pid", "10", "--server-pid-b", "11"});
    ASSERT_TRUE(split.options) << split.error;
    EXPECT_EQ(split.options->answer_port, std::optional<std::uint16_t>(9001));
    EXPECT_EQ(split.options->server_pid_b, std::optional<pid_t>(11));
    EXPECT_FALSE(parse_load_options({"--port", "9000"}).options->answer_port);  // both sides on --port

    auto echo = parse_load_options({"--target", "echo", "--port", "9000", "--answer-port", "9001"});
    EXPECT_FALSE(echo.options);
    EXPECT_NE(echo.error.find("--answer-port is for --target relay"), std::string::npos) << echo.error;
    EXPECT_FALSE(parse_load_options({"--target", "node", "--port", "9000", "--answer-port", "9001"}).options);
    EXPECT_FALSE(parse_load_options({"--port", "9000", "--answer-port", "0"}).options);
    EXPECT_FALSE(parse_load_options({"--port", "9000", "--answer-port", "70000"}).options);
    EXPECT_FALSE(parse_load_options({"--port", "9000", "--server-pid-b", "11"}).options);  // no second relay
}

}  // namespace
}  // namespace p2p::load
