#include "wasm/relay_link.hpp"

#include <algorithm>

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
    check_ = LinkCheck::Quiet;
    out_.start_timer(TimerKind::LinkDeadline, in_a_hurry() ? kUrgentConnectDeadlineMs : kConnectDeadlineMs);
}

void RelayLink::opened() {
    set(LinkState::Open);
    rejoin_ = false;
    out_.clear_notice(Text::RelayRetrying);
    out_.clear_notice(Text::SignallingSilent);
    backoff_.reset();
    out_.log(LogLevel::Info, Text::SignallingOpen);
    out_.cancel_timer(TimerKind::LinkDeadline);
    out_.start_timer(TimerKind::Heartbeat, heartbeat_ms_);
}

void RelayLink::closed(int code, const std::string& reason) {
    peer_ = PeerPresence::Absent;
    out_.cancel_timer(TimerKind::Heartbeat);
    out_.cancel_timer(TimerKind::LinkDeadline);
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
    back_off();
}

void RelayLink::back_off() {
    set(LinkState::BackingOff);
    int delay = backoff_.next_delay_ms();
    if (in_a_hurry() && delay > kUrgentRetryMs) delay = kUrgentRetryMs;
    out_.notice(LogLevel::Error, Text::RelayRetrying, format_decimal(delay / 1000.0, 1) + " s");
    out_.start_timer(TimerKind::Reconnect, delay);
}

void RelayLink::hurry(bool on) {
    if (on == urgent_) return;
    urgent_ = on;
    // A reconnect already waiting longer is brought forward.
    if (on && state_ == LinkState::BackingOff) out_.start_timer(TimerKind::Reconnect, kUrgentRetryMs);
}

void RelayLink::reconnect_due() {
    if (state_ != LinkState::BackingOff && state_ != LinkState::Refused) return;
    set(LinkState::Connecting);
    connect();
}

// ---- liveness ----

void RelayLink::heard() {
    if (state_ != LinkState::Open) return;
    check_ = LinkCheck::Quiet;
    out_.cancel_timer(TimerKind::LinkDeadline);
}

void RelayLink::heartbeat_due() {
    if (state_ != LinkState::Open) return;
    if (check_ == LinkCheck::Quiet) ping(pong_deadline_ms_);
    out_.start_timer(TimerKind::Heartbeat, heartbeat_ms_);
}

void RelayLink::probe() {
    if (state_ == LinkState::Open && check_ == LinkCheck::Quiet) ping(std::min(kProbeDeadlineMs, pong_deadline_ms_));
}

void RelayLink::pace(unsigned heartbeat_ms, unsigned pong_deadline_ms) {
    const bool changed = heartbeat_ms && static_cast<int>(heartbeat_ms) != heartbeat_ms_;
    if (heartbeat_ms) heartbeat_ms_ = static_cast<int>(heartbeat_ms);
    if (pong_deadline_ms) pong_deadline_ms_ = static_cast<int>(pong_deadline_ms);
    // The heartbeat started on open at the old pace; the next one keeps the new.
    if (changed && state_ == LinkState::Open && check_ == LinkCheck::Quiet) {
        out_.start_timer(TimerKind::Heartbeat, heartbeat_ms_);
    }
}

void RelayLink::ping(int deadline_ms) {
    out_.send(Ping{});
    check_ = LinkCheck::Pinged;
    out_.start_timer(TimerKind::LinkDeadline, deadline_ms);
}

bool RelayLink::deadline_passed(bool call_live) {
    const bool silent_socket = state_ == LinkState::Open && check_ == LinkCheck::Pinged;
    if (!silent_socket && state_ != LinkState::Connecting) return false;
    if (silent_socket && call_live) rejoin_ = true;
    give_up();
    return true;
}

// The socket is abandoned without waiting for the browser to notice: its close may take minutes.
// A socket that was open is replaced at once (the relay is likely fine, our path changed); one
// that never opened waits out the backoff like any failed attempt.
void RelayLink::give_up() {
    const bool was_open = state_ == LinkState::Open;
    peer_ = PeerPresence::Absent;
    out_.cancel_timer(TimerKind::Heartbeat);
    out_.emit(CloseSignalling{});
    if (was_open) {
        out_.notice(LogLevel::Error, Text::SignallingSilent);
        set(LinkState::Connecting);
        return connect();
    }
    out_.log(LogLevel::Error, Text::SignallingSilent);
    if (rejoin_) return connect();  // no answer at all: the attempt's own deadline paced it
    back_off();
}

void RelayLink::path_is_back() {
    if (state_ != LinkState::BackingOff) return;
    out_.cancel_timer(TimerKind::Reconnect);
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
