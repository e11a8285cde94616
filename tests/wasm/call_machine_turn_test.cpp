// TURN: renewed credentials from the relay, relay-only ICE (?ice=relay), and a clear message when
// ICE fails before the call ever connected.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

const IceServer kOldTurn{{"turn:127.0.0.1:3478"}, "1700021600:ab12", "b2xk"};
const IceServer kNewTurn{{"turn:127.0.0.1:3478"}, "1700038880:ab12", "bmV3"};

// calling() for a page whose CallConfig is `config`, joined with `servers`.
CallHarness calling_with(CallConfig config, std::vector<IceServer> servers) {
    return CallHarness::calling(std::move(config), std::move(servers));
}

CallConfig relay_only() {
    CallConfig c = CallHarness::config(Role::Offer, "default");
    c.relay_only = true;
    return c;
}

TEST(TurnRenewal, ServersRenewedBeforeACallAreTheOnesItUses) {
    CallHarness h = CallHarness::joined(Role::Offer, 1);
    h.relay(IceServersUpdate{{kNewTurn}});
    EXPECT_TRUE(h.logged(Text::IceServersUpdated, LogLevel::Info));
    EXPECT_FALSE(h.has<SetIceServers>()) << "no connection to update yet";
    h.feed(StartClicked{});
    h.feed(MediaReady{});
    h.relay(PeerJoined{});
    EXPECT_EQ(h.one<CreatePeerConnection>().ice_servers, std::vector<IceServer>{kNewTurn});
}

TEST(TurnRenewal, ALiveConnectionGetsThemForItsNextIceRestart) {
    CallHarness h = calling_with(CallHarness::config(Role::Offer, "default"), {kOldTurn});
    EXPECT_EQ(h.one<CreatePeerConnection>().ice_servers, std::vector<IceServer>{kOldTurn});
    Generation g = h.gen();
    h.relay(IceServersUpdate{{kNewTurn}});
    SetIceServers set = h.one<SetIceServers>();
    EXPECT_EQ(set.gen, g);
    EXPECT_EQ(set.ice_servers, std::vector<IceServer>{kNewTurn});
    EXPECT_TRUE(h.sent().empty()) << "renewal is between relay and page only";
}

TEST(TurnRenewal, TheNextCallAfterAHangupUsesTheRenewedServers) {
    CallHarness h = calling_with(CallHarness::config(Role::Offer, "default"), {kOldTurn});
    h.relay(IceServersUpdate{{kNewTurn}});
    h.feed(HangupClicked{});
    h.feed(StartClicked{});
    EXPECT_EQ(h.one<CreatePeerConnection>().ice_servers, std::vector<IceServer>{kNewTurn});
}

TEST(TurnRenewal, APreparedCallIsPreparedAgainWithTheRenewedServers) {
    CallHarness h = CallHarness::joined(CallHarness::config(Role::Offer, "default"), 2, {kOldTurn});
    Generation prepared = h.one<CreatePeerConnection>().gen;
    h.relay(IceServersUpdate{{kNewTurn}});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, prepared) << "its candidates were gathered with the old ones";
    EXPECT_EQ(h.one<CreatePeerConnection>().ice_servers, std::vector<IceServer>{kNewTurn});
    EXPECT_TRUE(h.has<SetLocalDescription>());
    EXPECT_TRUE(h.sent().empty());
}

TEST(RelayOnly, TheConnectionIsCreatedRelayOnlyWhenAsked) {
    EXPECT_TRUE(calling_with(relay_only(), {kOldTurn}).one<CreatePeerConnection>().relay_only);
    EXPECT_FALSE(CallHarness::calling().one<CreatePeerConnection>().relay_only);
}

TEST(IceNeverConnected, RelayOnlyFailureNamesTheTurnServerAndItsError) {
    CallHarness h = calling_with(relay_only(), {kOldTurn});
    Generation g = h.gen();
    h.feed(IceCandidateError{g, "turn:127.0.0.1:3478?transport=udp", 401, "Unauthorized"});
    EXPECT_TRUE(h.logged(Text::IceServerError, LogLevel::Debug));
    h.feed(IceStateChanged{g, "checking"});
    h.feed(IceStateChanged{g, "failed"});
    EXPECT_TRUE(h.noticed(Text::IceFailedRelay));
    EXPECT_FALSE(h.noticed(Text::ConnectionLost)) << "nothing was ever connected to be lost";
    for (const Log& l : h.all<Log>()) {
        if (l.text == Text::IceFailedRelay) {
            EXPECT_EQ(l.detail, "(turn:127.0.0.1:3478?transport=udp 401 Unauthorized)");
        }
    }
    EXPECT_EQ(h.machine.call_state(), CallState::Failed);
    EXPECT_EQ(h.one<RestartIce>().gen, g) << "renewed credentials or a network change may still help";
}

TEST(IceNeverConnected, WithoutRelayOnlyTheMessageIsAboutTheNetworkPath) {
    CallHarness h = CallHarness::calling();
    Generation g = h.gen();
    h.feed(IceStateChanged{g, "failed"});
    EXPECT_TRUE(h.noticed(Text::IceFailed));
    EXPECT_EQ(h.machine.call_state(), CallState::Failed);
}

TEST(IceNeverConnected, RepeatedFailuresKeepRetryingWithoutRepeatingTheNotice) {
    CallHarness h = calling_with(relay_only(), {kOldTurn});
    Generation g = h.gen();
    h.feed(IceStateChanged{g, "failed"});
    h.feed(IceStateChanged{g, "checking"});
    h.feed(IceStateChanged{g, "failed"});
    EXPECT_FALSE(h.noticed(Text::IceFailedRelay));
    EXPECT_TRUE(h.has<RestartIce>());
}

TEST(IceNeverConnected, ALaterSuccessClearsTheNotice) {
    CallHarness h = calling_with(relay_only(), {kOldTurn});
    Generation g = h.gen();
    h.feed(IceStateChanged{g, "failed"});
    h.relay(IceServersUpdate{{kNewTurn}});
    h.feed(IceStateChanged{g, "connected"});
    EXPECT_TRUE(h.has<ClearNotice>());
    EXPECT_TRUE(h.logged(Text::Connected));
    EXPECT_EQ(h.machine.call_state(), CallState::Connected);
}

TEST(IceNeverConnected, AStaleConnectionsServerErrorIsIgnored) {
    CallHarness h = calling_with(relay_only(), {kOldTurn});
    Generation g = h.gen();
    h.feed(IceCandidateError{g + 7, "turn:x", 701, "unreachable"});
    EXPECT_TRUE(h.logged(Text::StaleCallback));
    h.feed(IceStateChanged{g, "failed"});
    for (const Log& l : h.all<Log>()) {
        if (l.text == Text::IceFailedRelay) {
            EXPECT_EQ(l.detail, "");
        }
    }
}

// The IceConnect timer the connection was opened with, from the commands of `h`'s last step.
StartTimer connect_timer(const CallHarness& h) {
    for (const StartTimer& t : h.all<StartTimer>()) {
        if (t.kind == TimerKind::IceConnect) return t;
    }
    ADD_FAILURE() << "no IceConnect timer";
    return {};
}

// Offer out, answer in: the exchange is complete and ICE may start checking.
void negotiate(CallHarness& h) {
    Generation g = h.gen();
    h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
    h.relay(Answer{kSdpB});
    h.feed(RemoteDescriptionSet{g, SdpType::Answer});
}

// Relay-only with a refused TURN server: no candidate pair ever exists and browsers leave ICE in
// "new" rather than "failed", so the machine's own timeout must speak up.
TEST(IceConnectTimeout, NoConnectionFifteenSecondsAfterOpeningIsAFailure) {
    CallHarness h = calling_with(relay_only(), {kOldTurn});
    StartTimer timer = connect_timer(h);
    EXPECT_EQ(timer.delay_ms, 15000);
    negotiate(h);
    h.feed(TimerFired{TimerKind::IceConnect, timer.token});
    EXPECT_TRUE(h.noticed(Text::IceFailedRelay));
    EXPECT_EQ(h.machine.call_state(), CallState::Failed);
    EXPECT_TRUE(h.has<RestartIce>());
}

TEST(IceConnectTimeout, WaitsAnotherRoundWhileTheOfferIsUnanswered) {
    CallHarness h = calling_with(relay_only(), {kOldTurn});
    StartTimer timer = connect_timer(h);
    h.feed(TimerFired{TimerKind::IceConnect, timer.token});
    EXPECT_FALSE(h.noticed(Text::IceFailedRelay));
    StartTimer again = connect_timer(h);
    negotiate(h);
    h.feed(TimerFired{TimerKind::IceConnect, again.token});
    EXPECT_TRUE(h.noticed(Text::IceFailedRelay));
}

TEST(IceConnectTimeout, CancelledByConnectingOrHangingUp) {
    CallHarness connected = calling_with(relay_only(), {kOldTurn});
    StartTimer timer = connect_timer(connected);
    negotiate(connected);
    connected.feed(IceStateChanged{connected.gen(), "connected"});
    connected.feed(TimerFired{TimerKind::IceConnect, timer.token});
    EXPECT_TRUE(connected.logged(Text::StaleCallback));
    EXPECT_EQ(connected.machine.call_state(), CallState::Connected);

    CallHarness hung_up = calling_with(relay_only(), {kOldTurn});
    StartTimer pending = connect_timer(hung_up);
    hung_up.feed(HangupClicked{});
    hung_up.feed(TimerFired{TimerKind::IceConnect, pending.token});
    EXPECT_FALSE(hung_up.noticed(Text::IceFailedRelay));
    EXPECT_EQ(hung_up.machine.call_state(), CallState::Idle);
}

TEST(IceFailureTexts, BothLanguagesNameTheLikelyCause) {
    EXPECT_NE(text(Text::IceFailedRelay, Lang::En).find("TURN server is unreachable or rejected the credentials"),
              std::string_view::npos);
    EXPECT_NE(text(Text::IceFailedRelay, Lang::Zh).find("TURN 服务器无法访问，或拒绝了凭据"), std::string_view::npos);
    EXPECT_NE(text(Text::IceFailed, Lang::En).find("no network path"), std::string_view::npos);
    EXPECT_NE(text(Text::IceFailed, Lang::Zh).find("找不到可用的网络路径"), std::string_view::npos);
}

}  // namespace
}  // namespace p2p::client::test
