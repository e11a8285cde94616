#include "wasm/call_machine.hpp"

#include <utility>

#include "shared/codec.hpp"

namespace p2p::client {

CallMachine::CallMachine(CallConfig config) : config_(std::move(config)), backoff_(config_.seed) {}

CallCommands CallMachine::start() {
    out_.clear();
    emit(SetSignallingState{signalling_});
    emit(SetCallState{call_});
    emit(controls_);
    log(LogLevel::Info, Text::SignallingConnecting, config_.room);
    emit(OpenSignalling{config_.room});
    return std::exchange(out_, {});
}

CallCommands CallMachine::handle(const CallEvent& event) {
    out_.clear();
    std::visit([this](const auto& e) { on(e); }, event);
    return std::exchange(out_, {});
}

std::optional<Generation> CallMachine::current_generation() const {
    if (!pc_) return std::nullopt;
    return pc_->gen;
}

// ---- small helpers ----

void CallMachine::log(LogLevel level, Text text, std::string detail, bool notice) {
    emit(Log{level, text, std::move(detail), notice});
}

void CallMachine::set_call(CallState state) {
    if (call_ == state) return;
    call_ = state;
    emit(SetCallState{state});
}

void CallMachine::set_signalling(SignallingState state) {
    if (signalling_ == state) return;
    signalling_ = state;
    emit(SetSignallingState{state});
}

void CallMachine::update_controls() {
    ShowControls next{signalling_ == SignallingState::Open && !in_call_ && !room_full_ && media_ != Media::Requesting,
                      in_call_};
    if (next.start == controls_.start && next.in_call == controls_.in_call) return;
    controls_ = next;
    emit(next);
}

void CallMachine::send(const Message& message) {
    emit(SendMessage{encode(message)});
}

void CallMachine::start_timer(TimerKind kind, int delay_ms) {
    emit(StartTimer{kind, ++timers_[static_cast<int>(kind)], delay_ms});
}

void CallMachine::unexpected(const Message& message, std::string_view why) {
    log(LogLevel::Debug, Text::UnexpectedMessage, std::string(type_name(message)) + ": " + std::string(why));
}

// ---- signalling channel: reconnects with backoff; the call itself is peer to peer ----

void CallMachine::on(const SignallingOpened&) {
    set_signalling(SignallingState::Open);
    if (backoff_.attempt() > 0) emit(ClearNotice{});
    backoff_.reset();
    log(LogLevel::Info, Text::SignallingOpen);
    update_controls();
    if (!in_call_) log(LogLevel::Info, Text::ClickStart);
}

void CallMachine::on(const SignallingClosed& e) {
    set_signalling(SignallingState::Closed);
    peer_present_ = false;
    drop_held();
    update_controls();
    std::string detail = "code " + std::to_string(e.code);
    if (!e.reason.empty()) detail += " " + e.reason;
    log(LogLevel::Error, Text::SignallingClosed, detail);
    if (room_full_) return;  // retrying would only be refused again
    int delay = backoff_.next_delay_ms();
    log(LogLevel::Error, Text::RelayRetrying, format_decimal(delay / 1000.0, 1) + " s", true);
    start_timer(TimerKind::Reconnect, delay);
}

void CallMachine::on(const SignallingFailed&) {
    log(LogLevel::Debug, Text::SignallingError);
}

void CallMachine::on(const SignallingMessage& e) {
    DecodeResult result = decode(e.text);
    if (!result.ok()) {
        log(LogLevel::Error, Text::BadMessage, std::string(result.error().code) + ": " + result.error().detail);
        return;
    }
    std::visit([this](const auto& message) { on(message); }, result.message());
}

void CallMachine::on(const TimerFired& e) {
    if (e.token != timers_[static_cast<int>(e.kind)]) return log(LogLevel::Debug, Text::StaleCallback, "timer");
    switch (e.kind) {
        case TimerKind::Reconnect:
            if (signalling_ != SignallingState::Closed) return;
            set_signalling(SignallingState::Connecting);
            log(LogLevel::Info, Text::SignallingConnecting, config_.room);
            emit(OpenSignalling{config_.room});
            return;
        case TimerKind::IceRestart:
            if (pc_ && pc_->ice_down) restart_ice();
            return;
        case TimerKind::Stats:
            collect_stats();
            return;
        case TimerKind::IceConnect:
            if (pc_ && !pc_->connected) ice_connect_timeout();
            return;
        case TimerKind::OpenChat:
            return open_chat();
    }
}

// ---- relay control messages ----

void CallMachine::on(const Joined& m) {
    log(LogLevel::Info, Text::JoinedRoom, m.room + " (" + std::to_string(m.peers) + ")");
    ice_servers_ = m.ice_servers;
    peer_present_ = m.peers >= kPeersPerRoom;
    if (!peer_present_) {
        if (in_call_ && !pc_) log(LogLevel::Info, Text::WaitingForPeer);
        return;
    }
    log(LogLevel::Info, Text::PeerAlreadyHere);
    peer_arrived();
}

void CallMachine::on(const IceServersUpdate& m) {
    // Renewed TURN credentials: the live connection's next ICE restart must present them.
    ice_servers_ = m.ice_servers;
    log(LogLevel::Info, Text::IceServersUpdated);
    if (pc_ && pc_->held) {
        drop_held();
        return prepare_call();  // gathered anew with the new credentials
    }
    if (pc_) emit(SetIceServers{pc_->gen, ice_servers_});
}

void CallMachine::on(const PeerJoined&) {
    log(LogLevel::Info, Text::PeerJoined);
    peer_present_ = true;
    peer_arrived();
}

void CallMachine::peer_arrived() {
    ++peer_epoch_;
    drop_held();  // prepared for the peer's previous arrival
    // A page without a connection says so: a peer still holding an older call then starts anew.
    if (!pc_) send(Ready{});
    if (pc_) {
        resume_negotiation();
    } else if (in_call_ && media_ == Media::Ready) {
        begin_call();
    } else {
        prepare_call();
    }
}

void CallMachine::on(const PeerLeft&) {
    peer_present_ = false;
    drop_held();
    remote_queue_.clear();
    // Only the peer's relay connection is gone for sure; media may still flow peer to peer.
    if (pc_ && pc_->connected && !pc_->ice_down) {
        log(LogLevel::Info, Text::PeerLeft);
        log(LogLevel::Info, Text::PeerOffline, {}, true);
        return;
    }
    log(LogLevel::Info, Text::PeerLeft, {}, true);
    if (pc_) {
        end_session();
        set_call(CallState::Ended);
    }
    if (in_call_) log(LogLevel::Info, Text::WaitingForPeer);
}

void CallMachine::on(const Ready& m) {
    // Our connection predates the peer's latest arrival, and the peer has none: it reloaded.
    if (!pc_ || pc_->held || pc_->peer_epoch >= peer_epoch_) return unexpected(m, "no older call to replace");
    log(LogLevel::Info, Text::PeerRestarted);
    end_session();
    if (in_call_ && media_ == Media::Ready) {
        begin_call();
    } else {
        set_call(CallState::Ended);
    }
}

void CallMachine::on(const Hangup& m) {
    if (!in_call_) return unexpected(m, "no call");
    log(LogLevel::Info, Text::PeerHungUp, {}, true);
    leave_call();
}

void CallMachine::on(const HangupClicked&) {
    if (!in_call_) return;
    if (can_signal()) send(Hangup{});
    log(LogLevel::Info, Text::HungUp);
    leave_call();
}

void CallMachine::leave_call() {
    if (pc_) end_session();
    remote_queue_.clear();
    in_call_ = false;
    if (media_ != Media::None) emit(StopMedia{});
    media_ = Media::None;
    mic_on_ = camera_on_ = true;
    sharing_ = false;
    show_toggles();
    set_call(CallState::Idle);
    update_controls();
    prepare_call();  // for the next call
}

void CallMachine::on(const Error& m) {
    if (m.code == error_code::kRoomFull) {
        room_full_ = true;
        log(LogLevel::Error, Text::RoomFull, m.message, true);
        set_call(CallState::Failed);
        update_controls();
        return;
    }
    log(LogLevel::Error, Text::RelayError, m.code + ": " + m.message);
}

}  // namespace p2p::client
