#include "wasm/call_session.hpp"

#include <utility>

#include "wasm/verification.hpp"

namespace p2p::client {

namespace {

// Firefox names itself in the SDP's origin line ("o=mozilla...THIS_IS_SDPARTA-...").
bool written_by_firefox(const std::string& sdp) {
    return sdp.find("o=mozilla") != std::string::npos;
}

}  // namespace

CallSession::CallSession(SessionContext context, Generation gen, SessionId id, bool controller, bool held)
    : ctx_(context),
      gen_(gen),
      id_(std::move(id)),
      controller_(controller),
      phase_(held ? SessionPhase::Held : SessionPhase::Negotiating) {}

// ---- lifecycle ----

void CallSession::open(const std::vector<IceServer>& servers, bool relay_only) {
    ctx_.out.log(held() ? LogLevel::Debug : LogLevel::Info, Text::CreatingPeerConnection, id_.value_or(""));
    ctx_.out.emit(CreatePeerConnection{gen_, servers, relay_only});
}

void CallSession::close() {
    if (phase_ == SessionPhase::Closed) return;
    phase_ = SessionPhase::Closed;
    ctx_.out.emit(ClosePeerConnection{gen_});
}

void CallSession::release() {
    if (!held()) return;
    phase_ = SessionPhase::Negotiating;
    if (exchange_ == Exchange::AwaitingAnswer && may_send()) send_offer();
}

void CallSession::prepare_senders() {
    if (senders_ != Senders::None) return;
    senders_ = Senders::Empty;
    ctx_.out.emit(PrepareSenders{gen_});
}

// Tracks always go onto prepared senders (replaceTrack), so adding them never needs an offer.
void CallSession::add_tracks() {
    if (senders_ == Senders::Filled) return;
    prepare_senders();
    senders_ = Senders::Filled;
    ctx_.out.emit(AddLocalTracks{gen_});
}

// ---- our side of an exchange ----

void CallSession::make_offer() {
    if (exchange_ != Exchange::Stable) {
        offer_wanted_ = true;  // made once this exchange completes
        return;
    }
    offer_wanted_ = false;
    exchange_ = Exchange::MakingOffer;
    ctx_.out.emit(SetLocalDescription{gen_});
}

void CallSession::negotiation_needed() {
    if (!controller_) {
        // An offer from the page that answered this session's first offer would swap the DTLS
        // roles in some browsers; what we need goes through the other page (RestartRequest).
        return ctx_.out.log(LogLevel::Debug, Text::NegotiationLeftToPeer);
    }
    if (started() && !may_send()) {
        offer_wanted_ = true;
        return ctx_.out.log(LogLevel::Info, Text::NegotiationDeferred);
    }
    make_offer();
}

bool CallSession::local_description_set(SdpType type, const std::string& sdp) {
    std::string fingerprint = sdp_fingerprint(sdp);
    if (!fingerprint.empty()) local_fingerprint_ = fingerprint;
    local_firefox_ = written_by_firefox(sdp);
    if (type == SdpType::Offer) {
        exchange_ = Exchange::AwaitingAnswer;
        local_offer_ = sdp;
        candidates_flow_ = false;  // an ICE restart's candidates are useless before its offer
        if (held()) return false;  // the click sends it (release)
        if (may_send()) send_offer();
        else ctx_.out.log(LogLevel::Info, Text::NegotiationDeferred);  // resent on resume
        return false;
    }
    exchange_ = Exchange::Stable;
    local_answer_ = sdp;
    if (may_send()) send_answer();
    return exchange_done();
}

void CallSession::send_offer() {
    ctx_.out.send(Offer{local_offer_, id_});
    announced_ = true;
    ctx_.out.log(LogLevel::Info, Text::OfferSent);
    flush_local_candidates();
}

void CallSession::send_answer() {
    sent_answer_ = local_answer_;
    ctx_.out.send(Answer{std::exchange(local_answer_, {}), id_});
    announced_ = true;
    ctx_.out.log(LogLevel::Info, Text::AnswerSent);
    flush_local_candidates();
}

bool CallSession::exchange_done() {
    ++negotiations_;
    if (offer_wanted_ && controller_ && may_send()) make_offer();
    return true;
}

// ---- their side ----

void CallSession::apply_remote(SdpType type, const std::string& sdp) {
    bound_ = true;
    exchange_ = type == SdpType::Answer ? Exchange::ApplyingAnswer : Exchange::ApplyingOffer;
    std::string fingerprint = sdp_fingerprint(sdp);
    if (!fingerprint.empty()) remote_fingerprint_ = fingerprint;
    remote_firefox_ = written_by_firefox(sdp);
    if (type == SdpType::Offer) {
        remote_offer_ = sdp;
        sent_answer_.clear();
    }
    ctx_.out.emit(SetRemoteDescription{gen_, type, sdp});
    for (IceCandidate& candidate : std::exchange(remote_queue_, {})) {
        ctx_.out.emit(AddIceCandidate{gen_, std::move(candidate)});
    }
}

bool CallSession::remote_description_set(SdpType type, bool media_on) {
    if (type == SdpType::Answer) {
        exchange_ = Exchange::Stable;
        local_offer_.clear();
        return exchange_done();
    }
    // The answer goes out at once: with the camera's tracks if it is on, else with senders that
    // get them when it is (~80 ms later in traces).
    exchange_ = Exchange::MakingAnswer;
    if (media_on) add_tracks();
    else prepare_senders();
    ctx_.out.emit(SetLocalDescription{gen_});
    return false;
}

void CallSession::answer_again() {
    ctx_.out.log(LogLevel::Info, Text::OfferRepeated);
    if (exchange_ == Exchange::Stable && !sent_answer_.empty() && may_send()) {
        ctx_.out.send(Answer{sent_answer_, id_});
    }
}

void CallSession::operation_failed() {
    exchange_ = Exchange::Stable;
    offer_wanted_ = false;
}

// ---- candidates: never ahead of their description, never into a closed socket ----

void CallSession::local_candidate(const IceCandidate& candidate) {
    if (candidate.candidate.empty()) return;  // end-of-candidates is not signalled
    if (!candidates_flow_ || !may_send()) return held_local_.push_back(candidate);
    send_candidate(candidate);
}

void CallSession::flush_local_candidates() {
    candidates_flow_ = true;
    for (const IceCandidate& candidate : std::exchange(held_local_, {})) local_candidate(candidate);
}

void CallSession::send_candidate(const IceCandidate& candidate) {
    ctx_.out.log(LogLevel::Info, Text::CandidateSent, candidate.candidate);
    if (ctx_.role == Role::Offer) ctx_.out.send(OfferIce{candidate, id_});
    else ctx_.out.send(AnswerIce{candidate, id_});
}

bool CallSession::remote_candidate(const IceCandidate& candidate, std::size_t max_queued) {
    if (bound_) {
        ctx_.out.log(LogLevel::Info, Text::CandidateReceived, candidate.candidate);
        ctx_.out.emit(AddIceCandidate{gen_, candidate});
        return true;
    }
    // Only the Node demo's page gets here (ours never sends a candidate before its description):
    // kept until a remote description is set.
    if (remote_queue_.size() >= max_queued) {
        ctx_.out.log(LogLevel::Error, Text::CandidateDropped, candidate.candidate);
        return false;
    }
    ctx_.out.log(LogLevel::Info, Text::CandidateQueued, candidate.candidate);
    remote_queue_.push_back(candidate);
    return true;
}

// ---- connectivity ----

IceChange CallSession::ice_changed(const std::string& state) {
    // A prepared offer has no remote description: whatever its ICE does is nobody's concern.
    ctx_.out.log(held() ? LogLevel::Debug : LogLevel::Info, Text::IceState, state);
    if (held() || phase_ == SessionPhase::Closed) return IceChange::None;
    ice_state_ = state;
    if (state == "connected" || state == "completed") {
        recovery_attempts_ = 0;
        restart_under_way_ = false;
        SessionPhase before = std::exchange(phase_, SessionPhase::Connected);
        if (!ever_connected_) {
            ever_connected_ = true;
            return IceChange::FirstConnected;
        }
        return before == SessionPhase::Interrupted ? IceChange::Reconnected : IceChange::None;
    }
    if (state == "disconnected" && phase_ == SessionPhase::Connected) {
        phase_ = SessionPhase::Interrupted;
        return IceChange::Interrupted;
    }
    if (state == "failed") {
        if (!ever_connected_) return IceChange::NeverConnected;
        phase_ = SessionPhase::Interrupted;
        return IceChange::Failed;
    }
    return IceChange::None;
}

bool CallSession::media_stalled() {
    if (phase_ != SessionPhase::Connected) return false;
    phase_ = SessionPhase::Interrupted;
    return true;
}

bool CallSession::media_resumed() {
    if (phase_ != SessionPhase::Interrupted || (ice_state_ != "connected" && ice_state_ != "completed")) return false;
    phase_ = SessionPhase::Connected;
    recovery_attempts_ = 0;
    return true;
}

void CallSession::restart_ice() {
    ctx_.out.log(LogLevel::Info, Text::IceRestart);
    restart_under_way_ = true;
    ctx_.out.emit(RestartIce{gen_});  // negotiationneeded follows, and with it the new offer
}

// ---- the peer ----

void CallSession::resume() {
    sync_ = PeerSync::Live;
    if (held() || !may_send()) return;
    if (!local_answer_.empty()) {
        send_answer();
    } else if (exchange_ == Exchange::AwaitingAnswer && !local_offer_.empty()) {
        send_offer();
    } else if (candidates_flow_) {
        flush_local_candidates();  // gathered while the relay or the peer was away
    }
    if (offer_wanted_ && controller_ && exchange_ == Exchange::Stable) make_offer();
}

void CallSession::peer_is(PeerKind kind) {
    if (peer_kind_ == PeerKind::Unknown) peer_kind_ = kind;
}

}  // namespace p2p::client
