#include "server/token_bucket.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

using namespace std::chrono_literals;
const TokenBucket::Clock::time_point t0{};

int take_all(TokenBucket& bucket, TokenBucket::Clock::time_point now) {
    int taken = 0;
    while (bucket.try_take(now)) ++taken;
    return taken;
}

TEST(TokenBucket, StartsFullWithTheBurst) {
    TokenBucket bucket(50, 200, t0);
    EXPECT_EQ(take_all(bucket, t0), 200);
    EXPECT_FALSE(bucket.try_take(t0));
}

TEST(TokenBucket, RefillsAtTheRate) {
    TokenBucket bucket(50, 200, t0);
    take_all(bucket, t0);
    EXPECT_EQ(take_all(bucket, t0 + 100ms), 5);
    EXPECT_EQ(take_all(bucket, t0 + 1100ms), 50);
}

TEST(TokenBucket, NeverHoldsMoreThanTheBurst) {
    TokenBucket bucket(50, 200, t0);
    EXPECT_EQ(take_all(bucket, t0 + 1h), 200);
}

TEST(TokenBucket, ClockGoingBackwardsAddsNothing) {
    TokenBucket bucket(10, 1, t0 + 1s);
    EXPECT_TRUE(bucket.try_take(t0 + 1s));
    EXPECT_FALSE(bucket.try_take(t0));
    EXPECT_FALSE(bucket.try_take(t0 + 1s));
    EXPECT_TRUE(bucket.try_take(t0 + 1100ms));
}

TEST(TokenBucket, SustainedRateIsAllowedForever) {
    TokenBucket bucket(50, 1, t0);
    for (int i = 1; i <= 1000; ++i) EXPECT_TRUE(bucket.try_take(t0 + i * 20ms)) << i;
}

}  // namespace
}  // namespace p2p::relay
