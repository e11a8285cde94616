// A relay that holds a lost page's seat (joined carries resumeWindowSeconds): "peer_away" means
// the other page's network went and it will be back, so the call waits for it whatever the
// media path does; "peer_left" means the person left, so a call whose media is down ends at once.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

constexpr unsigned kWindow = 60;

TEST(WaitingSeat, APeerAwayIsWaitedForAndTheCallMendsWhenItIsBack) {
    CallHarness h = CallHarness::connected(Role::Offer, kWindow);
    h.relay(PeerAway{});
    EXPECT_TRUE(h.noticed(Text::PeerReconnecting));
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    h.feed(IceStateChanged{h.gen(), "failed"});
    EXPECT_FALSE(h.has<ClosePeerConnection>()) << "it is coming back: the call waits";
    EXPECT_EQ(h.machine.call_state(), CallState::Reconnecting);
    h.relay(PeerJoined{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}}));
    h.relay(Ready{kS1});
    EXPECT_TRUE(h.has<RestartIce>()) << "back with the same session: mended at once";
    EXPECT_FALSE(h.has<ClosePeerConnection>());
}

TEST(WaitingSeat, NothingGoesToAPeerThatIsAway) {
    CallHarness h = CallHarness::connected(Role::Offer, kWindow);
    h.relay(PeerAway{});
    h.feed(IceStateChanged{h.gen(), "failed"});
    EXPECT_TRUE(h.sent().empty()) << "a restart offer would be dropped by the relay";
}

TEST(WaitingSeat, PeerLeftFromSuchARelayEndsACallWhoseMediaIsDownAtOnce) {
    CallHarness h = CallHarness::connected(Role::Offer, kWindow);
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    ASSERT_EQ(h.machine.call_state(), CallState::Reconnecting);
    h.relay(PeerLeft{});
    EXPECT_TRUE(h.has<ClosePeerConnection>()) << "the person left: nobody is coming back";
    EXPECT_TRUE(h.noticed(Text::PeerLeft));
    EXPECT_EQ(h.machine.call_state(), CallState::Ended);
}

TEST(WaitingSeat, AnOlderRelaysPeerLeftDuringRecoveryIsStillWaitedFor) {
    CallHarness h = CallHarness::connected(Role::Offer, 0);
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    h.relay(PeerLeft{});
    EXPECT_FALSE(h.has<ClosePeerConnection>()) << "without seats, peer_left may be its network";
    EXPECT_TRUE(h.noticed(Text::PeerOffline));
}

TEST(WaitingSeat, PeerLeftWhileMediaFlowsEndsTheCallWhenTheMediaStops) {
    CallHarness h = CallHarness::connected(Role::Offer, kWindow);
    h.relay(PeerLeft{});
    EXPECT_FALSE(h.has<ClosePeerConnection>()) << "frames still arrive";
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    EXPECT_TRUE(h.has<ClosePeerConnection>());
    EXPECT_EQ(h.machine.call_state(), CallState::Ended);
}

TEST(WaitingSeat, AnAwaySeatThatEndsEndsTheWaitingCall) {
    CallHarness h = CallHarness::connected(Role::Offer, kWindow);
    h.relay(PeerAway{});
    h.feed(IceStateChanged{h.gen(), "failed"});
    h.relay(PeerLeft{});  // the resume window passed
    EXPECT_TRUE(h.has<ClosePeerConnection>());
    EXPECT_EQ(h.machine.call_state(), CallState::Ended);
}

TEST(WaitingSeat, ANewcomerToldThePeerIsAwayWaitsAndCallsWhenItIsBack) {
    CallHarness h = CallHarness::joined(CallHarness::config(Role::Answer, "default"), 1, {}, kWindow);
    h.relay(PeerAway{});
    EXPECT_TRUE(h.noticed(Text::PeerReconnecting));
    h.relay(PeerJoined{});
    EXPECT_TRUE(h.has<ClearNotice>());
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{}}));
}

}  // namespace
}  // namespace p2p::client::test
