// The offer page's prepared call: connection, transceivers and offer made while both people are
// in the room, held until the click, then sent at once while the camera starts.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

TEST(PreparedCall, OfferPagePreparesOnJoiningAndSendsNothingUntilTheClick) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    Generation g = h.one<CreatePeerConnection>().gen;
    EXPECT_EQ(h.one<PrepareSenders>().gen, g);
    EXPECT_EQ(h.one<SetLocalDescription>().gen, g);
    EXPECT_FALSE(h.has<SetCallState>()) << "no call before the click";
    EXPECT_FALSE(h.has<StartTimer>());
    EXPECT_EQ(h.sent(), std::vector<Message>{Ready{}});
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
    h.feed(LocalIceCandidate{g, candidate("early")});
    EXPECT_TRUE(h.sent().empty());
    EXPECT_EQ(h.machine.call_state(), CallState::Idle);

    h.feed(StartClicked{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpA, kS1}, OfferIce{candidate("early"), kS1}}));
    EXPECT_TRUE(h.has<RequestMedia>());
    EXPECT_EQ(h.machine.call_state(), CallState::Negotiating);
    h.feed(MediaReady{});
    AddLocalTracks tracks = h.one<AddLocalTracks>();
    EXPECT_EQ(tracks.gen, g);
    EXPECT_FALSE(h.has<SetLocalDescription>()) << "the tracks join the offered senders: no new offer";
    EXPECT_EQ(h.machine.call_state(), CallState::Negotiating);
}

TEST(PreparedCall, AClickBeforeTheOfferIsSetSendsItOnceSet) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    Generation g = h.gen();
    h.feed(StartClicked{});
    EXPECT_TRUE(h.sent().empty());
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpA, kS1}}));
}

TEST(PreparedCall, TheAnswerPagePreparesNothing) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    EXPECT_FALSE(h.has<CreatePeerConnection>());
}

TEST(PreparedCall, NothingIsPreparedWithoutThePeer) {
    CallHarness h = CallHarness::joined(Role::Offer, 1);
    EXPECT_FALSE(h.has<CreatePeerConnection>());
    h.relay(PeerJoined{});
    EXPECT_TRUE(h.has<CreatePeerConnection>());
}

TEST(PreparedCall, TheirOfferFirstReplacesIt) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    Generation prepared = h.gen();
    h.feed(LocalDescriptionSet{prepared, SdpType::Offer, kSdpA});
    h.relay(Offer{kSdpB});
    EXPECT_FALSE(h.logged(Text::GlareIgnored)) << "our offer was never sent: no glare";
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, prepared);
    EXPECT_NE(h.one<CreatePeerConnection>().gen, prepared);
    EXPECT_EQ(h.one<SetRemoteDescription>().type, SdpType::Offer);
    EXPECT_TRUE(h.has<RequestMedia>());
}

TEST(PreparedCall, PeerLeavingOrComingBackDropsIt) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    Generation prepared = h.gen();
    h.relay(PeerLeft{});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, prepared);
    EXPECT_FALSE(h.has<SetCallState>()) << "no call ended: there was none";
    h.relay(PeerJoined{});
    EXPECT_GT(h.one<CreatePeerConnection>().gen, prepared);
    h.feed(SignallingClosed{1006, ""});
    EXPECT_TRUE(h.has<ClosePeerConnection>());
}

TEST(PreparedCall, AFailedPreparationIsDroppedQuietlyAndTheClickStillCalls) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.feed(PeerOperationFailed{h.gen(), PeerOperation::SetLocalDescription, "boom"});
    EXPECT_TRUE(h.has<ClosePeerConnection>());
    EXPECT_FALSE(h.has<SetCallState>());
    EXPECT_TRUE(h.logged(Text::PeerOperationFailed, LogLevel::Debug));
    h.feed(StartClicked{});
    EXPECT_TRUE(h.has<CreatePeerConnection>());
    EXPECT_TRUE(h.has<SetLocalDescription>()) << "the offer does not wait for the camera";
    h.feed(MediaReady{});
    EXPECT_TRUE(h.has<AddLocalTracks>());
}

TEST(PreparedCall, AnAnswerToTheUnsentOfferIsIgnored) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    h.relay(Answer{kSdpB, kS1});
    EXPECT_FALSE(h.has<SetRemoteDescription>());
}

TEST(PreparedCall, CameraRefusedAfterTheOfferWentOutTellsThePeer) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    h.feed(StartClicked{});
    h.feed(MediaFailed{"NotAllowedError", "denied"});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Hangup{kS1}}));
    EXPECT_TRUE(h.noticed(Text::PermissionDenied));
}

}  // namespace
}  // namespace p2p::client::test
