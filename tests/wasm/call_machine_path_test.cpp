// Is the path still there: the relay link's own liveness check (ping, deadlines), the media watch
// that says "interrupted" before ICE does, network changes, and a peer that lost its network.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"
#include "wasm/media_watch.hpp"

namespace p2p::client::test {
namespace {

// The timer of `kind` the last step started (fails the test if there is none).
StartTimer timer(const CallHarness& h, TimerKind kind) {
    for (const StartTimer& t : h.all<StartTimer>()) {
        if (t.kind == kind) return t;
    }
    ADD_FAILURE() << "no timer of kind " << static_cast<int>(kind) << " started";
    return {};
}

bool started(const CallHarness& h, TimerKind kind) {
    for (const StartTimer& t : h.all<StartTimer>()) {
        if (t.kind == kind) return true;
    }
    return false;
}

// A stats sample of the current session at `at_ms` with `packets` received so far.
CallCommands& sample(CallHarness& h, double at_ms, std::uint64_t packets) {
    StatsSample s;
    s.at_ms = at_ms;
    s.packets_received = packets;
    s.candidate_type = "host";
    return h.feed(StatsCollected{h.gen(), s});
}

// A connected call whose media flowed until 500 ms and then stopped: stalled at 1500 ms.
CallHarness stalled_call(Role role = Role::Offer) {
    CallHarness h = CallHarness::connected(role);
    sample(h, 0, 100);
    sample(h, 500, 150);
    sample(h, 1000, 150);
    EXPECT_EQ(h.machine.call_state(), CallState::Connected) << "500 ms without packets is not a stall yet";
    sample(h, 1500, 150);
    return h;
}

// ---- the relay link checks itself ----

TEST(RelayLiveness, AnOpenSocketIsPingedAndItsAnswerKeepsIt) {
    CallHarness h(Role::Offer);
    h.feed(SignallingOpened{});
    StartTimer beat = timer(h, TimerKind::Heartbeat);
    EXPECT_EQ(beat.delay_ms, RelayLink::kDefaultHeartbeatMs);
    h.feed(TimerFired{TimerKind::Heartbeat, beat.token});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ping{}}));
    StartTimer deadline = timer(h, TimerKind::LinkDeadline);
    EXPECT_EQ(deadline.delay_ms, RelayLink::kDefaultPongDeadlineMs);
    beat = timer(h, TimerKind::Heartbeat);
    h.relay(Pong{});
    h.feed(TimerFired{TimerKind::LinkDeadline, deadline.token});
    EXPECT_FALSE(h.has<CloseSignalling>()) << "the pong cancelled the deadline";
    EXPECT_TRUE(h.logged(Text::StaleCallback));
    h.feed(TimerFired{TimerKind::Heartbeat, beat.token});
    EXPECT_TRUE(h.sent_a<Ping>()) << "and the heartbeat goes on";
}

TEST(RelayLiveness, TheRelaySetsThePaceInJoined) {
    CallHarness h(Role::Offer);
    h.feed(SignallingOpened{});
    h.relay(Joined{"default", 1, {}, 2000, 900});
    StartTimer beat = timer(h, TimerKind::Heartbeat);
    EXPECT_EQ(beat.delay_ms, 2000) << "the heartbeat running at the default pace is re-armed";
    h.feed(TimerFired{TimerKind::Heartbeat, beat.token});
    EXPECT_EQ(timer(h, TimerKind::LinkDeadline).delay_ms, 900);
    EXPECT_EQ(timer(h, TimerKind::Heartbeat).delay_ms, 2000);
    h.relay(Pong{});
    h.feed(NetworkChanged{});
    EXPECT_EQ(timer(h, TimerKind::LinkDeadline).delay_ms, 900) << "a probe never waits longer than a ping";
}

TEST(RelayLiveness, ASilentSocketIsGivenUpAndReplacedAtOnceWhileTheCallGoesOn) {
    CallHarness h = CallHarness::connected();
    Generation g = h.gen();
    h.feed(SignallingOpened{});  // a fresh heartbeat to fire
    h.feed(TimerFired{TimerKind::Heartbeat, timer(h, TimerKind::Heartbeat).token});
    StartTimer deadline = timer(h, TimerKind::LinkDeadline);
    h.feed(TimerFired{TimerKind::LinkDeadline, deadline.token});
    EXPECT_TRUE(h.has<CloseSignalling>());
    EXPECT_EQ(h.one<OpenSignalling>().room, "default") << "a new socket at once: the relay is likely fine";
    EXPECT_TRUE(h.noticed(Text::SignallingSilent));
    EXPECT_EQ(h.machine.signalling_state(), SignallingState::Connecting);
    EXPECT_FALSE(h.has<ClosePeerConnection>()) << "media is peer to peer; the call stays";
    EXPECT_EQ(h.gen(), g);
    h.feed(SignallingOpened{});
    EXPECT_TRUE(h.has<ClearNotice>());
    h.relay(Joined{"default", 2, {}});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}})) << "the peer hears we still hold the call";
}

TEST(RelayLiveness, AnyMessageCountsAsAnAnswer) {
    CallHarness h = CallHarness::joined(Role::Offer, 1);
    h.feed(SignallingOpened{});  // a heartbeat to fire
    h.feed(TimerFired{TimerKind::Heartbeat, timer(h, TimerKind::Heartbeat).token});
    StartTimer deadline = timer(h, TimerKind::LinkDeadline);
    h.relay(PeerJoined{});
    h.feed(TimerFired{TimerKind::LinkDeadline, deadline.token});
    EXPECT_FALSE(h.has<CloseSignalling>());
}

TEST(RelayLiveness, ASocketThatNeverOpensIsGivenUpAndRetriedWithBackoff) {
    CallHarness h(Role::Answer);
    EXPECT_TRUE(h.has<OpenSignalling>());
    StartTimer deadline = timer(h, TimerKind::LinkDeadline);
    EXPECT_EQ(deadline.delay_ms, RelayLink::kConnectDeadlineMs);
    h.feed(TimerFired{TimerKind::LinkDeadline, deadline.token});
    EXPECT_TRUE(h.has<CloseSignalling>());
    EXPECT_FALSE(h.has<OpenSignalling>()) << "not at once: the relay may be down";
    EXPECT_TRUE(h.noticed(Text::RelayRetrying));
    StartTimer retry = timer(h, TimerKind::Reconnect);
    EXPECT_LT(retry.delay_ms, 625);
    h.feed(TimerFired{TimerKind::Reconnect, retry.token});
    EXPECT_TRUE(h.has<OpenSignalling>());
    deadline = timer(h, TimerKind::LinkDeadline);
    h.feed(SignallingOpened{});
    h.feed(TimerFired{TimerKind::LinkDeadline, deadline.token});
    EXPECT_FALSE(h.has<CloseSignalling>()) << "it opened in time";
}

// A live call whose socket went silent (only the path to the relay is blocked) rejoins in a hurry:
// short attempts back to back, so the first one after the path returns is never seconds away.
TEST(RelayLiveness, ALiveCallsSilentSocketIsReplacedByShortAttemptsBackToBack) {
    CallHarness h = CallHarness::connected();
    h.feed(SignallingOpened{});
    h.feed(TimerFired{TimerKind::Heartbeat, timer(h, TimerKind::Heartbeat).token});
    h.feed(TimerFired{TimerKind::LinkDeadline, timer(h, TimerKind::LinkDeadline).token});
    EXPECT_TRUE(h.has<OpenSignalling>());
    StartTimer attempt = timer(h, TimerKind::LinkDeadline);
    EXPECT_EQ(attempt.delay_ms, RelayLink::kUrgentConnectDeadlineMs);
    for (int i = 0; i < 3; ++i) {  // nothing answers: the next attempt starts as this one ends
        h.feed(TimerFired{TimerKind::LinkDeadline, attempt.token});
        EXPECT_TRUE(h.has<CloseSignalling>());
        EXPECT_TRUE(h.has<OpenSignalling>()) << "attempt " << i;
        attempt = timer(h, TimerKind::LinkDeadline);
        EXPECT_EQ(attempt.delay_ms, RelayLink::kUrgentConnectDeadlineMs);
    }
    h.feed(SignallingClosed{1006, ""});  // refused (the relay restarting): no busy loop
    EXPECT_FALSE(h.has<OpenSignalling>());
    EXPECT_LE(timer(h, TimerKind::Reconnect).delay_ms, RelayLink::kUrgentRetryMs);
    h.feed(TimerFired{TimerKind::Reconnect, timer(h, TimerKind::Reconnect).token});
    h.feed(SignallingOpened{});
    EXPECT_FALSE(h.machine.session() == nullptr) << "the call went on throughout";
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
    h.feed(SignallingClosed{1006, ""});  // open again: an ordinary close backs off as before
    EXPECT_GT(timer(h, TimerKind::Reconnect).delay_ms, 0);
    h.feed(TimerFired{TimerKind::Reconnect, timer(h, TimerKind::Reconnect).token});
    EXPECT_EQ(timer(h, TimerKind::LinkDeadline).delay_ms, RelayLink::kConnectDeadlineMs) << "rejoined: no hurry now";
}

TEST(RelayLiveness, WithoutACallASilentSocketIsReplacedWithTheUsualPatience) {
    CallHarness h(Role::Offer);
    h.feed(SignallingOpened{});
    h.feed(TimerFired{TimerKind::Heartbeat, timer(h, TimerKind::Heartbeat).token});
    h.feed(TimerFired{TimerKind::LinkDeadline, timer(h, TimerKind::LinkDeadline).token});
    EXPECT_EQ(timer(h, TimerKind::LinkDeadline).delay_ms, RelayLink::kConnectDeadlineMs);
}

TEST(RelayLiveness, ACloseStopsTheChecks) {
    CallHarness h = CallHarness::joined(Role::Offer, 1);
    h.feed(SignallingOpened{});
    StartTimer beat = timer(h, TimerKind::Heartbeat);
    h.feed(SignallingClosed{1006, ""});
    h.feed(TimerFired{TimerKind::Heartbeat, beat.token});
    EXPECT_FALSE(h.sent_a<Ping>());
}

// ---- the media watch ----

TEST(MediaWatch, StallsOnlyAfterMediaFlowedAndResumes) {
    MediaWatch w;
    EXPECT_EQ(w.sample(0, 0), MediaChange::None);
    EXPECT_EQ(w.sample(5000, 0), MediaChange::None) << "nothing expected before media ever came";
    EXPECT_EQ(w.flow(), MediaFlow::Waiting);
    EXPECT_EQ(w.sample(5500, 10), MediaChange::None);
    EXPECT_EQ(w.flow(), MediaFlow::Flowing);
    EXPECT_EQ(w.sample(6400, 10), MediaChange::None);
    EXPECT_EQ(w.sample(6500, 10), MediaChange::Stalled);
    EXPECT_EQ(w.sample(7000, 10), MediaChange::None) << "said once";
    EXPECT_EQ(w.sample(7500, 11), MediaChange::Resumed);
    EXPECT_EQ(w.flow(), MediaFlow::Flowing);
    w.reset();
    EXPECT_EQ(w.sample(8000, 0), MediaChange::None) << "a new connection's counters start again";
    EXPECT_EQ(w.flow(), MediaFlow::Waiting);
}

TEST(MediaInterrupted, SaidWithinAStatsPeriodOfTheStallWhateverIceSays) {
    CallHarness h = stalled_call();
    EXPECT_TRUE(h.noticed(Text::MediaInterrupted));
    EXPECT_EQ(h.one<HoldVideo>().gen, h.gen()) << "no frames into a dead path";
    EXPECT_EQ(h.machine.call_state(), CallState::Reconnecting);
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ping{}})) << "our own relay socket may be gone too";
    EXPECT_EQ(timer(h, TimerKind::LinkDeadline).delay_ms, RelayLink::kProbeDeadlineMs);
    StartTimer restart = timer(h, TimerKind::IceRestart);
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    EXPECT_FALSE(h.noticed(Text::ConnectionLost)) << "ICE only confirms what the page already says";
    h.feed(TimerFired{TimerKind::IceRestart, restart.token});
    EXPECT_TRUE(h.has<RestartIce>()) << "recovery runs as for a disconnected ICE";
}

TEST(MediaInterrupted, MediaThatComesBackEndsItWithoutARestart) {
    CallHarness h = stalled_call();
    StartTimer restart = timer(h, TimerKind::IceRestart);
    sample(h, 2000, 160);
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
    EXPECT_EQ(h.one<RefreshVideo>().gen, h.gen()) << "the peer gets a key frame at once";
    EXPECT_TRUE(h.logged(Text::Reconnected));
    EXPECT_TRUE(h.has<ClearNotice>());
    h.feed(TimerFired{TimerKind::IceRestart, restart.token});
    EXPECT_FALSE(h.has<RestartIce>());
}

// The other page decodes nothing until our held video restarts with a key frame, which waits for
// our stats to see media again: while stalled they are read every 100 ms, not every 500.
TEST(MediaInterrupted, StatsAreReadOftenWhileStalledAndAtTheUsualPaceAfter) {
    Outbox out;
    CallExtras extras(out);
    auto next_stats_delay = [&] {
        out.take();
        extras.stats_due(1);
        for (const CallCommand& c : out.take()) {
            if (auto* t = std::get_if<StartTimer>(&c); t && t->kind == TimerKind::Stats) return t->delay_ms;
        }
        return -1;
    };
    auto at = [&](double ms, std::uint64_t packets) {
        StatsSample s;
        s.at_ms = ms;
        s.packets_received = packets;
        return extras.stats_collected(s);
    };
    at(0, 100);
    at(500, 150);
    EXPECT_EQ(next_stats_delay(), CallExtras::kStatsPeriodMs);
    EXPECT_EQ(at(1600, 150), MediaChange::Stalled);
    EXPECT_EQ(next_stats_delay(), CallExtras::kStalledStatsPeriodMs);
    EXPECT_EQ(at(1700, 170), MediaChange::Resumed);
    EXPECT_EQ(next_stats_delay(), CallExtras::kStatsPeriodMs);
}

TEST(MediaInterrupted, TheVideoStreamRestartsOncePerStallAndNotOnAnIceFlicker) {
    CallHarness h = stalled_call();
    sample(h, 2000, 160);
    EXPECT_TRUE(h.has<RefreshVideo>());
    // ICE says disconnected late, after the media came back, and connected again: the stream
    // flows, and pausing it would lose frames the peer then waits a key frame for.
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    EXPECT_EQ(h.machine.call_state(), CallState::Reconnecting);
    h.feed(IceStateChanged{h.gen(), "connected"});
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
    EXPECT_FALSE(h.has<RefreshVideo>()) << "no stall, no restart of the stream";
}

TEST(MediaInterrupted, AnIceDropWithoutAStallLeavesTheVideoStreamAlone) {
    CallHarness h = CallHarness::connected(Role::Offer);
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    h.feed(IceStateChanged{h.gen(), "connected"});
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
    EXPECT_FALSE(h.has<RefreshVideo>());
}

TEST(MediaInterrupted, MediaBackWhileIceIsDownWaitsForIce) {
    CallHarness h = stalled_call();
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    sample(h, 2000, 160);
    EXPECT_EQ(h.machine.call_state(), CallState::Reconnecting) << "ICE's own connected brings it back";
    EXPECT_TRUE(h.has<RefreshVideo>()) << "but the media proves the path: our video flows again now";
    h.feed(IceStateChanged{h.gen(), "connected"});
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
    EXPECT_FALSE(h.has<RefreshVideo>()) << "once";
    EXPECT_TRUE(h.has<ClearNotice>());
}

TEST(MediaInterrupted, MediaBackRetriesARelayInBackoffAtOnce) {
    CallHarness h = stalled_call();
    h.feed(SignallingClosed{1006, ""});
    EXPECT_TRUE(started(h, TimerKind::Reconnect));
    EXPECT_FALSE(h.has<OpenSignalling>());
    sample(h, 2000, 160);
    EXPECT_TRUE(h.has<OpenSignalling>()) << "the path is back: no need to wait out the backoff";
}

TEST(MediaInterrupted, TheRelayIsRetriedEverySecondWhileTheCallRecovers) {
    CallHarness h = CallHarness::connected();
    for (int i = 0; i < 4; ++i) {  // a relay gone for long: the backoff grows to 8 s
        h.feed(SignallingClosed{1006, ""});
        h.feed(TimerFired{TimerKind::Reconnect, timer(h, TimerKind::Reconnect).token});
    }
    h.feed(SignallingClosed{1006, ""});
    EXPECT_GT(timer(h, TimerKind::Reconnect).delay_ms, 3000);
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    EXPECT_EQ(timer(h, TimerKind::Reconnect).delay_ms, RelayLink::kUrgentRetryMs) << "brought forward";
    h.feed(TimerFired{TimerKind::Reconnect, timer(h, TimerKind::Reconnect).token});
    EXPECT_EQ(timer(h, TimerKind::LinkDeadline).delay_ms, RelayLink::kUrgentConnectDeadlineMs);
    h.feed(SignallingClosed{1006, ""});
    StartTimer retry = timer(h, TimerKind::Reconnect);
    EXPECT_EQ(retry.delay_ms, RelayLink::kUrgentRetryMs);
    h.feed(IceStateChanged{h.gen(), "connected"});
    h.feed(TimerFired{TimerKind::Reconnect, retry.token});
    h.feed(SignallingClosed{1006, ""});
    EXPECT_GT(timer(h, TimerKind::Reconnect).delay_ms, RelayLink::kUrgentRetryMs) << "the call is back: no hurry";
}

// ---- network changes ----

TEST(NetworkChange, ChecksAnOpenSocketAndRetriesOneInBackoff) {
    CallHarness h = CallHarness::connected();
    h.feed(NetworkChanged{});
    EXPECT_TRUE(h.logged(Text::NetworkChanged));
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ping{}}));
    EXPECT_EQ(timer(h, TimerKind::LinkDeadline).delay_ms, RelayLink::kProbeDeadlineMs);
    h.feed(NetworkChanged{});
    EXPECT_TRUE(h.sent().empty()) << "one ping out at a time";
    h.feed(SignallingClosed{1006, ""});
    h.feed(NetworkChanged{});
    EXPECT_TRUE(h.has<OpenSignalling>());
}

TEST(NetworkChange, ACallThatIsDownRecoversAtOnce) {
    CallHarness h = CallHarness::connected();
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    EXPECT_FALSE(h.has<RestartIce>());
    h.feed(NetworkChanged{});
    EXPECT_TRUE(h.has<RestartIce>()) << "not 2 s later: the old path is likely gone";
}

// ---- a peer that lost its network ----

TEST(PeerUnreachable, APeerDroppedAfterItsMediaStoppedIsWaitedFor) {
    CallHarness h = stalled_call();
    h.relay(PeerLeft{});
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    EXPECT_TRUE(h.noticed(Text::PeerOffline));
    h.feed(IceStateChanged{h.gen(), "failed"});
    EXPECT_FALSE(h.has<ClosePeerConnection>()) << "its network went, not the person";
    EXPECT_EQ(h.machine.call_state(), CallState::Reconnecting);
    h.relay(PeerJoined{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Ready{kS1}}));
    h.relay(Ready{kS1});
    EXPECT_TRUE(h.has<RestartIce>()) << "it is back: the call is mended at once";
}

TEST(PeerUnreachable, APeerDroppedWhileAFreshSessionReplacesTheBrokenOneIsWaitedFor) {
    CallHarness h = CallHarness::connected();
    h.feed(IceStateChanged{h.gen(), "failed"});
    for (int i = 0; i < 3; ++i) h.feed(TimerFired{TimerKind::IceRestart, timer(h, TimerKind::IceRestart).token});
    ASSERT_EQ(h.machine.session()->id(), kS2) << "two restarts did not help: a fresh session";
    h.relay(PeerLeft{});
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    EXPECT_NE(h.machine.call_state(), CallState::Ended);
}

// Seen in the lab (30 s outage): the page that answered had asked for restarts while the peer
// could not hear it; on the peer's return it must ask again, not start a fresh session that
// crosses the restart offer the peer resends for the same session.
TEST(PeerUnreachable, OnThePeersReturnTheFirstStepIsARestartNotAFreshSession) {
    CallHarness h = CallHarness::follower();
    Generation g = h.gen();
    h.feed(IceStateChanged{g, "failed"});
    h.feed(TimerFired{TimerKind::IceRestart, timer(h, TimerKind::IceRestart).token});
    StartTimer next = timer(h, TimerKind::IceRestart);
    EXPECT_TRUE(h.sent_a<RestartRequest>()) << "two requests made while the peer seemed there";
    h.relay(PeerLeft{});
    h.feed(TimerFired{TimerKind::IceRestart, next.token});
    EXPECT_TRUE(h.sent().empty()) << "nobody to ask";
    h.relay(PeerJoined{});
    h.relay(Ready{kTheirs});
    EXPECT_EQ(h.sent(), (std::vector<Message>{RestartRequest{kTheirs}}));
    EXPECT_FALSE(h.has<CreatePeerConnection>());
    EXPECT_EQ(h.gen(), g);
}

TEST(PeerUnreachable, APeerThatLeftWhileItsMediaFlowedHasDeparted) {
    CallHarness h = CallHarness::connected();
    sample(h, 0, 100);
    h.relay(PeerLeft{});
    EXPECT_FALSE(h.has<ClosePeerConnection>()) << "media may still flow";
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    EXPECT_TRUE(h.has<ClosePeerConnection>());
    EXPECT_EQ(h.machine.call_state(), CallState::Ended);
}

// ---- what the stats panel says the media uses ----

TEST(StatsPath, ARemotePrflxIsNamedByTheCandidateThePeerSignalled) {
    CallHarness h = CallHarness::connected();
    h.relay(AnswerIce{candidate("candidate:9 1 udp 41885439 198.51.100.3 50123 typ relay raddr 0.0.0.0 rport 0"),
                      kS1});
    h.feed(StatsToggled{});
    StatsSample s;
    s.packets_received = 10;
    s.candidate_type = "srflx";
    s.remote_candidate_type = "prflx";
    s.protocol = "udp";
    s.remote_address = "198.51.100.3:50123";
    h.feed(StatsCollected{h.gen(), s});
    s.at_ms = 1000;
    h.feed(StatsCollected{h.gen(), s});
    ShowStats shown = h.one<ShowStats>();
    EXPECT_EQ(shown.view.remote_type, "relay");
    EXPECT_EQ(shown.view.path, "relay");
    EXPECT_EQ(shown.view.transport, "udp");
}

TEST(StatsPath, WhatAPairGoesThrough) {
    EXPECT_EQ(media_path("host", "host"), "host");
    EXPECT_EQ(media_path("srflx", "host"), "srflx");
    EXPECT_EQ(media_path("host", "prflx"), "srflx");
    EXPECT_EQ(media_path("srflx", "relay"), "relay") << "either end through TURN";
    EXPECT_EQ(media_path("relay", "prflx"), "relay");
    EXPECT_EQ(media_path("", ""), "") << "no selected pair yet";
    StatsSample s;
    s.candidate_type = "relay";
    s.protocol = "udp";
    s.relay_protocol = "tls";
    EXPECT_EQ(media_transport(s), "tls");
    s.candidate_type = "host";
    EXPECT_EQ(media_transport(s), "udp");
}

TEST(StatsPath, ParsesSignalledCandidates) {
    auto c = parse_candidate("candidate:1 1 udp 2122260223 192.168.1.5 50000 typ host generation 0");
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->endpoint, "192.168.1.5:50000");
    EXPECT_EQ(c->type, "host");
    c = parse_candidate("candidate:2 1 tcp 1518280447 203.0.113.4 9 typ srflx tcptype active");
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->type, "srflx");
    EXPECT_FALSE(parse_candidate("").has_value()) << "end of candidates";
    EXPECT_FALSE(parse_candidate("candidate:1 1 udp 1 1.2.3.4 5 host").has_value());
    EXPECT_FALSE(parse_candidate("candidate:1 1 udp").has_value());
}

}  // namespace
}  // namespace p2p::client::test
