#include "wasm/call_machine.hpp"

#include <utility>

namespace p2p::client {

CallMachine::CallMachine(CallConfig config)
    : config_(std::move(config)),
      parts_(std::make_unique<Parts>(config_)),
      out_(parts_->out),
      link_(parts_->link),
      media_(parts_->media),
      extras_(parts_->extras),
      check_(parts_->check),
      hung_up_(config_.hung_up_before) {
    for (const std::string& id : hung_up_) ended_.push_back(id);
}

CallCommands CallMachine::start() {
    out_.emit(SetSignallingState{link_.shown()});
    out_.emit(SetCallState{call_});
    out_.emit(controls_);
    link_.connect();
    return out_.take();
}

CallCommands CallMachine::handle(const CallEvent& event) {
    std::visit([this](const auto& e) { on(e); }, event);
    return out_.take();
}

std::optional<Generation> CallMachine::current_generation() const {
    if (!session_) return std::nullopt;
    return session_->gen();
}

// ---- page state ----

void CallMachine::set_call(CallState state) {
    if (call_ == state) return;
    call_ = state;
    out_.emit(SetCallState{state});
}

// Start shows while a call can be started: relay open, no call wanted, room not full, camera
// not being asked for (a second click would only ask again).
void CallMachine::update_controls() {
    ShowControls next{link_.open() && intent_ == CallIntent::None && !media_.asking(), intent_ == CallIntent::Wanted};
    if (next.start == controls_.start && next.in_call == controls_.in_call) return;
    controls_ = next;
    out_.emit(next);
}

void CallMachine::unexpected(const Message& message, std::string_view why) {
    out_.log(LogLevel::Debug, Text::UnexpectedMessage, std::string(type_name(message)) + ": " + std::string(why));
}

// ---- the relay link ----

void CallMachine::on(const SignallingOpened&) {
    link_.opened();
    update_controls();
    if (intent_ == CallIntent::None) out_.log(LogLevel::Info, Text::ClickStart);
}

void CallMachine::on(const SignallingClosed& e) {
    link_.closed(e.code, e.reason);
    drop_held();
    update_controls();
}

void CallMachine::on(const SignallingFailed&) {
    out_.log(LogLevel::Debug, Text::SignallingError);
}

void CallMachine::on(const SignallingMessage& e) {
    link_.heard();  // whatever it says, the socket is alive
    DecodeResult result = decode(e.text);
    if (!result.ok()) {
        out_.log(LogLevel::Error, Text::BadMessage, std::string(result.error().code) + ": " + result.error().detail);
        return;
    }
    const Message& message = result.message();
    if (is_peer_message(message)) {
        // Offers, answers and candidates are the Node demo's too; only ours name a session.
        bool demo_kind = std::holds_alternative<Offer>(message) || std::holds_alternative<Answer>(message) ||
                         std::holds_alternative<OfferIce>(message) || std::holds_alternative<AnswerIce>(message);
        bool ours = session_of(message).has_value() || !demo_kind;
        peer_kind_ = ours ? PeerKind::Ours : PeerKind::Legacy;
    }
    std::visit([this](const auto& m) { on(m); }, message);
}

void CallMachine::on(const Joined& m) {
    out_.log(LogLevel::Info, Text::JoinedRoom, m.room + " (" + std::to_string(m.peers) + ")");
    ice_servers_ = m.ice_servers;
    servers_known_ = true;
    relay_holds_seats_ = m.resume_window_s > 0;
    link_.pace(m.ping_interval_ms, m.pong_deadline_ms);
    check_.servers_known(ice_servers_);
    if (out_.showing(Text::RoomFull)) {  // a retry found a seat: the room was not full after all
        out_.clear_notice();
        if (intent_ == CallIntent::None) set_call(CallState::Idle);
    }
    if (m.peers < kPeersPerRoom) {
        if (intent_ == CallIntent::Wanted && !session_) out_.log(LogLevel::Info, Text::WaitingForPeer);
        return;
    }
    out_.log(LogLevel::Info, Text::PeerAlreadyHere);
    peer_arrived();
}

void CallMachine::on(const PeerJoined&) {
    out_.log(LogLevel::Info, Text::PeerJoined);
    peer_arrived();
}

// Both pages say which session they still hold whenever they meet (Ready). Until the peer has
// said so, nothing of a session it knew is sent: it may be a reloaded page that would take a
// stale offer for a new call.
void CallMachine::peer_arrived() {
    link_.arrive();
    peer_away_ = PeerAbsence::Here;
    out_.clear_notice(Text::PeerReconnecting);
    if (!session_) send_hangups();
    bool live = session_ && !session_->held();
    out_.send(Ready{live ? session_->id() : SessionId{}});
    if (live) {
        // A page of ours answers with its Ready; resending before it would send things twice.
        if (session_->peer_kind() == PeerKind::Ours || peer_kind_ == PeerKind::Ours) return session_->await_ready();
        return session_->resume();  // the Node demo's page says nothing: carry on as it expects
    }
    if (session_) return;  // a prepared offer stays ready for the click
    if (intent_ == CallIntent::Wanted && media_.on()) {
        if (peer_kind_ != PeerKind::Ours) return begin_call();
        call_on_ready_ = true;  // it may have hung up while we could not hear it
        return;
    }
    prepare_call();
}

// The peer is no longer in the room (left, or away with its seat held): nothing can reach it.
void CallMachine::peer_gone() {
    link_.leave();
    call_on_ready_ = false;
    drop_held();
}

void CallMachine::on(const PeerLeft&) {
    peer_gone();
    // A relay that holds seats says "peer_away" for a lost network: this is the person leaving
    // (a closed tab) or not coming back in time. Without one, a departure after the media had
    // stopped (our recovery under way) is most likely the peer's network, not the person.
    const bool recovering = !relay_holds_seats_ && session_ && (session_->ice_down() || link_.hurried());
    peer_away_ = recovering ? PeerAbsence::Unreachable : PeerAbsence::Left;
    // Only the peer's relay connection is gone for sure; media may still flow peer to peer (the
    // call then ends when it stops), or the peer may return with its network.
    if (session_ && (session_->phase() == SessionPhase::Connected || peer_away_ == PeerAbsence::Unreachable)) {
        out_.log(LogLevel::Info, Text::PeerLeft);
        out_.notice(LogLevel::Info, Text::PeerOffline);
        return;
    }
    out_.notice(LogLevel::Info, Text::PeerLeft);
    if (session_) {
        close_session();
        set_call(CallState::Ended);
    }
    if (intent_ == CallIntent::Wanted) out_.log(LogLevel::Info, Text::WaitingForPeer);
}

// The peer's socket died and the relay holds its seat: whatever our media path does meanwhile,
// the call waits for the peer's return ("peer_joined", then Ready) instead of ending.
void CallMachine::on(const PeerAway&) {
    peer_gone();
    peer_away_ = PeerAbsence::Unreachable;
    out_.notice(LogLevel::Info, Text::PeerReconnecting);
}

void CallMachine::on(const IceServersUpdate& m) {
    // Renewed TURN credentials: the live connection's next ICE restart must present them.
    ice_servers_ = m.ice_servers;
    out_.log(LogLevel::Info, Text::IceServersUpdated);
    if (session_ && session_->held()) {
        drop_held();
        return prepare_call();  // gathered anew with the new credentials
    }
    if (session_) out_.emit(SetIceServers{session_->gen(), ice_servers_});
}

void CallMachine::on(const Error& m) {
    if (m.code == error_code::kRoomFull) {
        link_.refuse();
        out_.notice(LogLevel::Error, Text::RoomFull, m.message);
        set_call(CallState::Failed);
        update_controls();
        return;
    }
    out_.log(LogLevel::Error, Text::RelayError, m.code + ": " + m.message);
}

// ---- timers ----

void CallMachine::on(const TimerFired& e) {
    if (!out_.is_current(e)) return out_.log(LogLevel::Debug, Text::StaleCallback, "timer");
    timer_fired(e.kind);
}

void CallMachine::timer_fired(TimerKind kind) {
    switch (kind) {
        case TimerKind::Reconnect: return link_.reconnect_due();
        case TimerKind::IceRestart:
            if (session_ && (session_->ice_down() || !session_->ever_connected())) recover();
            return;
        case TimerKind::Stats:
            if (session_ && session_->started()) extras_.stats_due(session_->gen());
            return;
        case TimerKind::IceConnect:
            if (!session_ || !session_->started() || session_->ever_connected()) return;
            // Until one offer/answer has completed (the relay or the peer may be away) ICE has
            // had no chance yet, so wait another round.
            if (session_->negotiations() == 0) return out_.start_timer(TimerKind::IceConnect, kIceConnectTimeoutMs);
            return ice_never_connected();
        case TimerKind::Heartbeat:
        case TimerKind::LinkDeadline: return link_timer_fired(kind);
        case TimerKind::Check: return check_.deadline_passed();
        case TimerKind::OpenChat:
            if (session_ && session_->controller() && session_->ever_connected()) {
                out_.emit(OpenDataChannel{session_->gen()});
            }
            return;
    }
}

}  // namespace p2p::client
