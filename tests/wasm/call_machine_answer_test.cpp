// The answer side: media on the first offer, answer, queued candidates, and waiting again.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

// From a received offer (media already granted) to the answer being sent; returns the generation.
Generation answer_offer(CallHarness& h, const std::string& offer_sdp) {
    h.relay(Offer{offer_sdp});
    Generation gen = h.one<CreatePeerConnection>().gen;
    h.feed(RemoteDescriptionSet{gen});
    h.feed(LocalDescriptionCreated{gen, SdpType::Answer, "v=0 answer"});
    h.feed(LocalDescriptionSet{gen});
    return gen;
}

TEST(AnswerSide, NeverShowsTheStartButton) {
    CallHarness h(Role::Answer);
    h.feed(SignallingOpened{});
    EXPECT_FALSE(h.has<ShowStartButton>());
    h.feed(StartClicked{});
    EXPECT_TRUE(h.last.empty());
}

TEST(AnswerSide, FullFlowWithCandidatesQueuedBeforeTheOffer) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    EXPECT_TRUE(h.logged(Text::WaitingForOffer));

    h.relay(Offer{"v=0 offer"});
    EXPECT_TRUE(h.logged(Text::OfferReceived));
    EXPECT_TRUE(h.has<RequestMedia>());
    EXPECT_FALSE(h.has<CreatePeerConnection>()) << "tracks must exist before the connection";

    h.relay(OfferIce{candidate("o1")});
    h.relay(OfferIce{candidate("o2")});
    EXPECT_TRUE(h.logged(Text::CandidateQueued));
    EXPECT_FALSE(h.has<AddIceCandidate>());

    h.feed(MediaReady{});
    EXPECT_TRUE(h.has<ShowLocalVideo>());
    Generation gen = h.one<CreatePeerConnection>().gen;
    SetRemoteDescription srd = h.one<SetRemoteDescription>();
    EXPECT_EQ(srd.gen, gen);
    EXPECT_EQ(srd.type, SdpType::Offer);
    EXPECT_EQ(srd.sdp, "v=0 offer");
    EXPECT_EQ(h.all<SetCallState>().back().state, CallState::Negotiating);
    EXPECT_FALSE(h.has<AddIceCandidate>()) << "still no remote description";

    h.feed(RemoteDescriptionSet{gen});
    auto added = h.all<AddIceCandidate>();
    ASSERT_EQ(added.size(), 2u);
    EXPECT_EQ(added[0].candidate, candidate("o1"));
    EXPECT_EQ(added[1].candidate, candidate("o2"));
    EXPECT_EQ(h.one<CreateAnswer>().gen, gen);

    h.feed(LocalDescriptionCreated{gen, SdpType::Answer, "v=0 answer"});
    EXPECT_EQ(h.one<SetLocalDescription>().type, SdpType::Answer);
    h.feed(LocalDescriptionSet{gen});
    ASSERT_EQ(h.sent().size(), 1u);
    EXPECT_EQ(h.sent()[0], Message(Answer{"v=0 answer"}));
    EXPECT_TRUE(h.logged(Text::AnswerSent));

    h.feed(LocalIceCandidate{gen, candidate("a1")});
    ASSERT_EQ(h.sent().size(), 1u);
    EXPECT_EQ(h.sent()[0], Message(AnswerIce{candidate("a1")}));

    h.relay(OfferIce{candidate("o3")});
    EXPECT_EQ(h.one<AddIceCandidate>().candidate, candidate("o3"));

    h.feed(IceStateChanged{gen, "completed"});
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Connected);
}

TEST(AnswerSide, PeerLeftResetsAndTheNextOfferReusesTheStream) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Offer{"v=0 first"});
    h.feed(MediaReady{});
    Generation first = h.gen();

    h.relay(PeerLeft{});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, first);
    EXPECT_TRUE(h.has<ClearRemoteVideo>());
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Ended);

    // The offer page reloaded and calls again.
    h.relay(PeerJoined{});
    EXPECT_FALSE(h.has<CreatePeerConnection>()) << "the answer side waits for an offer";
    Generation second = answer_offer(h, "v=0 second");
    EXPECT_NE(second, first);
    EXPECT_EQ(h.sent().at(0), Message(Answer{"v=0 answer"}));
}

TEST(AnswerSide, NewOfferReplacesTheCurrentConnection) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Offer{"v=0 first"});
    h.feed(MediaReady{});
    Generation first = h.gen();
    h.relay(Offer{"v=0 second"});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, first);
    EXPECT_FALSE(h.has<RequestMedia>());
    EXPECT_EQ(h.one<SetRemoteDescription>().sdp, "v=0 second");
    EXPECT_NE(h.one<CreatePeerConnection>().gen, first);
}

TEST(AnswerSide, StaleCandidatesDoNotLeakIntoTheNextOffer) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Offer{"v=0 first"});
    h.relay(OfferIce{candidate("old")});
    h.relay(PeerLeft{});
    h.relay(Offer{"v=0 second"});
    h.feed(MediaReady{});
    h.feed(RemoteDescriptionSet{h.gen()});
    EXPECT_FALSE(h.has<AddIceCandidate>());
}

TEST(AnswerSide, OfferIceWithoutAnOfferIsIgnored) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(OfferIce{candidate("x")});
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage));
    h.relay(Answer{"v=0"});
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage));
    h.relay(AnswerIce{candidate("x")});
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage));
}

TEST(AnswerSide, MediaFailureFailsAndTheNextOfferTriesAgain) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Offer{"v=0"});
    h.feed(MediaFailed{"NotFoundError", "Requested device not found"});
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Failed);
    EXPECT_TRUE(h.logged(Text::MediaFailed, LogLevel::Error));
    EXPECT_FALSE(h.has<CreatePeerConnection>());
    EXPECT_FALSE(h.has<ShowStartButton>());

    h.relay(Offer{"v=0 again"});
    EXPECT_TRUE(h.has<RequestMedia>());
    h.feed(MediaReady{});
    EXPECT_EQ(h.one<SetRemoteDescription>().sdp, "v=0 again");
}

TEST(AnswerSide, SecondOfferWhileMediaPendingKeepsOneRequest) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Offer{"v=0 first"});
    h.relay(Offer{"v=0 second"});
    EXPECT_FALSE(h.has<RequestMedia>());
    h.feed(MediaReady{});
    EXPECT_EQ(h.one<SetRemoteDescription>().sdp, "v=0 second");
}

}  // namespace
}  // namespace p2p::client::test
