// Messages that cross: a resent offer, and hang-ups that cross a new session of either page.
// Each case here was found by the model test (tests/wasm/model) or the repetition e2e.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

// A page resends its offer when the peer's Ready leaves it unsure the first one arrived; when
// both arrive, the second must not be applied again (a second implicit setLocalDescription in
// stable makes an offer: the answering page then offered in a session it does not control).
TEST(Crossing, AResentOfferIsAppliedOnceAndGetsTheSameAnswer) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Offer{kSdpB, kTheirs});
    EXPECT_TRUE(h.has<SetRemoteDescription>());
    h.relay(Offer{kSdpB, kTheirs});  // while ours is being made
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    EXPECT_TRUE(h.logged(Text::OfferRepeated));
    EXPECT_TRUE(h.sent().empty()) << "the answer goes out when it is made";
    h.feed(RemoteDescriptionSet{h.gen(), SdpType::Offer});
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Answer, kSdpA});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Answer{kSdpA, kTheirs}}));
    h.relay(Offer{kSdpB, kTheirs});  // after our answer
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    EXPECT_EQ(h.sent(), (std::vector<Message>{Answer{kSdpA, kTheirs}})) << "the same answer again";
    h.relay(Offer{kSdpA, kTheirs});  // a real renegotiation: another offer
    EXPECT_TRUE(h.has<SetRemoteDescription>());
}

// Our call dropped (the peer's socket went), we called again, and hung up before any answer:
// the peer may never have had the new offer and still hold the old call, or have dropped the
// old one for it. The hang-up names both, so either way it ends there.
TEST(Crossing, AHangupBeforeTheNewCallsAnswerAlsoNamesTheCallThatDropped) {
    CallHarness h = CallHarness::connected();
    h.relay(PeerLeft{});
    h.relay(PeerJoined{});
    h.relay(Ready{});  // the peer came back holding nothing: we call again
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    ASSERT_EQ(h.machine.session()->id(), kS2);
    h.feed(HangupClicked{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Hangup{kS2}, Hangup{kS1}}));
    EXPECT_EQ(h.one<RememberHangup>().sessions, (std::vector<std::string>{*kS2, *kS1}));
}

// We dropped our offer in glare and answered theirs; they hung up at once, and may have taken
// our dropped offer for a new call meanwhile: our reply hangs that one up too.
TEST(Crossing, APeerHangupAfterGlareAlsoEndsTheOfferWeDropped) {
    CallHarness h = CallHarness::calling(Role::Answer);
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    h.relay(Offer{kSdpB, kTheirs});
    ASSERT_TRUE(h.logged(Text::GlareWithdraw));
    h.relay(Hangup{kTheirs});
    EXPECT_TRUE(h.noticed(Text::PeerHungUp));
    EXPECT_EQ(h.sent(), (std::vector<Message>{Hangup{kS1}}));
    EXPECT_FALSE(h.machine.in_call());
}

}  // namespace
}  // namespace p2p::client::test
