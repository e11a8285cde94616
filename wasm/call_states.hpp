// The two page states exposed as body data attributes, so tests and CSS can follow the call.
#pragma once

#include <string_view>

namespace p2p::client {

enum class SignallingState { Connecting, Open, Closed };
// Idle is also the clean "ready" state after a hang-up; Reconnecting is a live call whose ICE
// dropped and is being restarted.
enum class CallState { Idle, Media, Negotiating, Connected, Reconnecting, Ended, Failed };

inline std::string_view state_name(SignallingState state) {
    switch (state) {
        case SignallingState::Connecting: return "connecting";
        case SignallingState::Open: return "open";
        case SignallingState::Closed: return "closed";
    }
    return "closed";
}

inline std::string_view state_name(CallState state) {
    switch (state) {
        case CallState::Idle: return "idle";
        case CallState::Media: return "media";
        case CallState::Negotiating: return "negotiating";
        case CallState::Connected: return "connected";
        case CallState::Reconnecting: return "reconnecting";
        case CallState::Ended: return "ended";
        case CallState::Failed: return "failed";
    }
    return "failed";
}

}  // namespace p2p::client
