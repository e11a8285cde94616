// A call from start to connected, from either page, in either join order.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

TEST(Call, StartOpensSignallingWithEveryButtonHidden) {
    CallHarness h(Role::Offer, "room-1");
    EXPECT_EQ(h.one<OpenSignalling>().room, "room-1");
    EXPECT_FALSE(h.one<ShowControls>().start);
    EXPECT_EQ(h.one<SetSignallingState>().state, SignallingState::Connecting);
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Idle);
}

TEST(Call, BothPagesShowStartOnceSignallingIsOpen) {
    for (Role role : {Role::Offer, Role::Answer}) {
        CallHarness h(role);
        h.feed(SignallingOpened{});
        EXPECT_TRUE(h.one<ShowControls>().start);
        EXPECT_TRUE(h.logged(Text::ClickStart));
    }
}

TEST(Call, CallerFlowSendsOfferThenCandidates) {
    CallHarness h = CallHarness::joined(Role::Offer, 1);
    h.feed(StartClicked{});
    EXPECT_TRUE(h.has<RequestMedia>());
    EXPECT_FALSE(h.one<ShowControls>().start);
    h.feed(MediaReady{});
    EXPECT_TRUE(h.has<ShowLocalVideo>());
    EXPECT_FALSE(h.has<CreatePeerConnection>()) << "nobody to call yet";

    h.relay(PeerJoined{});
    Generation g = h.one<CreatePeerConnection>().gen;
    EXPECT_EQ(h.one<AddLocalTracks>().gen, g);
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Negotiating);
    EXPECT_EQ(h.one<SetLocalDescription>().gen, g) << "the offer is made at once, not on negotiationneeded";

    h.feed(LocalIceCandidate{g, candidate("early")});
    EXPECT_TRUE(h.sent().empty()) << "a candidate must not overtake its offer";
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
    auto sent = h.sent();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0], Message(Offer{kSdpA, kS1})) << "every message names its session";
    EXPECT_EQ(sent[1], Message(OfferIce{candidate("early"), kS1}));

    h.relay(Answer{kSdpB, kS1});
    EXPECT_EQ(h.one<SetRemoteDescription>().type, SdpType::Answer);
    h.feed(RemoteDescriptionSet{g, SdpType::Answer});
    EXPECT_EQ(h.one<ShowNegotiations>().count, 1u);
    EXPECT_FALSE(h.one<ShowVerifyCode>().code.empty());
    h.relay(AnswerIce{candidate("remote"), kS1});
    EXPECT_EQ(h.one<AddIceCandidate>().candidate, candidate("remote"));
    h.feed(RemoteTrackArrived{g});
    EXPECT_EQ(h.one<ShowRemoteVideo>().gen, g);
    h.feed(IceStateChanged{g, "connected"});
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
}

// The offer is set while getUserMedia runs, and answered as soon as it is: with the camera's
// tracks if it is on by then, else with senders the tracks join later (no new offer).
TEST(Call, IncomingOfferIsSetWhileTheCameraStartsAndAnsweredAtOnce) {
    for (bool media_first : {false, true}) {
        CallHarness h = CallHarness::joined(Role::Answer, 1);
        h.relay(Offer{kSdpA});
        EXPECT_TRUE(h.logged(Text::IncomingCall));
        EXPECT_TRUE(h.has<RequestMedia>());
        Generation g = h.one<CreatePeerConnection>().gen;
        EXPECT_EQ(h.one<SetRemoteDescription>().type, SdpType::Offer);
        EXPECT_FALSE(h.has<AddLocalTracks>()) << "tracks wait for the offer so they reuse its transceivers";
        h.relay(OfferIce{candidate("c1")});
        EXPECT_EQ(h.one<AddIceCandidate>().candidate, candidate("c1")) << "chained after the offer";

        if (media_first) {
            h.feed(MediaReady{});
            EXPECT_FALSE(h.has<AddLocalTracks>()) << "the offer is not set yet";
            h.feed(RemoteDescriptionSet{g, SdpType::Offer});
            EXPECT_EQ(h.one<AddLocalTracks>().gen, g);
            EXPECT_EQ(h.one<PrepareSenders>().gen, g) << "tracks always go onto prepared senders";
        } else {
            h.feed(RemoteDescriptionSet{g, SdpType::Offer});
            EXPECT_EQ(h.one<PrepareSenders>().gen, g);
        }
        EXPECT_EQ(h.one<SetLocalDescription>().gen, g) << "the answer does not wait for the camera";
        if (!media_first) {
            h.feed(MediaReady{});
            EXPECT_EQ(h.one<AddLocalTracks>().gen, g);
            EXPECT_FALSE(h.has<SetLocalDescription>()) << "the tracks join the answered senders";
        }
        EXPECT_EQ(h.gen(), g) << "the same connection answers";
    }
}

TEST(Call, AnswerCarriesTheCameraAndItsCandidatesFollowIt) {
    CallHarness h = CallHarness::joined(Role::Answer, 1);
    h.relay(PeerJoined{});
    h.relay(Offer{kSdpA});
    Generation g = h.gen();
    h.feed(MediaReady{});
    h.feed(RemoteDescriptionSet{g, SdpType::Offer});
    h.feed(LocalDescriptionSet{g, SdpType::Answer, kSdpB});
    EXPECT_EQ(h.sent(), std::vector<Message>{Answer{kSdpB}});
    EXPECT_FALSE(h.one<ShowVerifyCode>().code.empty());
    h.feed(LocalIceCandidate{g, candidate("mine")});
    EXPECT_EQ(h.sent(), std::vector<Message>{AnswerIce{candidate("mine")}}) << "answer page sends answer_ice";
}

TEST(Call, AnswerPageMayCallFirstAndSendsAnOffer) {
    CallHarness h = CallHarness::calling(Role::Answer);
    Generation g = h.one<CreatePeerConnection>().gen;
    EXPECT_EQ(h.one<SetLocalDescription>().gen, g);
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpB});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpB, kS1}}));
}

TEST(Call, OfferPageAcceptsAnOfferFromTheAnswerPage) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.relay(Offer{kSdpB});
    h.feed(MediaReady{});
    Generation g = h.gen();
    h.feed(RemoteDescriptionSet{g, SdpType::Offer});
    EXPECT_TRUE(h.has<AddLocalTracks>());
    h.feed(LocalDescriptionSet{g, SdpType::Answer, kSdpA});
    EXPECT_EQ(h.sent(), std::vector<Message>{Answer{kSdpA}});
    h.feed(LocalIceCandidate{g, candidate("mine")});
    EXPECT_EQ(h.sent(), std::vector<Message>{OfferIce{candidate("mine")}});
}

std::vector<StartTimer> chat_timers(const CallHarness& h) {
    std::vector<StartTimer> out;
    for (const StartTimer& t : h.all<StartTimer>()) {
        if (t.kind == TimerKind::OpenChat) out.push_back(t);
    }
    return out;
}

// The chat channel's SCTP set-up in the first offer delayed the first frames: it comes after.
// Only the page that made the session's first offer renegotiates, so that page opens it.
TEST(Call, TheSessionsFirstOffererOpensTheChatChannelHalfASecondAfterTheCallConnects) {
    CallHarness follower = CallHarness::joined(Role::Offer, 2);
    follower.relay(Offer{kSdpB, kTheirs});
    follower.feed(RemoteDescriptionSet{follower.gen(), SdpType::Offer});
    follower.feed(LocalDescriptionSet{follower.gen(), SdpType::Answer, kSdpA});
    follower.feed(IceStateChanged{follower.gen(), "connected"});
    EXPECT_TRUE(chat_timers(follower).empty()) << "the page that answered waits for the other's channel";
    for (Role role : {Role::Offer, Role::Answer}) {
        CallHarness h = CallHarness::calling(role);
        Generation g = h.gen();
        EXPECT_FALSE(h.has<OpenDataChannel>()) << "not in the first offer";
        h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
        h.relay(Answer{kSdpB, kS1});
        h.feed(RemoteDescriptionSet{g, SdpType::Answer});
        h.feed(IceStateChanged{g, "connected"});
        std::vector<StartTimer> chat = chat_timers(h);
        ASSERT_EQ(chat.size(), 1u);
        EXPECT_EQ(chat[0].delay_ms, 500);
        h.feed(TimerFired{TimerKind::OpenChat, chat[0].token});
        EXPECT_EQ(h.one<OpenDataChannel>().gen, g);
        h.feed(NegotiationNeeded{g});
        EXPECT_EQ(h.one<SetLocalDescription>().gen, g) << "a renegotiation carries it";
        h.feed(IceStateChanged{g, "disconnected"});
        h.feed(IceStateChanged{g, "connected"});
        EXPECT_TRUE(chat_timers(h).empty()) << "once per connection";
    }
}

TEST(Call, IceServersFromJoinedReachTheConnection) {
    IceServer turn{{"turn:relay:3478?transport=udp"}, "u", "c"};
    for (Role role : {Role::Offer, Role::Answer}) {
        CallHarness h = CallHarness::calling(CallHarness::config(role, "default"), {turn});
        EXPECT_EQ(h.one<CreatePeerConnection>().ice_servers, std::vector<IceServer>{turn});
    }
}

TEST(Call, ReadyFromAFreshPeerDoesNotReplaceAConnectionMadeForIt) {
    CallHarness h = CallHarness::joined(Role::Offer, 1);
    h.feed(StartClicked{});
    h.feed(MediaReady{});
    h.relay(PeerJoined{});
    EXPECT_TRUE(h.sent_a<Ready>()) << "a page without a connection says so";
    Generation g = h.gen();
    h.relay(Ready{});
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    EXPECT_EQ(h.gen(), g);
}

}  // namespace
}  // namespace p2p::client::test
