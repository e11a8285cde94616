// When pages get renewed TURN credentials: at 80% of the TTL, each on its own schedule.
#include "server/credential_schedule.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

using namespace std::chrono_literals;

const WallClock::time_point kStart = WallClock::time_point(1'700'000'000s);

TEST(CredentialSchedule, RenewsAtEightyPercentAndChecksTwentyTimesPerTtl) {
    CredentialSchedule schedule(3600s);
    EXPECT_EQ(schedule.renew_after(), 2880s);
    EXPECT_EQ(schedule.check_interval(), 180s);
    schedule.issued(1, "id-1", kStart);
    EXPECT_TRUE(schedule.take_due(kStart + 2879s).empty());
    EXPECT_EQ(schedule.take_due(kStart + 2880s), (std::vector<DueCredential>{{1, "id-1"}}));
}

TEST(CredentialSchedule, TheCheckIntervalIsAtLeastOneSecond) {
    EXPECT_EQ(CredentialSchedule(10s).check_interval(), 1s);
    EXPECT_EQ(CredentialSchedule(10s).renew_after(), 8s);
}

TEST(CredentialSchedule, ARenewedPeerIsDueAgainEightyPercentLater) {
    CredentialSchedule schedule(100s);
    schedule.issued(7, "seven", kStart);
    EXPECT_EQ(schedule.take_due(kStart + 85s).size(), 1u);
    EXPECT_TRUE(schedule.take_due(kStart + 85s).empty());
    EXPECT_TRUE(schedule.take_due(kStart + 164s).empty());
    EXPECT_EQ(schedule.take_due(kStart + 165s), (std::vector<DueCredential>{{7, "seven"}}));
}

TEST(CredentialSchedule, EachPeerOnItsOwnClockInPeerOrder) {
    CredentialSchedule schedule(100s);
    schedule.issued(3, "c", kStart + 10s);
    schedule.issued(2, "b", kStart);
    schedule.issued(1, "a", kStart + 50s);
    EXPECT_EQ(schedule.take_due(kStart + 90s), (std::vector<DueCredential>{{2, "b"}, {3, "c"}}));
    EXPECT_EQ(schedule.take_due(kStart + 130s), (std::vector<DueCredential>{{1, "a"}}));
}

TEST(CredentialSchedule, ForgottenPeersAreNeverDue) {
    CredentialSchedule schedule(100s);
    schedule.issued(1, "a", kStart);
    schedule.issued(2, "b", kStart);
    schedule.forget(1);
    schedule.forget(99);  // unknown: ignored
    EXPECT_EQ(schedule.size(), 1u);
    EXPECT_EQ(schedule.take_due(kStart + 100s), (std::vector<DueCredential>{{2, "b"}}));
}

}  // namespace
}  // namespace p2p::relay
