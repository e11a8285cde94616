#include "wasm/call_events.hpp"

namespace p2p::client {

std::string_view operation_name(PeerOperation op) {
    switch (op) {
        case PeerOperation::SetLocalDescription: return "setLocalDescription";
        case PeerOperation::SetRemoteDescription: return "setRemoteDescription";
        case PeerOperation::AddIceCandidate: return "addIceCandidate";
    }
    return "?";
}

}  // namespace p2p::client
