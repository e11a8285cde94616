// Everything the call machine asks the browser to do, one struct per command.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/call_events.hpp"
#include "wasm/call_states.hpp"
#include "wasm/check_report.hpp"
#include "wasm/log_text.hpp"
#include "wasm/role.hpp"
#include "wasm/stats_math.hpp"

namespace p2p::client {

struct OpenSignalling {
    std::string room;
};
// Gives up on the current signalling socket (it stopped answering, or never opened): its events
// are ignored from now on; an OpenSignalling follows when the reconnect is due.
struct CloseSignalling {};
struct SendMessage {
    std::string text;  // already encoded with p2p::encode
};
struct StartTimer {
    TimerKind kind = TimerKind::Reconnect;
    unsigned token = 0;
    int delay_ms = 0;
};
struct RequestMedia {};    // getUserMedia({video:true, audio:true})
struct StopMedia {};       // stop every local track (hang-up): the camera light goes off
struct ShowLocalVideo {};  // attach the local stream to #local-video
struct CreatePeerConnection {
    Generation gen = 0;
    std::vector<IceServer> ice_servers;  // from the relay's latest "joined" or "ice_servers"
    bool relay_only = false;             // iceTransportPolicy "relay" instead of "all"
};
// setConfiguration() with new iceServers (renewed TURN credentials): used by the next ICE restart.
struct SetIceServers {
    Generation gen = 0;
    std::vector<IceServer> ice_servers;
};
// Before the camera is on: an audio and a video sender without tracks, sent as one stream (the
// offered transceivers turned sendrecv, or new ones), so the offer or answer can be made ahead of
// the camera. AddLocalTracks later fills them.
struct PrepareSenders {
    Generation gen = 0;
};
// Puts every local track on the connection: on the senders PrepareSenders made (replaceTrack, no
// new offer) or with addTrack.
struct AddLocalTracks {
    Generation gen = 0;
};
// Opens the chat data channel; the browser's negotiationneeded then adds it to the session.
struct OpenDataChannel {
    Generation gen = 0;
};
struct ClosePeerConnection {
    Generation gen = 0;
};
struct SetLocalDescription {  // implicit: the browser makes the offer or answer its state calls for
    Generation gen = 0;
};
struct SetRemoteDescription {
    Generation gen = 0;
    SdpType type = SdpType::Offer;
    std::string sdp;
};
struct AddIceCandidate {
    Generation gen = 0;
    IceCandidate candidate;
};
struct RestartIce {
    Generation gen = 0;
};
// The path came back after an interruption: the video sender starts its stream again (a new key
// frame at once). Without it the peer decoded nothing for up to 4 s after packets flowed again,
// waiting for a key frame (tests/e2e/lab_recovery.test.mjs, 5 s and 10 s outages).
struct RefreshVideo {
    Generation gen = 0;
};
// Nothing arrives from the peer: the path is likely down both ways, so the video sender stops
// (active false) until RefreshVideo starts it again. Frames sent into a dead path would come back
// as retransmissions when it returns, and the peer's receiver waits on them before the new key
// frame (lab, 5 s outage: decoded frames held up to 1.3 s after the key frame).
struct HoldVideo {
    Generation gen = 0;
};
struct SendData {  // on the connection's data channel, see data_message.hpp
    Generation gen = 0;
    std::string text;
};
struct SetMicEnabled {
    bool on = true;
};
// Camera off stops sending video frames (replaceTrack(null)); on puts the current track back.
struct SetCameraEnabled {
    bool on = true;
};
struct StartShare {};  // getDisplayMedia, then replaceTrack on the video sender
struct StopShare {};   // back to the camera track
struct SwitchDevice {
    std::string kind;  // "audioinput" | "videoinput"
    std::string device_id;
};
struct CollectStats {
    Generation gen = 0;
};
struct ShowRemoteVideo {
    Generation gen = 0;  // the stream that connection's ontrack delivered
};
struct ClearRemoteVideo {};
// The page's buttons and indicators.
struct ShowControls {
    bool start = false;    // #start
    bool in_call = false;  // #hangup and the media buttons
};
struct ShowToggles {
    bool mic_on = true;
    bool camera_on = true;
    bool sharing = false;
};
struct ShowPeerState {
    bool mic_on = true;
    bool camera_on = true;
};
struct ShowChat {
    bool mine = false;
    std::string text;
};
struct EnableChat {
    bool enabled = false;
};
struct ShowVerifyCode {
    std::string code;  // "" hides it
};
struct ShowNegotiations {
    unsigned count = 0;  // completed offer/answer exchanges on the current connection
    SessionId session;   // which session that is (<body data-session>, for tests and diagnostics)
};
struct ShowStats {
    bool visible = false;
    StatsView view;
};
struct SetSignallingState {
    SignallingState state = SignallingState::Connecting;
};
struct SetCallState {
    CallState state = CallState::Idle;
};

// Debug lines go to the console only; info and error lines go to the log panel. A notice also
// replaces the banner over the video (what a person should know or do now); `clears_notice`
// removes it.
enum class LogLevel { Debug, Info, Error };
struct Log {
    LogLevel level = LogLevel::Info;
    Text text = Text::StaleCallback;
    std::string detail;  // appended after the text, untranslated (names, codes, states)
    bool notice = false;
};
struct ClearNotice {};
// Kept for this tab across a reload (sessionStorage, session_list.hpp): the sessions the
// person's hang-up named, so a reloaded page can still tell a peer that never heard it.
struct RememberHangup {
    std::vector<std::string> sessions;  // what the hang-up named; empty: forget it
};
// The connection check (connection_check.hpp): one RTCPeerConnection per probe that only
// gathers candidates, each reported as a ProbeCandidate; EndProbes closes them all.
struct RunProbe {
    unsigned id = 0;
    ProbePlan plan;
};
struct EndProbes {};
struct ShowCheck {
    CheckReport report;
};

using CallCommand =
    std::variant<OpenSignalling, CloseSignalling, SendMessage, StartTimer, RequestMedia, StopMedia, ShowLocalVideo,
                 CreatePeerConnection, SetIceServers, PrepareSenders, AddLocalTracks, OpenDataChannel, ClosePeerConnection, SetLocalDescription, SetRemoteDescription,
                 AddIceCandidate, RestartIce, HoldVideo, RefreshVideo, SendData, SetMicEnabled, SetCameraEnabled, StartShare, StopShare,
                 SwitchDevice, CollectStats, ShowRemoteVideo, ClearRemoteVideo, ShowControls, ShowToggles,
                 ShowPeerState, ShowChat, EnableChat, ShowVerifyCode, ShowNegotiations, ShowStats, SetSignallingState, SetCallState,
                 Log, ClearNotice, RememberHangup, RunProbe, EndProbes, ShowCheck>;
using CallCommands = std::vector<CallCommand>;

}  // namespace p2p::client
