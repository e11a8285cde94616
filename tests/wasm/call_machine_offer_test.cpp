// The offer side: start button, media, offer, answer, trickle ICE, and starting over on re-join.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

// Runs the offer through setLocalDescription and returns the generation it used.
Generation complete_local_offer(CallHarness& h, const std::string& sdp = "v=0 offer") {
    Generation gen = h.gen();
    h.feed(LocalDescriptionCreated{gen, SdpType::Offer, sdp});
    h.feed(LocalDescriptionSet{gen});
    return gen;
}

TEST(OfferSide, StartOpensSignallingWithTheButtonHidden) {
    CallHarness h(Role::Offer, "room-1");
    EXPECT_EQ(h.one<OpenSignalling>().room, "room-1");
    EXPECT_FALSE(h.one<ShowStartButton>().visible);
    EXPECT_EQ(h.one<SetSignallingState>().state, SignallingState::Connecting);
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Idle);
    EXPECT_TRUE(h.logged(Text::SignallingConnecting));
}

TEST(OfferSide, FullFlowWithPeerArrivingAfterStart) {
    CallHarness h(Role::Offer);
    h.feed(SignallingOpened{});
    EXPECT_TRUE(h.one<ShowStartButton>().visible);
    EXPECT_EQ(h.one<SetSignallingState>().state, SignallingState::Open);
    h.relay(Joined{"default", 1});
    EXPECT_TRUE(h.logged(Text::JoinedRoom));

    h.feed(StartClicked{});
    EXPECT_FALSE(h.one<ShowStartButton>().visible);
    EXPECT_TRUE(h.has<RequestMedia>());
    EXPECT_TRUE(h.logged(Text::RequestingMedia));

    h.feed(MediaReady{});
    EXPECT_TRUE(h.has<ShowLocalVideo>());
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Media);
    EXPECT_FALSE(h.has<CreatePeerConnection>()) << "nobody to call yet";

    h.relay(PeerJoined{});
    Generation gen = h.one<CreatePeerConnection>().gen;
    EXPECT_EQ(h.one<CreateOffer>().gen, gen);
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Negotiating);
    EXPECT_TRUE(h.logged(Text::CreatingLocalSdp));

    h.feed(LocalDescriptionCreated{gen, SdpType::Offer, "v=0 offer"});
    SetLocalDescription sld = h.one<SetLocalDescription>();
    EXPECT_EQ(sld.type, SdpType::Offer);
    EXPECT_EQ(sld.sdp, "v=0 offer");
    EXPECT_TRUE(h.sent().empty()) << "the offer goes out only once it is set";

    h.feed(LocalIceCandidate{gen, candidate("early")});
    EXPECT_TRUE(h.sent().empty()) << "a candidate must not overtake its offer";

    h.feed(LocalDescriptionSet{gen});
    auto sent = h.sent();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0], Message(Offer{"v=0 offer"}));
    EXPECT_EQ(sent[1], Message(OfferIce{candidate("early")}));
    EXPECT_TRUE(h.logged(Text::OfferSent));

    h.feed(LocalIceCandidate{gen, candidate("late")});
    ASSERT_EQ(h.sent().size(), 1u);
    EXPECT_EQ(h.sent()[0], Message(OfferIce{candidate("late")}));

    h.relay(Answer{"v=0 answer"});
    SetRemoteDescription srd = h.one<SetRemoteDescription>();
    EXPECT_EQ(srd.gen, gen);
    EXPECT_EQ(srd.type, SdpType::Answer);
    EXPECT_EQ(srd.sdp, "v=0 answer");
    EXPECT_TRUE(h.logged(Text::AnswerReceived));

    h.feed(RemoteDescriptionSet{gen});
    h.relay(AnswerIce{candidate("remote")});
    EXPECT_EQ(h.one<AddIceCandidate>().candidate, candidate("remote"));

    h.feed(RemoteTrackArrived{gen});
    EXPECT_EQ(h.one<ShowRemoteVideo>().gen, gen);

    h.feed(IceStateChanged{gen, "checking"});
    EXPECT_TRUE(h.logged(Text::IceState));
    h.feed(ConnectionStateChanged{gen, "connected"});
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Connected);
    EXPECT_TRUE(h.logged(Text::Connected));
    h.feed(IceStateChanged{gen, "connected"});
    EXPECT_FALSE(h.logged(Text::Connected)) << "connected is announced once";
}

TEST(OfferSide, PeerAlreadyInRoomGetsOfferRightAfterMedia) {
    CallHarness h = CallHarness::offering();
    EXPECT_TRUE(h.has<CreatePeerConnection>());
    EXPECT_TRUE(h.has<CreateOffer>());
}

TEST(OfferSide, StartBeforeSignallingOpenIsIgnored) {
    CallHarness h(Role::Offer);
    h.feed(StartClicked{});
    EXPECT_TRUE(h.last.empty());
}

TEST(OfferSide, DoubleClickRequestsMediaOnce) {
    CallHarness h = CallHarness::joined(Role::Offer, 1);
    h.feed(StartClicked{});
    h.feed(StartClicked{});
    EXPECT_FALSE(h.has<RequestMedia>());
}

TEST(OfferSide, RemoteCandidatesWaitForTheRemoteDescription) {
    CallHarness h = CallHarness::offering();
    Generation gen = complete_local_offer(h);
    h.relay(Answer{"v=0 answer"});
    h.relay(AnswerIce{candidate("a")});
    EXPECT_FALSE(h.has<AddIceCandidate>());
    EXPECT_TRUE(h.logged(Text::CandidateQueued));
    h.relay(AnswerIce{candidate("b")});

    h.feed(RemoteDescriptionSet{gen});
    auto added = h.all<AddIceCandidate>();
    ASSERT_EQ(added.size(), 2u);
    EXPECT_EQ(added[0].candidate, candidate("a"));
    EXPECT_EQ(added[1].candidate, candidate("b"));
    EXPECT_EQ(added[0].gen, gen);
}

TEST(OfferSide, PeerLeftClosesAndRejoinGetsAFreshOffer) {
    CallHarness h = CallHarness::offering();
    Generation first = complete_local_offer(h);
    h.relay(Answer{"v=0 answer"});
    h.feed(RemoteDescriptionSet{first});
    h.feed(ConnectionStateChanged{first, "connected"});

    h.relay(PeerLeft{});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, first);
    EXPECT_TRUE(h.has<ClearRemoteVideo>());
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Ended);
    EXPECT_FALSE(h.has<RequestMedia>()) << "the local stream is kept";
    EXPECT_TRUE(h.logged(Text::PeerLeft));

    // The answer page reloads: it joins again and must get a new offer on a new connection.
    h.relay(PeerJoined{});
    Generation second = h.one<CreatePeerConnection>().gen;
    EXPECT_NE(second, first);
    EXPECT_EQ(h.one<CreateOffer>().gen, second);
    EXPECT_FALSE(h.has<RequestMedia>());

    // Late results of the old connection change nothing.
    h.feed(LocalDescriptionCreated{first, SdpType::Offer, "old"});
    EXPECT_FALSE(h.has<SetLocalDescription>());
    EXPECT_TRUE(h.logged(Text::StaleCallback, LogLevel::Debug));

    complete_local_offer(h, "v=0 second");
    EXPECT_EQ(h.sent().at(0), Message(Offer{"v=0 second"}));
}

TEST(OfferSide, PeerJoinedWhileNegotiatingRestartsOnANewConnection) {
    CallHarness h = CallHarness::offering();
    Generation first = h.gen();
    h.relay(PeerJoined{});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, first);
    EXPECT_GT(h.one<CreatePeerConnection>().gen, first);
}

TEST(OfferSide, PeerLeavingBeforeMediaMeansNoOffer) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.feed(StartClicked{});
    h.relay(PeerLeft{});
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    h.feed(MediaReady{});
    EXPECT_FALSE(h.has<CreatePeerConnection>());
    EXPECT_TRUE(h.logged(Text::WaitingForPeer));
}

TEST(OfferSide, RoomFullIsShownAndFails) {
    CallHarness h(Role::Offer);
    h.feed(SignallingOpened{});
    h.relay(Error{"room_full", "room already has two peers"});
    EXPECT_TRUE(h.logged(Text::RoomFull, LogLevel::Error));
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Failed);
    EXPECT_FALSE(h.one<ShowStartButton>().visible);
}

TEST(OfferSide, MediaFailureIsLoggedWithNameAndCanBeRetried) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.feed(StartClicked{});
    h.feed(MediaFailed{"NotAllowedError", "Permission denied"});
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Failed);
    Log log = h.one<Log>();
    EXPECT_EQ(log.level, LogLevel::Error);
    EXPECT_EQ(log.text, Text::MediaFailed);
    EXPECT_NE(log.detail.find("NotAllowedError"), std::string::npos);
    EXPECT_NE(log.detail.find("Permission denied"), std::string::npos);
    EXPECT_FALSE(h.has<CreatePeerConnection>());
    EXPECT_TRUE(h.one<ShowStartButton>().visible);

    h.feed(StartClicked{});
    EXPECT_TRUE(h.has<RequestMedia>());
}

TEST(OfferSide, IgnoresMessagesMeantForTheAnswerSide) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.relay(Offer{"v=0"});
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage));
    EXPECT_FALSE(h.has<RequestMedia>());
    h.relay(OfferIce{candidate("x")});
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage));
    h.relay(Answer{"v=0"});
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage)) << "no offer was sent";
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    h.relay(AnswerIce{candidate("x")});
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage));
    EXPECT_FALSE(h.has<AddIceCandidate>());
}

TEST(OfferSide, DuplicateAnswerIsIgnored) {
    CallHarness h = CallHarness::offering();
    complete_local_offer(h);
    h.relay(Answer{"v=0 answer"});
    h.relay(Answer{"v=0 answer"});
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    EXPECT_TRUE(h.logged(Text::UnexpectedMessage));
}

}  // namespace
}  // namespace p2p::client::test
