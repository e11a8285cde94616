// Perfect negotiation: glare on either side, renegotiation from either side, stale offers.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"
#include "wasm/verification.hpp"

namespace p2p::client::test {
namespace {

// Both pages pressed start: each has made its own offer when the other's arrives.
CallHarness glare(Role role) {
    CallHarness h = CallHarness::calling(role);
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    return h;
}

TEST(Glare, ImpoliteOfferPageIgnoresTheCollidingOffer) {
    CallHarness h = glare(Role::Offer);
    h.relay(Offer{kSdpB, kTheirs});
    EXPECT_TRUE(h.logged(Text::GlareIgnored));
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    h.relay(AnswerIce{candidate("sent-with-their-offer"), kTheirs});
    EXPECT_FALSE(h.has<AddIceCandidate>());
    EXPECT_TRUE(h.logged(Text::StaleSession, LogLevel::Debug)) << "of the session we ignored: dropped";
    h.relay(Answer{kSdpB, kS1});  // their answer to our offer completes the exchange
    EXPECT_EQ(h.one<SetRemoteDescription>().type, SdpType::Answer);
    h.feed(RemoteDescriptionSet{h.gen(), SdpType::Answer});
    h.relay(AnswerIce{candidate("sent-again-with-their-answer"), kS1});
    EXPECT_EQ(h.one<AddIceCandidate>().candidate.candidate, "sent-again-with-their-answer");
}

// They clicked, then hung up at once, while our offer crossed theirs: it reached them as a call
// they would answer by themselves, so we hang it up too.
TEST(Glare, AHangupOfTheOfferWeIgnoredEndsOurCallOnBothSides) {
    CallHarness h = glare(Role::Offer);
    h.relay(Offer{kSdpB, kTheirs});
    h.relay(Hangup{kTheirs});
    EXPECT_TRUE(h.noticed(Text::PeerHungUp));
    EXPECT_EQ(h.sent(), (std::vector<Message>{Hangup{kS1}}));
    EXPECT_FALSE(h.machine.in_call());
}

// Not by rolling its own connection back: Chromium, rolled back while it gathers, may never
// gather for the answer. A fresh connection answers, under their session.
TEST(Glare, PoliteAnswerPageDropsItsOfferAndAnswersTheirsOnAFreshConnection) {
    CallHarness h = glare(Role::Answer);
    Generation ours = h.gen();
    h.feed(LocalIceCandidate{ours, candidate("gathered-for-our-offer")});
    EXPECT_EQ(h.sent(), (std::vector<Message>{AnswerIce{candidate("gathered-for-our-offer"), kS1}}));
    h.relay(Offer{kSdpB, kTheirs});
    EXPECT_TRUE(h.logged(Text::GlareWithdraw));
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, ours);
    Generation fresh = h.one<CreatePeerConnection>().gen;
    EXPECT_NE(fresh, ours);
    SetRemoteDescription srd = h.one<SetRemoteDescription>();
    EXPECT_EQ(srd.gen, fresh);
    EXPECT_EQ(srd.type, SdpType::Offer);
    h.feed(LocalIceCandidate{ours, candidate("late-from-the-closed-one")});
    EXPECT_TRUE(h.sent().empty()) << "nothing of the closed connection";
    h.feed(RemoteDescriptionSet{fresh, SdpType::Offer});
    EXPECT_TRUE(h.has<SetLocalDescription>());
    EXPECT_TRUE(h.has<PrepareSenders>());
    EXPECT_TRUE(h.has<AddLocalTracks>());
    h.feed(LocalDescriptionSet{fresh, SdpType::Answer, kSdpA});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Answer{kSdpA, kTheirs}}));
    EXPECT_EQ(h.one<ShowNegotiations>().count, 1u);
    h.feed(LocalIceCandidate{fresh, candidate("gathered-for-the-answer")});
    EXPECT_EQ(h.sent(), (std::vector<Message>{AnswerIce{candidate("gathered-for-the-answer"), kTheirs}}));
    EXPECT_FALSE(h.machine.session()->controller()) << "they renegotiate this session, not us";
    EXPECT_TRUE(h.machine.in_call());
}

TEST(Glare, PoliteSideYieldsEvenWhileItsOfferIsInFlight) {
    CallHarness h = CallHarness::calling(Role::Answer);  // setLocalDescription() issued, not yet done
    h.relay(Offer{kSdpB});
    EXPECT_TRUE(h.logged(Text::GlareYield));  // the Node demo's offer: of our session, rolled back
    EXPECT_TRUE(h.has<SetRemoteDescription>());
}

TEST(Glare, ImpoliteSideIgnoresWhileItsOfferIsInFlight) {
    CallHarness h = CallHarness::calling(Role::Offer);
    h.relay(Offer{kSdpB});
    EXPECT_TRUE(h.logged(Text::GlareIgnored));
}


TEST(Renegotiation, TheSessionsFirstOffererRenegotiatesAConnectedCall) {
    for (Role role : {Role::Offer, Role::Answer}) {
        CallHarness h = CallHarness::connected(role);
        Generation g = h.gen();
        h.feed(NegotiationNeeded{g});
        EXPECT_TRUE(h.has<SetLocalDescription>());
        h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
        EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpA, kS1}}));
        h.relay(Answer{kSdpB, kS1});
        h.feed(RemoteDescriptionSet{g, SdpType::Answer});
        EXPECT_EQ(h.one<ShowNegotiations>().count, 2u);
        EXPECT_EQ(h.gen(), g) << "renegotiation keeps the same connection";
    }
}

// An offer from the page that answered the first one would swap the DTLS roles in Firefox.
TEST(Renegotiation, ThePageThatAnsweredNeverOffersInThatSession) {
    CallHarness h = CallHarness::follower();
    h.feed(NegotiationNeeded{h.gen()});
    EXPECT_FALSE(h.has<SetLocalDescription>());
    EXPECT_TRUE(h.logged(Text::NegotiationLeftToPeer, LogLevel::Debug));
}

TEST(Renegotiation, RemoteReofferOnAConnectedCallIsAnswered) {
    CallHarness h = CallHarness::follower();
    Generation g = h.gen();
    h.relay(Offer{kSdpB, kTheirs});
    EXPECT_FALSE(h.logged(Text::GlareIgnored));
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    h.feed(RemoteDescriptionSet{g, SdpType::Offer});
    EXPECT_FALSE(h.has<AddLocalTracks>()) << "already on";
    h.feed(LocalDescriptionSet{g, SdpType::Answer, kSdpA});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Answer{kSdpA, kTheirs}}));
}

TEST(Renegotiation, AnOfferOfAnotherSessionReplacesAConnectedOne) {
    CallHarness h = CallHarness::follower();
    Generation old = h.gen();
    h.relay(Offer{kSdpB, "peer-2"});  // e.g. the other page started afresh after a failure
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, old);
    EXPECT_NE(h.one<CreatePeerConnection>().gen, old) << "closed before the new one is made";
    EXPECT_EQ(h.machine.session()->id(), SessionId("peer-2"));
}

TEST(Renegotiation, AStaleAnswerIsDropped) {
    CallHarness h = CallHarness::calling(Role::Offer);
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    h.relay(Answer{kSdpB, "page-0"});
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    EXPECT_TRUE(h.logged(Text::StaleSession, LogLevel::Debug));
    h.relay(Answer{kSdpB, kS1});
    EXPECT_TRUE(h.has<SetRemoteDescription>());
}

TEST(Renegotiation, NegotiationNeededDuringAnExchangeRunsAfterIt) {
    CallHarness h = CallHarness::calling(Role::Offer);
    Generation g = h.gen();
    h.feed(NegotiationNeeded{g});  // e.g. a track added while the first offer is being made
    EXPECT_FALSE(h.has<SetLocalDescription>());
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
    h.relay(Answer{kSdpB});
    h.feed(RemoteDescriptionSet{g, SdpType::Answer});
    EXPECT_TRUE(h.has<SetLocalDescription>()) << "the postponed negotiation runs now";
}

TEST(Renegotiation, AnswerWithoutOurOfferIsIgnored) {
    CallHarness h = CallHarness::connected(Role::Offer);
    h.relay(Answer{kSdpB});
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage, LogLevel::Debug));
}

TEST(Verification, BothSidesShowTheSameCode) {
    CallHarness a = CallHarness::connected(Role::Offer);  // local A, remote B
    CallHarness b = CallHarness::joined(Role::Answer, 2);
    b.relay(Offer{kSdpA});
    b.feed(MediaReady{});
    b.feed(RemoteDescriptionSet{b.gen(), SdpType::Offer});
    b.feed(LocalDescriptionSet{b.gen(), SdpType::Answer, kSdpB});
    std::string code_b = b.one<ShowVerifyCode>().code;
    EXPECT_EQ(code_b.size(), 7u);
    const CallSession* sa = a.machine.session();
    EXPECT_EQ(sa->local_fingerprint(), "sha-256 aa:aa");
    EXPECT_EQ(code_b, verification_code(sa->local_fingerprint(), sa->remote_fingerprint()));
    a.feed(HangupClicked{});
    EXPECT_EQ(a.one<ShowVerifyCode>().code, "") << "the code goes with the call";
}

}  // namespace
}  // namespace p2p::client::test
