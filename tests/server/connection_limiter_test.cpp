#include "server/connection_limiter.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

using Outcome = ConnectionLimiter::Outcome;

TEST(ConnectionLimiter, PerIpCapRefusesOnlyThatIp) {
    ConnectionLimiter limiter(100, 2);
    EXPECT_EQ(limiter.admit("10.0.0.1"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("10.0.0.1"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("10.0.0.1"), Outcome::over_per_ip);
    EXPECT_EQ(limiter.admit("10.0.0.2"), Outcome::admitted);
    EXPECT_EQ(limiter.for_ip("10.0.0.1"), 2u);
    EXPECT_EQ(limiter.total(), 4u) << "the refused one holds an overall slot while it is told 429";
}

TEST(ConnectionLimiter, ReleaseFreesThePlace) {
    ConnectionLimiter limiter(100, 1);
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("a"), Outcome::over_per_ip);
    limiter.release("a", Outcome::over_per_ip);
    EXPECT_EQ(limiter.for_ip("a"), 1u);
    limiter.release("a", Outcome::admitted);
    EXPECT_EQ(limiter.for_ip("a"), 0u);
    EXPECT_EQ(limiter.total(), 0u);
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
}

TEST(ConnectionLimiter, OverallCapRefusesEveryone) {
    ConnectionLimiter limiter(2, 5);
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("b"), Outcome::admitted);
    EXPECT_EQ(limiter.admit("c"), Outcome::over_total);
    limiter.release("c", Outcome::over_total);
    EXPECT_EQ(limiter.total(), 2u) << "an uncounted refusal releases nothing";
    limiter.release("a", Outcome::admitted);
    EXPECT_EQ(limiter.admit("c"), Outcome::admitted);
}

TEST(ConnectionLimiter, UnknownReleasesAreHarmless) {
    ConnectionLimiter limiter(2, 2);
    limiter.release("nobody", Outcome::admitted);
    EXPECT_EQ(limiter.total(), 0u);
    EXPECT_EQ(limiter.admit("a"), Outcome::admitted);
}

}  // namespace
}  // namespace p2p::relay
