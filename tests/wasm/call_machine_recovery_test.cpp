// Recovery: ICE restart, relay reconnect with backoff, the peer coming back or reloading.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

TEST(IceRestart, FailedRestartsAtOnceAndTheNewOfferGoesOut) {
    CallHarness h = CallHarness::connected(Role::Answer);
    Generation g = h.gen();
    h.feed(IceStateChanged{g, "failed"});
    EXPECT_EQ(h.one<RestartIce>().gen, g);
    EXPECT_TRUE(h.noticed(Text::ConnectionLost));
    EXPECT_EQ(h.machine.call_state(), CallState::Reconnecting);
    h.feed(NegotiationNeeded{g});
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpA, kS1}})) << "the polite side restarts a session it began";
    h.relay(Answer{kSdpB, kS1});
    h.feed(RemoteDescriptionSet{g, SdpType::Answer});
    h.feed(IceStateChanged{g, "connected"});
    EXPECT_TRUE(h.logged(Text::Reconnected));
    EXPECT_TRUE(h.has<ClearNotice>());
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
}

// The page that answered the session's first offer never restarts ICE itself (Firefox would swap
// the DTLS roles): it asks, and after two requests that did not help it starts a fresh session.
TEST(IceRestart, ThePageThatAnsweredAsksAndThenStartsAFreshSession) {
    CallHarness h = CallHarness::follower();
    Generation g = h.gen();
    h.feed(IceStateChanged{g, "failed"});
    EXPECT_FALSE(h.has<RestartIce>());
    EXPECT_EQ(h.sent(), (std::vector<Message>{RestartRequest{kTheirs}}));
    StartTimer next = h.one<StartTimer>();
    h.feed(TimerFired{TimerKind::IceRestart, next.token});
    EXPECT_EQ(h.sent(), (std::vector<Message>{RestartRequest{kTheirs}}));
    next = h.one<StartTimer>();
    h.feed(TimerFired{TimerKind::IceRestart, next.token});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, g) << "two requests did not help: a fresh session";
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpA, kS2}})) << "ours now (page-1 was the prepared offer)";
}

TEST(IceRestart, ARestartRequestOfOurSessionRestartsIce) {
    CallHarness h = CallHarness::connected(Role::Answer);
    h.relay(RestartRequest{kS1});
    EXPECT_TRUE(h.has<RestartIce>());
    h.relay(RestartRequest{"page-0"});
    EXPECT_FALSE(h.has<RestartIce>()) << "of another session";
}

// Both pages recover at once (the peer's signalling is back, or both timers fire): our restart
// and their request for one cross. The request is met by our restart; a second restart would
// cancel the gathering of the first. Once the path is back, a request restarts again.
TEST(IceRestart, ARequestThatCrossesOurRestartIsMetByIt) {
    CallHarness h = CallHarness::connected(Role::Answer);
    Generation g = h.gen();
    h.feed(IceStateChanged{g, "failed"});
    h.one<RestartIce>();
    StartTimer retry = h.one<StartTimer>();
    h.relay(RestartRequest{kS1});
    EXPECT_FALSE(h.has<RestartIce>()) << "our restart is under way";
    EXPECT_TRUE(h.logged(Text::RestartUnderWay));
    h.feed(TimerFired{TimerKind::IceRestart, retry.token});
    EXPECT_EQ(h.all<RestartIce>().size(), 1u) << "our own timer retries a restart that did not help";
    h.relay(RestartRequest{kS1});
    EXPECT_FALSE(h.has<RestartIce>());
    h.feed(IceStateChanged{g, "connected"});
    h.relay(RestartRequest{kS1});
    EXPECT_EQ(h.all<RestartIce>().size(), 1u) << "the path came back: a new request restarts";
}

TEST(IceRestart, DisconnectedWaitsForATimerThatIsCancelledByRecovery) {
    CallHarness h = CallHarness::connected();
    Generation g = h.gen();
    h.feed(IceStateChanged{g, "disconnected"});
    EXPECT_FALSE(h.has<RestartIce>());
    StartTimer t = h.one<StartTimer>();
    EXPECT_EQ(t.kind, TimerKind::IceRestart);
    h.feed(IceStateChanged{g, "connected"});
    h.feed(TimerFired{TimerKind::IceRestart, t.token});
    EXPECT_FALSE(h.has<RestartIce>()) << "healed by itself";
}

TEST(IceRestart, DisconnectedThatLastsRestarts) {
    CallHarness h = CallHarness::connected();
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    StartTimer t = h.one<StartTimer>();
    h.feed(TimerFired{TimerKind::IceRestart, t.token});
    EXPECT_TRUE(h.has<RestartIce>());
}

// An ICE restart between engines leaves one side without pictures for seconds (~10 s when
// Chromium offers it, up to ~3 s when Firefox does; measured in tests/e2e/engines.test.mjs): the
// page that offered the session mends it with a fresh one instead.
const std::string kFirefoxSdp = "v=0\r\no=mozilla...THIS_IS_SDPARTA-99.0 1 0 IN IP4 0.0.0.0\r\n"
                                "a=fingerprint:sha-256 BB:BB\r\n";

// A call this page offered, connected, with our SDP and the peer's answer written by the engines given.
CallHarness connected_between(const std::string& local_sdp, const std::string& remote_sdp) {
    CallHarness h = CallHarness::calling();
    Generation g = h.gen();
    h.feed(LocalDescriptionSet{g, SdpType::Offer, local_sdp});
    h.relay(Answer{remote_sdp, kS1});
    h.feed(RemoteDescriptionSet{g, SdpType::Answer});
    h.feed(IceStateChanged{g, "connected"});
    return h;
}

void expect_fresh_session_on_reconnect(const std::string& local_sdp, const std::string& remote_sdp) {
    CallHarness h = connected_between(local_sdp, remote_sdp);
    Generation g = h.gen();
    h.feed(RestartClicked{});
    EXPECT_FALSE(h.has<RestartIce>());
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, g);
    EXPECT_NE(h.one<CreatePeerConnection>().gen, g);
    EXPECT_TRUE(h.noticed(Text::FreshConnection));
}

TEST(IceRestart, AChromiumPageMendsItsCallWithAFirefoxPageByAFreshSession) {
    expect_fresh_session_on_reconnect(kSdpA, kFirefoxSdp);
}

TEST(IceRestart, AFirefoxPageMendsItsCallWithAChromiumPageByAFreshSession) {
    expect_fresh_session_on_reconnect(kFirefoxSdp, kSdpA);
}

TEST(IceRestart, TwoFirefoxPagesRestartIce) {
    CallHarness h = connected_between(kFirefoxSdp, kFirefoxSdp);
    h.feed(RestartClicked{});
    EXPECT_TRUE(h.has<RestartIce>());
}

TEST(IceRestart, TheReconnectButtonRestartsIce) {
    CallHarness h = CallHarness::connected();
    h.feed(RestartClicked{});
    EXPECT_TRUE(h.has<RestartIce>());
}

TEST(Reconnect, RelayDropRetriesWithGrowingJitteredDelaysAndKeepsTheCall) {
    CallHarness h = CallHarness::connected();
    Generation g = h.gen();
    int previous = 0;
    for (int i = 0; i < 6; ++i) {
        h.feed(SignallingClosed{1006, ""});
        EXPECT_FALSE(h.has<ClosePeerConnection>()) << "media is peer to peer; the call stays";
        EXPECT_TRUE(h.noticed(Text::RelayRetrying));
        StartTimer t = h.one<StartTimer>();
        EXPECT_EQ(t.kind, TimerKind::Reconnect);
        int base = std::min(500 << i, 8000);
        EXPECT_GE(t.delay_ms, base * 3 / 4);
        EXPECT_LE(t.delay_ms, base * 5 / 4);
        EXPECT_GT(t.delay_ms, i < 5 ? previous : 0);
        previous = t.delay_ms;
        h.feed(TimerFired{TimerKind::Reconnect, t.token});
        EXPECT_EQ(h.one<OpenSignalling>().room, "default");
    }
    h.feed(SignallingOpened{});
    EXPECT_TRUE(h.has<ClearNotice>());
    h.relay(Joined{"default", 2, {}});
    EXPECT_FALSE(h.has<ClosePeerConnection>()) << "joined peers=2 on rejoin must not end the call";
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}})) << "we still hold the call, and say which";
    EXPECT_EQ(h.gen(), g);
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
    // After a reconnect, the delays start small again.
    h.feed(SignallingClosed{1006, ""});
    EXPECT_LE(h.one<StartTimer>().delay_ms, 625);
}

TEST(Reconnect, NegotiationWhileTheRelayIsDownWaitsForIt) {
    CallHarness h = CallHarness::connected();
    Generation g = h.gen();
    h.feed(SignallingClosed{1006, ""});
    h.feed(IceStateChanged{g, "failed"});
    EXPECT_FALSE(h.has<RestartIce>()) << "its offer could not go anywhere";
    h.feed(NegotiationNeeded{g});
    EXPECT_TRUE(h.logged(Text::NegotiationDeferred));
    EXPECT_FALSE(h.has<SetLocalDescription>());
    h.feed(SignallingOpened{});
    h.relay(Joined{"default", 1, {}});
    EXPECT_FALSE(h.has<SetLocalDescription>()) << "nobody to negotiate with yet";
    h.relay(PeerJoined{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}}));
    EXPECT_FALSE(h.has<SetLocalDescription>()) << "not before the peer says it still holds the session";
    h.relay(Ready{kS1});
    EXPECT_TRUE(h.has<SetLocalDescription>());
    EXPECT_TRUE(h.has<RestartIce>());
}

TEST(Reconnect, OfferMadeWhileTheRelayWasDownIsResent) {
    CallHarness h = CallHarness::connected();
    Generation g = h.gen();
    h.feed(NegotiationNeeded{g});
    h.feed(SignallingClosed{1006, ""});
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
    h.feed(LocalIceCandidate{g, candidate("gathered while down")});
    EXPECT_TRUE(h.sent().empty());
    h.feed(SignallingOpened{});
    h.relay(Joined{"default", 2, {}});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}}));
    h.relay(Ready{kS1});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpA, kS1}, OfferIce{candidate("gathered while down"), kS1}}))
        << "the held candidate follows the resent offer, never before it";
}

TEST(Reconnect, CandidateGatheredWhileTheRelayWasDownIsSentWhenItIsBack) {
    CallHarness h = CallHarness::connected();
    h.feed(SignallingClosed{1006, ""});
    h.feed(LocalIceCandidate{h.gen(), candidate("late relay candidate")});
    EXPECT_TRUE(h.sent().empty()) << "nothing can be sent to a closed relay";
    h.feed(SignallingOpened{});
    h.relay(Joined{"default", 2, {}});
    h.relay(Ready{kS1});
    EXPECT_EQ(h.sent(), (std::vector<Message>{OfferIce{candidate("late relay candidate"), kS1}}));
}

// A full room's second seat may be a ghost (a page that reloaded before the relay noticed its
// old connection was gone): the page tries again every 8 s and keeps saying the room is full.
TEST(Reconnect, RoomFullRetriesSlowly) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Error{"room_full", "full"});
    EXPECT_TRUE(h.noticed(Text::RoomFull));
    EXPECT_EQ(h.machine.call_state(), CallState::Failed);
    EXPECT_FALSE(h.one<ShowControls>().start) << "no call can start from a full room";
    h.feed(SignallingClosed{1000, ""});
    StartTimer retry = h.one<StartTimer>();
    EXPECT_EQ(retry.delay_ms, 8000);
    EXPECT_FALSE(h.noticed(Text::RelayRetrying)) << "the notice still says why";
    h.feed(TimerFired{TimerKind::Reconnect, retry.token});
    EXPECT_TRUE(h.has<OpenSignalling>());
    h.feed(SignallingOpened{});
    h.relay(Joined{"default", 2, {}});
    EXPECT_TRUE(h.has<ClearNotice>()) << "a seat was free after all";
    EXPECT_EQ(h.machine.call_state(), CallState::Idle);
}

TEST(PeerReturn, ReloadedPeerSendsReadyAndTheCallStartsAnew) {
    CallHarness h = CallHarness::connected();
    Generation g = h.gen();
    h.relay(PeerLeft{});
    EXPECT_FALSE(h.has<ClosePeerConnection>()) << "media may still flow";
    EXPECT_TRUE(h.logged(Text::PeerLeft));
    h.relay(PeerJoined{});
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}}));
    h.relay(Ready{});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, g);
    EXPECT_TRUE(h.logged(Text::PeerRestarted));
    EXPECT_NE(h.one<CreatePeerConnection>().gen, g);
    EXPECT_TRUE(h.has<AddLocalTracks>());
    EXPECT_TRUE(h.has<ClearNotice>()) << "'the call goes on' is over";
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpA, kS2}})) << "a new session";
}

TEST(PeerReturn, CandidateGatheredWhileThePeerWasAwayFollowsItsReturn) {
    CallHarness h = CallHarness::connected();
    h.relay(PeerLeft{});
    h.feed(LocalIceCandidate{h.gen(), candidate("late relay candidate")});
    EXPECT_TRUE(h.sent().empty()) << "the relay would drop it: nobody to forward it to";
    h.relay(PeerJoined{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}}));
    h.relay(Ready{kS1});
    EXPECT_EQ(h.sent(), (std::vector<Message>{OfferIce{candidate("late relay candidate"), kS1}}));
}

// The wedge of a reload mid-call: a negotiation deferred while the peer was away must not go out
// from the old connection to the reloaded page, which would take it for a new call.
TEST(PeerReturn, NothingOfTheOldSessionReachesAReloadedPeer) {
    CallHarness h = CallHarness::connected();
    Generation g = h.gen();
    h.relay(PeerLeft{});
    h.feed(NegotiationNeeded{g});
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
    h.relay(PeerJoined{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}})) << "no offer of the old session";
    h.relay(Ready{});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, g) << "closed before the new session's offer";
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpB});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpB, kS2}}));
    h.relay(Answer{kSdpA, kS1});  // late, for the old session
    EXPECT_FALSE(h.has<SetRemoteDescription>());
    EXPECT_TRUE(h.logged(Text::StaleSession, LogLevel::Debug));
}

TEST(PeerReturn, APeerBackWithTheSameSessionClearsTheOfflineNotice) {
    CallHarness h = CallHarness::connected();
    h.relay(PeerLeft{});
    EXPECT_TRUE(h.noticed(Text::PeerOffline));
    h.relay(PeerJoined{});
    h.relay(Ready{kS1});
    EXPECT_TRUE(h.has<ClearNotice>());
    EXPECT_TRUE(h.logged(Text::PeerBack));
    EXPECT_FALSE(h.has<ClosePeerConnection>());
}

TEST(PeerReturn, PeerLeftThenMediaDropEndsTheCall) {
    CallHarness h = CallHarness::connected();
    h.relay(PeerLeft{});
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    EXPECT_TRUE(h.has<ClosePeerConnection>());
    EXPECT_TRUE(h.noticed(Text::PeerLeft));
    EXPECT_EQ(h.machine.call_state(), CallState::Ended);
    EXPECT_TRUE(h.machine.in_call()) << "a returning peer is called again";
    h.relay(PeerJoined{});
    EXPECT_FALSE(h.has<CreatePeerConnection>()) << "once it said it did not hang up meanwhile";
    h.relay(Ready{});
    EXPECT_TRUE(h.has<CreatePeerConnection>());
}

TEST(PeerReturn, AHangupOfTheCallThatDroppedMeanwhileEndsOurs) {
    CallHarness h = CallHarness::connected();
    h.relay(PeerLeft{});
    h.feed(IceStateChanged{h.gen(), "failed"});
    h.relay(PeerJoined{});
    h.relay(Hangup{kS1});
    EXPECT_TRUE(h.noticed(Text::PeerHungUp));
    EXPECT_FALSE(h.machine.in_call());
    h.relay(Ready{});
    EXPECT_FALSE(h.has<CreatePeerConnection>());
}

// The call dropped while the peer was away; the person hangs up before it is back. The peer may
// still hold that call: it is told so, and any call of theirs that crossed it ends too.
TEST(PeerReturn, HangingUpACallThatDroppedMeanwhileTellsThePeer) {
    CallHarness h = CallHarness::connected();
    h.relay(PeerLeft{});
    h.feed(IceStateChanged{h.gen(), "failed"});
    h.relay(PeerJoined{});
    h.feed(HangupClicked{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Hangup{kS1}}));
    CallHarness peer = CallHarness::connected(Role::Answer);  // holds it, and calls anew meanwhile
    peer.relay(PeerLeft{});
    peer.feed(IceStateChanged{peer.gen(), "failed"});
    peer.relay(PeerJoined{});
    peer.relay(Ready{});
    peer.feed(LocalDescriptionSet{peer.gen(), SdpType::Offer, kSdpA});
    peer.relay(Hangup{kS1});
    EXPECT_EQ(peer.sent(), (std::vector<Message>{Hangup{kS2}})) << "the crossing call ends on both sides";
    EXPECT_FALSE(peer.machine.in_call());
}

TEST(PeerReturn, TheNodeDemosPageIsCalledAtOnce) {
    CallHarness h = CallHarness::joined(Role::Offer, 1);
    h.feed(StartClicked{});
    h.feed(MediaReady{});
    h.relay(PeerJoined{});
    EXPECT_TRUE(h.has<CreatePeerConnection>()) << "nobody we know to wait for";
}

TEST(PeerReturn, PeerLeftBeforeConnectingEndsTheCallAtOnce) {
    CallHarness h = CallHarness::calling();
    h.relay(PeerLeft{});
    EXPECT_TRUE(h.has<ClosePeerConnection>());
    EXPECT_TRUE(h.noticed(Text::PeerLeft));
}

}  // namespace
}  // namespace p2p::client::test
