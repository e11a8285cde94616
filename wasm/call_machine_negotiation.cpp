// CallMachine, part 2: the peer connection of a call and perfect negotiation over it.
#include <utility>

#include "wasm/call_machine.hpp"
#include "wasm/verification.hpp"

namespace p2p::client {

namespace {

constexpr int kIceRestartDelayMs = 2000;   // a short "disconnected" often heals by itself
constexpr int kIceRestartRetryMs = 8000;   // restart again while ICE stays down
// A working path connects within a few seconds of the answer, over TURN too; this leaves room
// for a slow network while telling the person well within half a minute that nothing gets through.
constexpr int kIceConnectTimeoutMs = 15000;
// The first frames come ~50-150 ms after ICE connects; the chat's renegotiation waits them out.
constexpr int kOpenChatDelayMs = 500;

}  // namespace

PeerSession* CallMachine::current(Generation gen) {
    if (pc_ && pc_->gen == gen) return &*pc_;
    log(LogLevel::Debug, Text::StaleCallback, "generation " + std::to_string(gen));
    return nullptr;
}

// ---- lifecycle ----

void CallMachine::create_session(bool held) {
    if (pc_) end_session();
    pc_ = PeerSession{};
    pc_->gen = ++last_gen_;
    pc_->peer_epoch = peer_epoch_;
    pc_->held = held;
    log(held ? LogLevel::Debug : LogLevel::Info, Text::CreatingPeerConnection);
    emit(CreatePeerConnection{pc_->gen, ice_servers_, config_.relay_only});
}

void CallMachine::open_session() {
    create_session(false);
    start_session();
}

// The session is the call now: its state shows, stats and the connect timeout run.
void CallMachine::start_session() {
    set_call(CallState::Negotiating);
    start_timer(TimerKind::Stats, 1000);
    start_timer(TimerKind::IceConnect, kIceConnectTimeoutMs);
}

void CallMachine::end_session() {
    emit(ClosePeerConnection{pc_->gen});
    emit(ClearRemoteVideo{});
    emit(EnableChat{false});
    emit(ShowPeerState{true, true});
    if (!shown_code_.empty()) emit(ShowVerifyCode{shown_code_ = {}});
    cancel_timer(TimerKind::IceRestart);
    cancel_timer(TimerKind::Stats);
    cancel_timer(TimerKind::IceConnect);
    cancel_timer(TimerKind::OpenChat);
    pc_.reset();
}

// While both people are in the room, the offer page prepares its call: connection, transceivers
// without tracks and offer, all before the click, which then only sends the offer
// and starts the camera (its tracks join the senders later, without a new offer). Until the click
// the session is "held": no call state, no timers, nothing sent. This takes a new connection,
// getUserMedia and setLocalDescription (~60 ms) off the click's path (bench/call_setup/trace.mjs).
void CallMachine::prepare_call() {
    if (config_.role != Role::Offer || pc_ || in_call_ || !can_signal()) return;
    create_session(true);
    prepare_senders();
    make_offer();  // kept until the click (release_held)
}

// The click: the held session becomes the call and its offer goes out, now or once it is set.
void CallMachine::release_held() {
    pc_->held = false;
    start_session();
    if (pc_->sdp_state == SdpState::HaveLocalOffer && !pc_->making_offer) offer_out();
}

// A held session that is of no use any more: the peer left or came back, their offer came first,
// or the ICE servers it gathered with were renewed.
void CallMachine::drop_held() {
    if (pc_ && pc_->held) end_session();
}

// We call: the connection gets our tracks and the offer follows at once. Waiting for the
// browser's negotiationneeded instead cost ~20 ms of call set-up; the browser does not fire it
// for changes that an offer already in progress covers.
void CallMachine::begin_call() {
    remote_queue_.clear();
    open_session();
    add_local_tracks();
    make_offer();  // sent once set, or when signalling is back (resume_negotiation)
}

void CallMachine::add_local_tracks() {
    if (pc_->tracks_added) return;
    pc_->tracks_added = true;
    emit(AddLocalTracks{pc_->gen});
}

// They call: the camera is asked for first (it takes longest to start, 80-300 ms in traces),
// then their offer is set meanwhile and answer_offer() answers as soon as it is.
void CallMachine::accept_offer(const std::string& sdp) {
    if (media_ != Media::Ready && media_ != Media::Requesting) request_media();
    remote_queue_.clear();  // candidates always follow their offer
    open_session();
    apply_remote(SdpType::Offer, sdp);
}

// The answer goes out at once: with the camera's tracks if it is on (added only now, so they reuse
// the offer's transceivers), else with senders that get them when it is (~80 ms later in traces).
void CallMachine::answer_offer() {
    if (media_ == Media::Ready) {
        add_local_tracks();
    } else {
        prepare_senders();
    }
    emit(SetLocalDescription{pc_->gen});
}

void CallMachine::prepare_senders() {
    if (pc_->tracks_added || pc_->senders_ready) return;
    pc_->senders_ready = true;
    emit(PrepareSenders{pc_->gen});
}

// The offer page opens the chat channel once per connection, after the call has connected: in the
// first offer its SCTP set-up delayed the first video frames by 3-12 % (bench/call_setup --against).
void CallMachine::open_chat() {
    if (!pc_ || !pc_->connected || pc_->channel_made || config_.role != Role::Offer) return;
    pc_->channel_made = true;
    emit(OpenDataChannel{pc_->gen});
}

// ---- perfect negotiation ----

void CallMachine::on(const NegotiationNeeded& e) {
    if (!current(e.gen)) return;
    if (!can_signal()) {
        pc_->negotiation_wanted = true;
        return log(LogLevel::Info, Text::NegotiationDeferred);
    }
    make_offer();
}

void CallMachine::make_offer() {
    if (pc_->sdp_state != SdpState::Stable || pc_->making_offer) {
        pc_->negotiation_wanted = true;  // retried once this exchange completes
        return;
    }
    pc_->negotiation_wanted = false;
    pc_->making_offer = true;
    emit(SetLocalDescription{pc_->gen});
}

// Signalling is back (relay restart, peer reconnect): finish what could not be said meanwhile.
void CallMachine::resume_negotiation() {
    if (pc_->sdp_state == SdpState::HaveLocalOffer && !pc_->making_offer && !pc_->local_offer.empty()) {
        return offer_out();
    }
    if (pc_->local_sent) flush_local_candidates();  // gathered while the relay was down
    if (pc_->negotiation_wanted) {
        make_offer();
    } else if (pc_->ice_down) {
        restart_ice();
    }
}

void CallMachine::on(const Offer& m) {
    log(LogLevel::Info, Text::OfferReceived);
    drop_held();  // their call came first: our offer, never sent, goes
    if (!pc_) {
        if (!in_call_) {
            in_call_ = true;
            log(LogLevel::Info, Text::IncomingCall);
            update_controls();
        }
        return accept_offer(m.sdp);
    }
    bool collision = pc_->making_offer || (pc_->sdp_state != SdpState::Stable && !pc_->remote_answer_pending);
    pc_->ignore_offer = !polite() && collision;
    if (pc_->ignore_offer) return log(LogLevel::Info, Text::GlareIgnored);
    if (collision) log(LogLevel::Info, Text::GlareYield);  // setRemoteDescription rolls ours back
    apply_remote(SdpType::Offer, m.sdp);
}

void CallMachine::on(const Answer& m) {
    if (!pc_ || pc_->held || pc_->sdp_state != SdpState::HaveLocalOffer || pc_->remote_answer_pending) {
        return unexpected(m, "no offer is waiting for an answer");
    }
    log(LogLevel::Info, Text::AnswerReceived);
    apply_remote(SdpType::Answer, m.sdp);
}

void CallMachine::apply_remote(SdpType type, const std::string& sdp) {
    pc_->remote_requested = true;
    (type == SdpType::Answer ? pc_->remote_answer_pending : pc_->remote_offer_pending) = true;
    std::string fingerprint = sdp_fingerprint(sdp);
    if (!fingerprint.empty()) pc_->remote_fingerprint = fingerprint;
    emit(SetRemoteDescription{pc_->gen, type, sdp});
    for (IceCandidate& candidate : std::exchange(remote_queue_, {})) {
        emit(AddIceCandidate{pc_->gen, std::move(candidate)});
    }
}

void CallMachine::on(const LocalDescriptionSet& e) {
    if (!current(e.gen)) return;
    std::string fingerprint = sdp_fingerprint(e.sdp);
    if (!fingerprint.empty()) pc_->local_fingerprint = fingerprint;
    if (e.type == SdpType::Offer) {
        pc_->making_offer = false;
        pc_->sdp_state = SdpState::HaveLocalOffer;
        pc_->local_offer = e.sdp;
        pc_->local_sent = false;  // candidates from now on wait for this offer (an ICE restart's would be useless before it)
        if (pc_->held) return;  // the click sends it (release_held)
        if (!can_signal()) return log(LogLevel::Info, Text::NegotiationDeferred);  // resent on resume
        return offer_out();
    }
    pc_->sdp_state = SdpState::Stable;
    send(Answer{e.sdp});
    log(LogLevel::Info, Text::AnswerSent);
    flush_local_candidates();
    update_verify_code();
    negotiated();
}

void CallMachine::offer_out() {
    send(Offer{pc_->local_offer});
    log(LogLevel::Info, Text::OfferSent);
    flush_local_candidates();
}

// Candidates never overtake their description: the ones gathered before it went out follow it.
void CallMachine::flush_local_candidates() {
    pc_->local_sent = true;
    for (const IceCandidate& candidate : std::exchange(pc_->held_local, {})) {
        on(LocalIceCandidate{pc_->gen, candidate});
    }
}

void CallMachine::on(const RemoteDescriptionSet& e) {
    if (!current(e.gen)) return;
    if (e.type == SdpType::Answer) {
        pc_->remote_answer_pending = false;
        pc_->sdp_state = SdpState::Stable;
        pc_->local_offer.clear();
        update_verify_code();
        return negotiated();
    }
    pc_->remote_offer_pending = false;
    pc_->sdp_state = SdpState::HaveRemoteOffer;
    answer_offer();
}

void CallMachine::negotiated() {
    emit(ShowNegotiations{++pc_->negotiations});
    if (pc_->negotiation_wanted && can_signal()) make_offer();
}

void CallMachine::update_verify_code() {
    std::string code = verification_code(pc_->local_fingerprint, pc_->remote_fingerprint);
    if (code == shown_code_ || pc_->sdp_state != SdpState::Stable) return;
    shown_code_ = code;
    emit(ShowVerifyCode{code});
}

// ---- candidates: offer_ice from the offer page, answer_ice from the answer page; either is accepted ----

void CallMachine::on(const OfferIce& m) {
    on_remote_candidate(m.ice_candidate);
}

void CallMachine::on(const AnswerIce& m) {
    on_remote_candidate(m.ice_candidate);
}

void CallMachine::on_remote_candidate(const IceCandidate& candidate) {
    // While the impolite side ignores a colliding offer its candidates are queued, not dropped:
    // after its rollback the polite side may answer with the very ICE credentials of that offer
    // and send no new candidates. Ones that really belong to the ignored offer fail quietly.
    if (pc_ && pc_->remote_requested) {
        log(LogLevel::Info, Text::CandidateReceived, candidate.candidate);
        emit(AddIceCandidate{pc_->gen, candidate});
        return;
    }
    if (!pc_) return log(LogLevel::Debug, Text::UnexpectedMessage, "candidate: no call");
    if (remote_queue_.size() >= config_.max_queued_candidates) {
        log(LogLevel::Error, Text::CandidateDropped, candidate.candidate);
        return;
    }
    log(LogLevel::Info, Text::CandidateQueued, candidate.candidate);
    remote_queue_.push_back(candidate);
}

void CallMachine::on(const LocalIceCandidate& e) {
    if (!current(e.gen) || e.candidate.candidate.empty()) return;  // end-of-candidates is not signalled
    if (!pc_->local_sent || !can_signal()) {
        pc_->held_local.push_back(e.candidate);  // sent after its description, once relay and peer are there
        return;
    }
    log(LogLevel::Info, Text::CandidateSent, e.candidate.candidate);
    if (config_.role == Role::Offer) {
        send(OfferIce{e.candidate});
    } else {
        send(AnswerIce{e.candidate});
    }
}

// ---- media and connectivity ----

void CallMachine::on(const RemoteTrackArrived& e) {
    if (!current(e.gen)) return;
    emit(ShowRemoteVideo{e.gen});
    if (!pc_->remote_media_shown) {
        pc_->remote_media_shown = true;
        log(LogLevel::Info, Text::RemoteMedia);
    }
}

void CallMachine::on(const IceStateChanged& e) {
    if (!current(e.gen)) return;
    pc_->ice_state = e.state;
    log(LogLevel::Info, Text::IceState, e.state);
    if (e.state == "connected" || e.state == "completed") {
        cancel_timer(TimerKind::IceRestart);
        cancel_timer(TimerKind::IceConnect);
        pc_->ice_down = false;
        if (!pc_->connected) {
            pc_->connected = true;
            log(LogLevel::Info, Text::Connected);
            if (config_.role == Role::Offer) start_timer(TimerKind::OpenChat, kOpenChatDelayMs);
            if (call_ == CallState::Failed) emit(ClearNotice{});  // a retry got through after all
        } else if (call_ == CallState::Reconnecting) {
            log(LogLevel::Info, Text::Reconnected);
            emit(ClearNotice{});
        }
        set_call(CallState::Connected);
    } else if (e.state == "disconnected" || e.state == "failed") {
        ice_down(e.state == "failed");
    }
}

void CallMachine::ice_down(bool failed) {
    if (signalling_ == SignallingState::Open && !peer_present_) {
        // The peer left the relay and now the media path is gone too: the call is over.
        log(LogLevel::Info, Text::PeerLeft, {}, true);
        end_session();
        return set_call(CallState::Ended);
    }
    if (failed && !pc_->connected) return ice_never_connected();
    bool was_down = pc_->ice_down;
    pc_->ice_down = true;
    if (!was_down) {
        log(LogLevel::Error, Text::ConnectionLost, {}, true);
        set_call(CallState::Reconnecting);
    }
    if (failed) {
        restart_ice();
    } else {
        start_timer(TimerKind::IceRestart, kIceRestartDelayMs);
    }
}

// ICE gave up before the call ever connected: "reconnecting" would mislead, so say what most
// likely blocks it (with relay-only: the TURN server), then keep retrying as for a lost
// connection, since renewed TURN credentials or a network change may still get through.
void CallMachine::ice_never_connected() {
    pc_->ice_down = true;
    if (call_ != CallState::Failed) {
        std::string detail = pc_->server_error.empty() ? "" : "(" + pc_->server_error + ")";
        log(LogLevel::Error, config_.relay_only ? Text::IceFailedRelay : Text::IceFailed, detail, true);
        set_call(CallState::Failed);
    }
    restart_ice();
}

// The first connection is overdue. Until one offer/answer has completed (the relay or the peer
// may be away) ICE has had no chance yet, so wait another round.
void CallMachine::ice_connect_timeout() {
    if (pc_->negotiations == 0) return start_timer(TimerKind::IceConnect, kIceConnectTimeoutMs);
    ice_never_connected();
}

void CallMachine::on(const IceCandidateError& e) {
    if (!current(e.gen)) return;
    // Kept for the failure notice; browsers also report harmless misses (e.g. one interface), so
    // only the console sees each one.
    pc_->server_error = e.url + " " + std::to_string(e.code);
    if (!e.text.empty()) pc_->server_error += " " + e.text;
    log(LogLevel::Debug, Text::IceServerError, pc_->server_error);
}

void CallMachine::restart_ice() {
    log(LogLevel::Info, Text::IceRestart);
    emit(RestartIce{pc_->gen});  // negotiationneeded follows, and with it the new offer
    start_timer(TimerKind::IceRestart, kIceRestartRetryMs);
}

void CallMachine::on(const RestartClicked&) {
    if (pc_) restart_ice();
}

void CallMachine::on(const PeerOperationFailed& e) {
    if (!current(e.gen)) return;
    std::string detail = std::string(operation_name(e.op)) + ": " + e.error;
    // A bad candidate costs one path, not the call; after an ignored offer its candidates fail too.
    if (e.op == PeerOperation::AddIceCandidate) {
        return log(pc_->ignore_offer ? LogLevel::Debug : LogLevel::Error, Text::PeerOperationFailed, detail);
    }
    if (pc_->held) {  // nobody waits for a prepared offer; the click starts a call the usual way
        log(LogLevel::Debug, Text::PeerOperationFailed, detail);
        return end_session();
    }
    pc_->making_offer = false;
    pc_->remote_answer_pending = false;
    log(LogLevel::Error, Text::PeerOperationFailed, detail, true);
    set_call(CallState::Failed);
}

}  // namespace p2p::client
