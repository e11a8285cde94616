#include "server/connection_limiter.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

using Outcome = ConnectionLimiter::Outcome;

TEST(ConnectionLimiter, PerIpCapRefusesOnlyThatIp) {
    ConnectionLimiter limiter({100, 2});
    EXPECT_EQ(limiter.admit("10.0.0.1"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("10.0.0.1"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("10.0.0.1"), Outcome::over_per_ip);
    EXPECT_EQ(limiter.admit("10.0.0.2"), Outcome::admitted);
    EXPECT_EQ(limiter.for_ip("10.0.0.1"), 2u);
    EXPECT_EQ(limiter.total(), 3u) << "the refused one holds no overall place";
}

TEST(ConnectionLimiter, ReleaseFreesThePlace) {
    ConnectionLimiter limiter({100, 1});
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("a"), Outcome::over_per_ip);
    EXPECT_EQ(limiter.for_ip("a"), 1u) << "a refusal counted nothing";
    EXPECT_EQ(limiter.total(), 1u);
    limiter.release("a");
    EXPECT_EQ(limiter.for_ip("a"), 0u);
    EXPECT_EQ(limiter.total(), 0u);
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
}

TEST(ConnectionLimiter, OverallCapRefusesEveryone) {
    ConnectionLimiter limiter({2, 5});
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("b"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("c"), Outcome::over_total);
    EXPECT_EQ(limiter.total(), 2u) << "the refusal counted nothing";
    limiter.release("a");
    EXPECT_EQ(limiter.admit("c"), Outcome::admitted);
}

// One address at its cap, however often it tries, leaves the rest of the overall cap to others.
TEST(ConnectionLimiter, AnAddressAtItsCapLeavesTheRestToOthers) {
    ConnectionLimiter limiter({4, 2});
    EXPECT_EQ(limiter.admit("attacker"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("attacker"), Outcome::admitted);
    for (int i = 0; i < 2000; ++i) EXPECT_EQ(limiter.admit("attacker"), Outcome::over_per_ip);
    EXPECT_EQ(limiter.total(), 2u);
    EXPECT_EQ(limiter.admit("b"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("c"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("d"), Outcome::over_total) << "the overall cap still holds";
}

// Connections still in their TLS handshake count against caps of their own, overall and per
// address: one address's slow handshakes leave the others room to start theirs.
TEST(ConnectionLimiter, HandshakesUnderWayAreBoundedPerAddress) {
    ConnectionLimiter limiter({100, 50, 100, 2});
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("a"), Outcome::over_handshakes);
    EXPECT_EQ(limiter.admit("b"), Outcome::admitted) << "another address starts its own";
    EXPECT_EQ(limiter.total(), 3u) << "the refused one counts nowhere";
    limiter.handshake_done("a");
    EXPECT_EQ(limiter.handshakes_for_ip("a"), 1u);
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted) << "a finished handshake makes room";
    EXPECT_EQ(limiter.for_ip("a"), 3u);
}

TEST(ConnectionLimiter, HandshakesUnderWayAreBoundedOverall) {
    ConnectionLimiter limiter({100, 50, 2, 8});
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("b"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("c"), Outcome::over_handshakes);
    limiter.release("a", true);  // it timed out in its handshake
    EXPECT_EQ(limiter.handshakes(), 1u);
    EXPECT_EQ(limiter.admit("c"), Outcome::admitted);
    limiter.handshake_done("b");
    limiter.handshake_done("b");  // a second report changes nothing
    EXPECT_EQ(limiter.handshakes(), 1u);
    limiter.release("b", false);
    EXPECT_EQ(limiter.total(), 1u);
    EXPECT_EQ(limiter.handshakes(), 1u) << "c is still in its handshake";
}

TEST(ConnectionLimiter, UnknownReleasesAreHarmless) {
    ConnectionLimiter limiter({2, 2});
    limiter.release("nobody");
    EXPECT_EQ(limiter.total(), 0u);
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
}

}  // namespace
}  // namespace p2p::relay
