// Everything the browser can tell the call machine, one struct per event.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "shared/messages.hpp"
#include "wasm/role.hpp"

namespace p2p::client {

// Identifies one RTCPeerConnection. Results from an older one arrive late and must be ignored.
using Generation = std::uint32_t;

// The RTCPeerConnection operations whose failure is reported back.
enum class PeerOperation { CreateOffer, CreateAnswer, SetLocalDescription, SetRemoteDescription, AddIceCandidate };

struct SignallingOpened {};
struct SignallingClosed {
    int code = 0;
    std::string reason;
};
struct SignallingFailed {};  // WebSocket "error": browsers give no detail, a close follows
struct SignallingMessage {
    std::string text;  // raw frame; the machine decodes it with p2p::decode
};
struct StartClicked {};
struct MediaReady {};
struct MediaFailed {
    std::string name;  // DOMException name, e.g. NotAllowedError
    std::string message;
};
struct LocalDescriptionCreated {
    Generation gen = 0;
    SdpType type = SdpType::Offer;
    std::string sdp;
};
struct LocalDescriptionSet {
    Generation gen = 0;
};
struct RemoteDescriptionSet {
    Generation gen = 0;
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
struct ConnectionStateChanged {
    Generation gen = 0;
    std::string state;  // RTCPeerConnection.connectionState
};
struct PeerOperationFailed {
    Generation gen = 0;
    PeerOperation op = PeerOperation::CreateOffer;
    std::string error;
};

using CallEvent = std::variant<SignallingOpened, SignallingClosed, SignallingFailed, SignallingMessage, StartClicked,
                               MediaReady, MediaFailed, LocalDescriptionCreated, LocalDescriptionSet,
                               RemoteDescriptionSet, LocalIceCandidate, RemoteTrackArrived, IceStateChanged,
                               ConnectionStateChanged, PeerOperationFailed>;

std::string_view operation_name(PeerOperation op);

}  // namespace p2p::client
