// CallMachine, part 3: call sessions come and go, and the events of the current one.
#include <utility>

#include "wasm/call_machine.hpp"

namespace p2p::client {

namespace {

constexpr int kIceRestartDelayMs = 2000;  // a short "disconnected" often heals by itself
constexpr int kIceRestartRetryMs = 8000;  // the next recovery step while ICE stays down
// Recovery steps before a fresh session: restarts (or requests for one) that did not bring ICE
// back. A fresh RTCPeerConnection also gets past a browser that refuses to restart at all.
constexpr unsigned kRestartsBeforeFresh = 2;
// Fresh sessions after failures before the page gives up and says so (reset by a connection).
constexpr unsigned kFreshSessionsAtMost = 2;
// The first frames come ~50-150 ms after ICE connects; the chat's renegotiation waits them out.
constexpr int kOpenChatDelayMs = 500;

}  // namespace

CallSession* CallMachine::current(Generation gen) {
    if (session_ && session_->gen() == gen) return &*session_;
    out_.log(LogLevel::Debug, Text::StaleCallback, "generation " + std::to_string(gen));
    return nullptr;
}

// ---- lifecycle: at most one RTCPeerConnection, closed before the next one is made ----

SessionId CallMachine::next_session_id() {
    return config_.page_id + "-" + std::to_string(++sessions_made_);
}

CallSession& CallMachine::open_session(SessionId id, bool controller, bool held) {
    close_session();
    session_.emplace(SessionContext{out_, link_, config_.role}, ++last_gen_, std::move(id), controller, held);
    session_->open(ice_servers_, config_.relay_only);
    if (!held) {
        forget_hangup();
        set_call(CallState::Negotiating);
        extras_.session_started();
        out_.start_timer(TimerKind::IceConnect, kIceConnectTimeoutMs);
    }
    return *session_;
}

// A call under way: the hang-up before it is history.
void CallMachine::forget_hangup() {
    if (!hung_up_.empty()) out_.emit(RememberHangup{hung_up_ = {}});
}

void CallMachine::close_session() {
    if (!session_) return;
    if (intent_ == CallIntent::Wanted && (session_->announced() || !session_->controller())) dropped_ = session_->id();
    session_->close();
    extras_.session_closed();
    out_.cancel_timer(TimerKind::IceRestart);
    out_.cancel_timer(TimerKind::IceConnect);
    out_.cancel_timer(TimerKind::OpenChat);
    session_.reset();
}

// While both people are in the room, the offer page prepares its call: connection, transceivers
// without tracks and offer, all before the click, which then only sends the offer and starts the
// camera (its tracks join the senders later, without a new offer). Nothing is sent before the
// click. This takes ~60 ms off the click's path (bench/call_setup/trace.mjs).
void CallMachine::prepare_call() {
    if (config_.role != Role::Offer || session_ || intent_ == CallIntent::Wanted || !link_.can_signal()) return;
    CallSession& s = open_session(next_session_id(), true, true);
    s.prepare_senders();
    s.make_offer();
}

// A prepared offer nobody will send: the peer left, their offer came first, or the ICE servers
// it gathered with were renewed.
void CallMachine::drop_held() {
    if (session_ && session_->held()) close_session();
}

// We call: a new session, its offer at once with senders the camera's tracks fill when it runs.
void CallMachine::begin_call() {
    CallSession& s = open_session(next_session_id(), true, false);
    if (media_.on()) s.add_tracks();
    else s.prepare_senders();
    s.make_offer();
}

// They call: the camera is asked for first (it takes longest to start, 80-300 ms in traces),
// their offer is set meanwhile and the session answers as soon as it is.
void CallMachine::accept_offer(const Offer& offer) {
    if (intent_ == CallIntent::None) {
        intent_ = CallIntent::Wanted;
        out_.log(LogLevel::Info, Text::IncomingCall);
    }
    media_.request();
    update_controls();
    CallSession& s = open_session(offer.session, false, false);
    s.peer_is(offer.session ? PeerKind::Ours : PeerKind::Legacy);
    s.apply_remote(SdpType::Offer, offer.sdp);
}

void CallMachine::leave_call() {
    constexpr std::size_t kEndedKept = 8;
    if (session_ && session_->id()) ended_.push_back(*session_->id());
    if (ended_.size() > kEndedKept) ended_.pop_front();
    close_session();
    link_.hurry(false);
    dropped_.reset();
    glare_ignored_.reset();
    withdrawn_.reset();
    intent_ = CallIntent::None;
    media_.stop();
    set_call(CallState::Idle);
    update_controls();
    // No prepared call after a hang-up: a connection kept open for a call nobody asked for
    // would stay until the page closes. The next click makes its offer then.
}

void CallMachine::exchange_completed() {
    out_.emit(ShowNegotiations{session_->negotiations(), session_->id()});
    extras_.show_code(session_->local_fingerprint(), session_->remote_fingerprint());
}

// ---- the current session's RTCPeerConnection ----

void CallMachine::on(const NegotiationNeeded& e) {
    if (CallSession* s = current(e.gen)) s->negotiation_needed();
}

void CallMachine::on(const LocalDescriptionSet& e) {
    CallSession* s = current(e.gen);
    if (s && s->local_description_set(e.type, e.sdp)) exchange_completed();
}

void CallMachine::on(const RemoteDescriptionSet& e) {
    CallSession* s = current(e.gen);
    if (s && s->remote_description_set(e.type, media_.on())) exchange_completed();
}

void CallMachine::on(const LocalIceCandidate& e) {
    if (CallSession* s = current(e.gen)) s->local_candidate(e.candidate);
}

void CallMachine::on(const RemoteTrackArrived& e) {
    if (!current(e.gen)) return;
    out_.emit(ShowRemoteVideo{e.gen});
    out_.log(LogLevel::Info, Text::RemoteMedia);
}

void CallMachine::on(const IceCandidateError& e) {
    CallSession* s = current(e.gen);
    if (!s) return;
    // Kept for the failure notice; browsers also report harmless misses (e.g. one interface), so
    // only the console sees each one.
    std::string description = e.url + " " + std::to_string(e.code);
    if (!e.text.empty()) description += " " + e.text;
    s->server_error(description);
    out_.log(LogLevel::Debug, Text::IceServerError, description);
}

void CallMachine::on(const IceStateChanged& e) {
    CallSession* s = current(e.gen);
    if (!s) return;
    IceChange change = s->ice_changed(e.state);
    switch (change) {
        case IceChange::None: return;
        case IceChange::FirstConnected:
            out_.log(LogLevel::Info, Text::Connected);
            fresh_in_a_row_ = 0;
            if (s->controller()) out_.start_timer(TimerKind::OpenChat, kOpenChatDelayMs);
            break;
        case IceChange::Reconnected:
            out_.log(LogLevel::Info, Text::Reconnected);
            break;
        case IceChange::Interrupted:
        case IceChange::Failed: return ice_down(change);
        case IceChange::NeverConnected: return ice_never_connected();
    }
    // Whatever the banner said about this call (lost, failed, the fresh start) is over now.
    path_restored();
}

void CallMachine::ice_down(IceChange change, Text notice) {
    if (link_.open() && !link_.peer_present() && peer_away_ != PeerAbsence::Unreachable) {
        // The peer left the relay and now the media path is gone too: the call is over.
        out_.notice(LogLevel::Info, Text::PeerLeft);
        close_session();
        return set_call(CallState::Ended);
    }
    link_.hurry(true);  // recovery needs signalling as soon as the path is back
    if (call_ != CallState::Reconnecting) {
        out_.notice(LogLevel::Error, notice);
        set_call(CallState::Reconnecting);
    }
    if (change == IceChange::Failed) return recover();
    out_.start_timer(TimerKind::IceRestart, kIceRestartDelayMs);
}

// ICE gave up before the call ever connected: "reconnecting" would mislead, so say what most
// likely blocks it (with relay-only: the TURN server), then keep trying as for a lost connection,
// since renewed TURN credentials or a network change may still get through.
void CallMachine::ice_never_connected() {
    if (call_ != CallState::Failed) {
        const std::string& error = session_->last_server_error();
        out_.notice(LogLevel::Error, config_.relay_only ? Text::IceFailedRelay : Text::IceFailed,
                    error.empty() ? "" : "(" + error + ")");
        set_call(CallState::Failed);
    }
    recover();
}

// One step of recovery while ICE is down: the page that made the session's first offer restarts
// ICE, the other asks it to; after kRestartsBeforeFresh steps that did not help, a fresh session.
void CallMachine::recover() {
    unsigned& attempts = session_->recovery_attempts();
    out_.start_timer(TimerKind::IceRestart, kIceRestartRetryMs);
    if (!link_.can_signal() || session_->awaiting_ready()) return;  // tried again when the peer is back
    if (++attempts > kRestartsBeforeFresh) return fresh_session();
    if (session_->controller()) return mend();
    out_.send(RestartRequest{session_->id()});
    out_.log(LogLevel::Info, Text::RestartAsked);
}

// The controller mends its session: an ICE restart, or a fresh session where a restart would
// leave a side without pictures for seconds (restart_freezes_picture: the engines differ).
void CallMachine::mend() {
    if (session_->restart_freezes_picture() && link_.can_signal()) return fresh_session();
    session_->restart_ice();
}

// A new RTCPeerConnection and a new session id, for a session that cannot be mended.
void CallMachine::fresh_session() {
    if (++fresh_in_a_row_ > kFreshSessionsAtMost) {
        out_.cancel_timer(TimerKind::IceRestart);
        out_.notice(LogLevel::Error, Text::ConnectionFailed);
        return set_call(CallState::Failed);
    }
    out_.notice(LogLevel::Info, Text::FreshConnection);
    begin_call();
}

void CallMachine::on(const RestartClicked&) {
    if (!session_ || !session_->started()) return;
    if (session_->controller()) return mend();
    if (!link_.can_signal()) return;
    out_.send(RestartRequest{session_->id()});
    out_.log(LogLevel::Info, Text::RestartAsked);
}

void CallMachine::on(const PeerOperationFailed& e) {
    CallSession* s = current(e.gen);
    if (!s) return;
    std::string detail = std::string(operation_name(e.op)) + ": " + e.error;
    // A bad candidate costs one path, not the call.
    if (e.op == PeerOperation::AddIceCandidate) return out_.log(LogLevel::Error, Text::PeerOperationFailed, detail);
    if (s->held()) {  // nobody waits for a prepared offer; the click starts a call the usual way
        out_.log(LogLevel::Debug, Text::PeerOperationFailed, detail);
        return close_session();
    }
    s->operation_failed();
    // A renegotiation of a call that worked (e.g. a restart a browser refuses): start afresh.
    if (s->ever_connected() && link_.can_signal() && fresh_in_a_row_ < kFreshSessionsAtMost) {
        out_.log(LogLevel::Error, Text::PeerOperationFailed, detail);
        return fresh_session();
    }
    out_.notice(LogLevel::Error, Text::PeerOperationFailed, detail);
    set_call(CallState::Failed);
}

}  // namespace p2p::client
