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
    h.relay(Offer{kSdpB});
    EXPECT_TRUE(h.logged(Text::GlareIgnored));
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    h.relay(AnswerIce{candidate("sent-with-their-offer")});
    EXPECT_FALSE(h.has<AddIceCandidate>()) << "no remote description yet to add it to";
    EXPECT_TRUE(h.logged(Text::CandidateQueued)) << "kept: their answer may reuse its ICE credentials";
    h.relay(Answer{kSdpB});  // their answer to our offer still completes the exchange
    EXPECT_EQ(h.one<SetRemoteDescription>().type, SdpType::Answer);
    EXPECT_EQ(h.one<AddIceCandidate>().candidate.candidate, "sent-with-their-offer");
    h.feed(PeerOperationFailed{h.gen(), PeerOperation::AddIceCandidate, "unknown ufrag"});
    EXPECT_TRUE(h.logged(Text::PeerOperationFailed, LogLevel::Debug)) << "one of the ignored offer fails quietly";
}

TEST(Glare, PoliteAnswerPageRollsBackAndAnswers) {
    CallHarness h = glare(Role::Answer);
    h.relay(Offer{kSdpB});
    EXPECT_TRUE(h.logged(Text::GlareYield));
    SetRemoteDescription srd = h.one<SetRemoteDescription>();  // implicit rollback in the browser
    EXPECT_EQ(srd.type, SdpType::Offer);
    h.feed(RemoteDescriptionSet{h.gen(), SdpType::Offer});
    EXPECT_TRUE(h.has<SetLocalDescription>());
    EXPECT_FALSE(h.has<AddLocalTracks>()) << "tracks were already added before our own offer";
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Answer, kSdpA});
    EXPECT_EQ(h.sent(), std::vector<Message>{Answer{kSdpA}});
    EXPECT_EQ(h.one<ShowNegotiations>().count, 1u);
}

TEST(Glare, PoliteSideYieldsEvenWhileItsOfferIsInFlight) {
    CallHarness h = CallHarness::calling(Role::Answer);  // setLocalDescription() issued, not yet done
    h.relay(Offer{kSdpB});
    EXPECT_TRUE(h.logged(Text::GlareYield));
    EXPECT_TRUE(h.has<SetRemoteDescription>());
}

TEST(Glare, ImpoliteSideIgnoresWhileItsOfferIsInFlight) {
    CallHarness h = CallHarness::calling(Role::Offer);
    h.relay(Offer{kSdpB});
    EXPECT_TRUE(h.logged(Text::GlareIgnored));
}

TEST(Renegotiation, EitherSideCanRenegotiateAConnectedCall) {
    for (Role role : {Role::Offer, Role::Answer}) {
        CallHarness h = CallHarness::connected(role);
        Generation g = h.gen();
        h.feed(NegotiationNeeded{g});
        EXPECT_TRUE(h.has<SetLocalDescription>());
        h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
        EXPECT_EQ(h.sent(), std::vector<Message>{Offer{kSdpA}});
        h.relay(Answer{kSdpB});
        h.feed(RemoteDescriptionSet{g, SdpType::Answer});
        EXPECT_EQ(h.one<ShowNegotiations>().count, 2u);
        EXPECT_EQ(h.gen(), g) << "renegotiation keeps the same connection";
    }
}

TEST(Renegotiation, RemoteReofferOnAConnectedCallIsAnswered) {
    CallHarness h = CallHarness::connected(Role::Offer);
    Generation g = h.gen();
    h.relay(Offer{kSdpB});
    EXPECT_FALSE(h.logged(Text::GlareIgnored));
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    h.feed(RemoteDescriptionSet{g, SdpType::Offer});
    EXPECT_FALSE(h.has<AddLocalTracks>());
    h.feed(LocalDescriptionSet{g, SdpType::Answer, kSdpA});
    EXPECT_EQ(h.sent(), std::vector<Message>{Answer{kSdpA}});
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
    const PeerSession* sa = a.machine.session();
    EXPECT_EQ(sa->local_fingerprint, "sha-256 aa:aa");
    EXPECT_EQ(code_b, verification_code(sa->local_fingerprint, sa->remote_fingerprint));
    a.feed(HangupClicked{});
    EXPECT_EQ(a.one<ShowVerifyCode>().code, "") << "the code goes with the call";
}

}  // namespace
}  // namespace p2p::client::test
