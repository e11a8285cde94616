// Hang-up, mic/camera/share/device controls, chat and peer state over the data channel, stats,
// and the errors a person can act on.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"
#include "wasm/data_message.hpp"

namespace p2p::client::test {
namespace {

TEST(Hangup, ButtonTellsThePeerAndReturnsToACleanReadyState) {
    CallHarness h = CallHarness::connected();
    h.feed(HangupClicked{});
    EXPECT_TRUE(h.sent_a<Hangup>());
    EXPECT_TRUE(h.has<ClosePeerConnection>());
    EXPECT_TRUE(h.has<StopMedia>());
    EXPECT_TRUE(h.one<ShowControls>().start);
    EXPECT_EQ(h.machine.call_state(), CallState::Idle);
    EXPECT_FALSE(h.machine.in_call());
    EXPECT_EQ(h.sent(), (std::vector<Message>{Hangup{kS1}})) << "naming the session it ends";
    EXPECT_FALSE(h.has<CreatePeerConnection>()) << "no connection stays open for a call nobody asked for";
    EXPECT_FALSE(h.machine.session());
    // A new call in the same room, without reloading: its offer goes out before the camera runs.
    h.feed(StartClicked{});
    EXPECT_TRUE(h.has<RequestMedia>());
    EXPECT_TRUE(h.has<CreatePeerConnection>());
    EXPECT_TRUE(h.has<SetLocalDescription>());
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Offer{kSdpA, kS2}})) << "a new session";
    h.feed(MediaReady{});
    EXPECT_TRUE(h.has<AddLocalTracks>());
}

TEST(Hangup, PeerHangupIsShownAtOnceAndEndsOurSide) {
    CallHarness h = CallHarness::connected(Role::Answer);
    h.relay(Hangup{});
    EXPECT_TRUE(h.noticed(Text::PeerHungUp));
    EXPECT_TRUE(h.has<ClosePeerConnection>());
    EXPECT_FALSE(h.sent_a<Hangup>());
    EXPECT_EQ(h.machine.call_state(), CallState::Idle);
    EXPECT_TRUE(h.one<ShowControls>().start);
}

// A hang-up while the relay is down never reaches the peer, which would call us back into the
// session at the next meeting: it is said again then.
TEST(Hangup, AHangupTheRelayCouldNotCarryIsSaidAgainAtTheNextMeeting) {
    CallHarness h = CallHarness::connected();
    h.feed(SignallingClosed{1006, ""});
    h.feed(HangupClicked{});
    EXPECT_TRUE(h.sent().empty());
    h.feed(SignallingOpened{});
    h.relay(Joined{"default", 2, {}});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Hangup{kS1}, Ready{}}));
    h.feed(StartClicked{});
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    h.relay(PeerLeft{});
    h.relay(PeerJoined{});
    EXPECT_FALSE(h.sent_a<Hangup>()) << "a new session: that hang-up is history";
}

// Their renegotiation crossed our hang-up: its offer names the session that ended, not a call.
TEST(Hangup, AnOfferOfTheSessionWeHungUpIsNoNewCall) {
    CallHarness h = CallHarness::connected();
    h.feed(HangupClicked{});
    h.relay(Offer{kSdpB, kS1});
    EXPECT_FALSE(h.has<CreatePeerConnection>());
    EXPECT_FALSE(h.machine.in_call());
    EXPECT_TRUE(h.logged(Text::StaleSession, LogLevel::Debug));
}

// A reload right after a hang-up the relay could not carry: the tab remembers it (sessionStorage).
TEST(Hangup, AReloadedPageStillSaysTheHangupItCouldNotDeliver) {
    CallHarness h = CallHarness::connected();
    h.feed(SignallingClosed{1006, ""});
    h.feed(HangupClicked{});
    EXPECT_EQ(h.one<RememberHangup>().sessions, std::vector<std::string>{*kS1});
    CallConfig reloaded = CallHarness::config(Role::Offer, "default");
    reloaded.page_id = "reloaded";
    reloaded.hung_up_before = {*kS1};
    CallHarness again = CallHarness::joined(reloaded, 2, {});
    EXPECT_EQ(again.sent(), (std::vector<Message>{Hangup{kS1}, Ready{}}));
    again.relay(Offer{kSdpB, kS1});  // the peer's renegotiation of that call, crossing it
    EXPECT_FALSE(again.machine.in_call()) << "not a new call";
    again.feed(StartClicked{});
    EXPECT_TRUE(again.one<RememberHangup>().sessions.empty()) << "a new session: forgotten";
}

TEST(Hangup, HangingUpAnIncomingCallBeforeItsAnswerTellsThePeer) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Offer{kSdpA, kTheirs});
    h.feed(HangupClicked{});
    EXPECT_EQ(h.sent(), (std::vector<Message>{Hangup{kTheirs}})) << "they wait for our answer otherwise";
}

TEST(Hangup, MediaArrivingAfterHangupIsReleased) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.feed(StartClicked{});
    h.feed(HangupClicked{});
    h.feed(MediaReady{});
    EXPECT_TRUE(h.has<StopMedia>());
    EXPECT_FALSE(h.has<CreatePeerConnection>());
}

TEST(Controls, MuteAndCameraOffReachThePeerOverTheDataChannel) {
    CallHarness h = CallHarness::connected();
    Generation g = h.gen();
    h.feed(MicToggled{});
    EXPECT_FALSE(h.one<SetMicEnabled>().on);
    EXPECT_EQ(h.one<SendData>().text, "m0");
    EXPECT_FALSE(h.one<ShowToggles>().mic_on);
    h.feed(CameraToggled{});
    EXPECT_FALSE(h.one<SetCameraEnabled>().on);
    EXPECT_EQ(h.one<SendData>().text, "v0");
    h.feed(DataReceived{g, "v0"});
    EXPECT_FALSE(h.one<ShowPeerState>().camera_on);
    EXPECT_TRUE(h.logged(Text::PeerCameraOff));
    h.feed(DataReceived{g, "m0"});
    EXPECT_FALSE(h.one<ShowPeerState>().mic_on);
}

TEST(Controls, DataChannelOpenSendsOurCurrentState) {
    CallHarness h = CallHarness::calling();
    h.feed(MicToggled{});
    h.feed(DataChannelOpen{h.gen(), true});
    auto data = h.all<SendData>();
    ASSERT_EQ(data.size(), 2u);
    EXPECT_EQ(data[0].text, "m0");
    EXPECT_EQ(data[1].text, "v1");
    EXPECT_TRUE(h.one<EnableChat>().enabled);
}

TEST(Controls, ShareAndBack) {
    CallHarness h = CallHarness::connected();
    h.feed(ShareToggled{});
    EXPECT_TRUE(h.has<StartShare>());
    h.feed(ShareStarted{});
    EXPECT_TRUE(h.one<ShowToggles>().sharing);
    h.feed(ShareToggled{});
    EXPECT_TRUE(h.has<StopShare>());
    EXPECT_FALSE(h.one<ShowToggles>().sharing);
    h.feed(ShareToggled{});
    h.feed(ShareStarted{});
    h.feed(ShareStopped{});  // ended from the browser's own "stop sharing" bar
    EXPECT_TRUE(h.has<StopShare>());
    h.feed(ShareFailed{"NotAllowedError"});
    EXPECT_TRUE(h.noticed(Text::ShareFailed));
}

TEST(Controls, DeviceSwitch) {
    CallHarness h = CallHarness::connected();
    h.feed(DeviceChosen{"videoinput", "cam2"});
    EXPECT_EQ(h.one<SwitchDevice>().device_id, "cam2");
    EXPECT_FALSE(h.has<SetLocalDescription>()) << "replaceTrack needs no renegotiation";
    h.feed(DeviceSwitchFailed{"busy"});
    EXPECT_TRUE(h.noticed(Text::DeviceSwitchFailed));
}

TEST(Chat, BothWaysOverTheDataChannelOnly) {
    CallHarness h = CallHarness::connected();
    h.feed(ChatSubmitted{"你好"});
    EXPECT_EQ(h.one<SendData>().text, "c你好");
    EXPECT_TRUE(h.one<ShowChat>().mine);
    EXPECT_TRUE(h.sent().empty()) << "chat never goes through the relay";
    h.feed(DataReceived{h.gen(), "chello"});
    ShowChat shown = h.one<ShowChat>();
    EXPECT_FALSE(shown.mine);
    EXPECT_EQ(shown.text, "hello");
}

TEST(Chat, UnavailableBeforeTheChannelOpens) {
    CallHarness h = CallHarness::calling();
    h.feed(ChatSubmitted{"hi"});
    EXPECT_FALSE(h.has<SendData>());
    EXPECT_TRUE(h.noticed(Text::ChatUnavailable));
}

TEST(Stats, SampledEverySecondWhileConnectedAndShownOnToggle) {
    CallHarness h = CallHarness::calling();
    Generation g = h.gen();
    StartTimer t;
    for (const StartTimer& each : h.all<StartTimer>()) {
        if (each.kind == TimerKind::Stats) t = each;
    }
    EXPECT_EQ(t.kind, TimerKind::Stats);
    EXPECT_GT(t.token, 0u);
    h.feed(TimerFired{TimerKind::Stats, t.token});
    EXPECT_EQ(h.one<CollectStats>().gen, g);
    h.feed(StatsCollected{g, StatsSample{0, 0, 0, 0, 0, 0, 0, 0, -1, "", "", "", "", ""}});
    EXPECT_FALSE(h.has<ShowStats>()) << "a rate needs two samples";
    h.feed(StatsToggled{});
    EXPECT_TRUE(h.one<ShowStats>().visible);
    h.feed(StatsCollected{g, StatsSample{1000, 125000, 250000, 90, 10, 30, 640, 480, 12, "host", "host", "udp", "", "192.168.1.2:5000"}});
    ShowStats s = h.one<ShowStats>();
    EXPECT_TRUE(s.visible);
    EXPECT_DOUBLE_EQ(s.view.out_kbps, 1000);
    EXPECT_DOUBLE_EQ(s.view.in_kbps, 2000);
    EXPECT_DOUBLE_EQ(s.view.loss_percent, 10);
    EXPECT_EQ(s.view.path, "host");
    EXPECT_EQ(s.view.transport, "udp");
}

struct MediaErrorCase {
    const char* name;
    Text text;
};

TEST(Errors, EveryMediaErrorSaysWhatToDo) {
    const MediaErrorCase cases[] = {{"NotAllowedError", Text::PermissionDenied},
                                    {"NotFoundError", Text::NoDevice},
                                    {"OverconstrainedError", Text::NoDevice},
                                    {"NotReadableError", Text::DeviceBusy},
                                    {"NotSupportedError", Text::HttpsRequired},
                                    {"WeirdError", Text::MediaFailed}};
    for (const MediaErrorCase& c : cases) {
        CallHarness h = CallHarness::joined(Role::Offer, 2);
        h.feed(StartClicked{});
        h.feed(MediaFailed{c.name, "x"});
        EXPECT_TRUE(h.noticed(c.text)) << c.name;
        EXPECT_TRUE(h.logged(c.text, LogLevel::Error)) << c.name;
        EXPECT_EQ(h.machine.call_state(), CallState::Failed);
        EXPECT_TRUE(h.one<ShowControls>().start) << "try again after fixing it";
    }
}

TEST(Errors, CameraRefusedWhileAnOfferIsSetClosesItsConnection) {
    CallHarness h = CallHarness::joined(Role::Answer, 2);
    h.relay(Offer{kSdpA});
    Generation g = h.gen();
    h.feed(MediaFailed{"NotAllowedError", "denied"});
    EXPECT_EQ(h.one<ClosePeerConnection>().gen, g);
    EXPECT_TRUE(h.noticed(Text::PermissionDenied));
    h.feed(RemoteDescriptionSet{g, SdpType::Offer});
    EXPECT_FALSE(h.has<SetLocalDescription>()) << "no answer from a closed connection";
    EXPECT_TRUE(h.sent().empty());
}

TEST(Errors, RelayUnreachableSaysRetrying) {
    CallHarness h(Role::Offer);
    h.feed(SignallingClosed{1006, ""});
    EXPECT_TRUE(h.noticed(Text::RelayRetrying));
    EXPECT_EQ(h.machine.signalling_state(), SignallingState::Closed);
}

TEST(Errors, RoomFullPeerLeftConnectionLost) {
    CallHarness full = CallHarness::joined(Role::Answer, 2);
    full.relay(Error{"room_full", "full"});
    EXPECT_TRUE(full.noticed(Text::RoomFull));
    CallHarness left = CallHarness::calling();
    left.relay(PeerLeft{});
    EXPECT_TRUE(left.noticed(Text::PeerLeft));
    CallHarness lost = CallHarness::connected();
    lost.feed(IceStateChanged{lost.gen(), "disconnected"});
    EXPECT_TRUE(lost.noticed(Text::ConnectionLost));
}

}  // namespace
}  // namespace p2p::client::test
