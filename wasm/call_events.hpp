// Everything the browser can tell the call machine, one struct per event.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "shared/messages.hpp"
#include "wasm/role.hpp"
#include "wasm/stats_math.hpp"

namespace p2p::client {

// Identifies one RTCPeerConnection. Results from an older one arrive late and must be ignored.
using Generation = std::uint32_t;

// The RTCPeerConnection operations whose failure is reported back.
enum class PeerOperation { SetLocalDescription, SetRemoteDescription, AddIceCandidate };

// The machine's timers; a fired timer whose token is not the latest one of its kind is stale.
// IceConnect bounds the first connection: with no usable candidate pair at all (e.g. relay-only
// and the TURN server refused us) browsers leave ICE in "new" instead of reporting "failed".
// Heartbeat paces the relay link's Pings; LinkDeadline is when a connecting socket must be open,
// or an open one must have answered its Ping (relay_link.hpp).
// Check bounds the connection check.
enum class TimerKind { Reconnect, IceRestart, Stats, IceConnect, OpenChat, Heartbeat, LinkDeadline, Check };
inline constexpr int kTimerKinds = 8;

struct SignallingOpened {};
struct SignallingClosed {
    int code = 0;
    std::string reason;
};
struct SignallingFailed {};  // WebSocket "error": browsers give no detail, a close follows
// The browser says the network changed (window "online", navigator.connection "change").
struct NetworkChanged {};
struct CheckClicked {};
// A candidate of a connection-check probe (RunProbe::id); "" when its gathering completed.
struct ProbeCandidate {
    unsigned probe = 0;
    std::string candidate;
};
struct SignallingMessage {
    std::string text;  // raw frame; the machine decodes it with p2p::decode
};
struct TimerFired {
    TimerKind kind = TimerKind::Reconnect;
    unsigned token = 0;
};
// Buttons of the page.
struct StartClicked {};
struct HangupClicked {};
struct MicToggled {};
struct CameraToggled {};
struct ShareToggled {};
struct StatsToggled {};
struct RestartClicked {};  // "reconnect" in the stats panel: restart ICE by hand
struct ChatSubmitted {
    std::string text;
};
struct DeviceChosen {
    std::string kind;  // "audioinput" | "videoinput"
    std::string device_id;
};
// getUserMedia / getDisplayMedia / device switching results.
struct MediaReady {};
struct MediaFailed {
    std::string name;  // DOMException name, e.g. NotAllowedError
    std::string message;
};
struct ShareStarted {};
struct ShareStopped {};  // the user ended the capture from the browser's own UI
struct ShareFailed {
    std::string error;
};
struct DeviceSwitchFailed {
    std::string error;
};
// RTCPeerConnection.
struct NegotiationNeeded {
    Generation gen = 0;
};
struct LocalDescriptionSet {
    Generation gen = 0;
    SdpType type = SdpType::Offer;  // what the implicit setLocalDescription() produced
    std::string sdp;
};
struct RemoteDescriptionSet {
    Generation gen = 0;
    SdpType type = SdpType::Offer;
};
struct LocalIceCandidate {
    Generation gen = 0;
    IceCandidate candidate;  // an empty candidate string means end-of-candidates
};
struct RemoteTrackArrived {
    Generation gen = 0;
};
struct IceStateChanged {
    Generation gen = 0;
    std::string state;  // RTCPeerConnection.iceConnectionState
};
// icecandidateerror: a STUN/TURN server could not be reached (701) or refused us (401, ...).
struct IceCandidateError {
    Generation gen = 0;
    std::string url;
    int code = 0;
    std::string text;
};
struct PeerOperationFailed {
    Generation gen = 0;
    PeerOperation op = PeerOperation::SetLocalDescription;
    std::string error;
};
// The chat/state RTCDataChannel of a connection.
struct DataChannelOpen {
    Generation gen = 0;
    bool open = false;
};
struct DataReceived {
    Generation gen = 0;
    std::string text;
};
struct StatsCollected {
    Generation gen = 0;
    StatsSample sample;
};

using CallEvent =
    std::variant<SignallingOpened, SignallingClosed, SignallingFailed, NetworkChanged, CheckClicked, ProbeCandidate, SignallingMessage, TimerFired, StartClicked,
                 HangupClicked, MicToggled, CameraToggled, ShareToggled, StatsToggled, RestartClicked, ChatSubmitted,
                 DeviceChosen, MediaReady, MediaFailed, ShareStarted, ShareStopped, ShareFailed,
                 DeviceSwitchFailed, NegotiationNeeded, LocalDescriptionSet, RemoteDescriptionSet, LocalIceCandidate,
                 RemoteTrackArrived, IceStateChanged, IceCandidateError, PeerOperationFailed, DataChannelOpen, DataReceived,
                 StatsCollected>;

std::string_view operation_name(PeerOperation op);

}  // namespace p2p::client
