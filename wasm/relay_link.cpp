#include "wasm/relay_link.hpp"

#include "wasm/stats_math.hpp"

namespace p2p::client {

SignallingState RelayLink::shown() const {
    switch (state_) {
        case LinkState::Connecting: return SignallingState::Connecting;
        case LinkState::Open: return SignallingState::Open;
        case LinkState::BackingOff:
        case LinkState::Refused: return SignallingState::Closed;
    }
    return SignallingState::Closed;
}

void RelayLink::set(LinkState next) {
    SignallingState before = shown();
    state_ = next;
    if (shown() != before) out_.emit(SetSignallingState{shown()});
}

void RelayLink::connect() {
    out_.log(LogLevel::Info, Text::SignallingConnecting, room_);
    out_.emit(OpenSignalling{room_});
}

void RelayLink::opened() {
    set(LinkState::Open);
    out_.clear_notice(Text::RelayRetrying);
    backoff_.reset();
    out_.log(LogLevel::Info, Text::SignallingOpen);
}

void RelayLink::closed(int code, const std::string& reason) {
    peer_ = PeerPresence::Absent;
    std::string detail = "code " + std::to_string(code);
    if (!reason.empty()) detail += " " + reason;
    out_.log(LogLevel::Error, Text::SignallingClosed, detail);
    if (state_ == LinkState::Refused) {
        // The seat that fills the room may be a ghost: a page of this room that reloaded or lost
        // its network, which the relay drops at its idle timeout. Try again now and then, slowly,
        // and keep saying the room is full meanwhile.
        out_.emit(SetSignallingState{SignallingState::Closed});
        return out_.start_timer(TimerKind::Reconnect, Backoff::kMaxMs);
    }
    set(LinkState::BackingOff);
    int delay = backoff_.next_delay_ms();
    out_.notice(LogLevel::Error, Text::RelayRetrying, format_decimal(delay / 1000.0, 1) + " s");
    out_.start_timer(TimerKind::Reconnect, delay);
}

void RelayLink::reconnect_due() {
    if (state_ != LinkState::BackingOff && state_ != LinkState::Refused) return;
    set(LinkState::Connecting);
    connect();
}

void RelayLink::refuse() {
    state_ = LinkState::Refused;
}

bool RelayLink::arrive() {
    if (peer_ == PeerPresence::Present) return false;
    peer_ = PeerPresence::Present;
    ++peer_epoch_;
    return true;
}

}  // namespace p2p::client
