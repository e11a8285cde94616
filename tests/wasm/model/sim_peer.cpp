#include "tests/wasm/model/sim_peer.hpp"

#include <utility>

namespace p2p::client::model {

namespace {

// Error texts as Chrome words them, so a trace reads like a browser console.
constexpr const char* kWrongStateAnswer =
    "InvalidStateError: Failed to set remote answer sdp: Called in wrong state: ";
constexpr const char* kAnswerOrder =
    "InvalidAccessError: Failed to set remote answer sdp: The order of m-lines in answer doesn't match order in offer. "
    "Rejecting answer.";
constexpr const char* kSubsequentOrder =
    ": The order of m-lines in subsequent offer doesn't match order from previous offer/answer.";
constexpr const char* kSslRole = "OperationError: Failed to set remote answer sdp: Failed to set SSL role for the transport.";
constexpr const char* kNoRemote = "InvalidStateError: The remote description was null";
constexpr const char* kBadCandidate = "OperationError: Error processing ICE candidate";
constexpr const char* kClosed = "InvalidStateError: The RTCPeerConnection's signalingState is 'closed'.";

const char* state_text(SignalState state) {
    switch (state) {
        case SignalState::Stable: return "stable";
        case SignalState::HaveLocalOffer: return "have-local-offer";
        case SignalState::HaveRemoteOffer: return "have-remote-offer";
        case SignalState::Closed: return "closed";
    }
    return "closed";
}

}  // namespace

const char* cause_name(FailureCause cause) {
    switch (cause) {
        case FailureCause::Misuse: return "misuse";
        case FailureCause::StaleCandidate: return "stale candidate";
        case FailureCause::IgnoredOfferCandidate: return "candidate of an ignored offer";
        case FailureCause::FirefoxRoleBug: return "firefox DTLS role bug";
        case FailureCause::ClosedConnection: return "closed connection";
    }
    return "?";
}

SimPeer::SimPeer(SimEnv env, int id, int page, Engine engine, Generation gen, Hooks hooks)
    : env_(env), id_(id), page_(page), engine_(engine), gen_(gen), hooks_(std::move(hooks)) {}

// ---- the operations chain: one operation at a time, in the order they were called ----

void SimPeer::set_local_description() {
    enqueue(Op{PeerOperation::SetLocalDescription, SdpType::Offer, {}, {}});
}

void SimPeer::set_remote_description(SdpType type, std::string sdp) {
    enqueue(Op{PeerOperation::SetRemoteDescription, type, std::move(sdp), {}});
}

void SimPeer::add_ice_candidate(IceCandidate candidate) {
    enqueue(Op{PeerOperation::AddIceCandidate, SdpType::Offer, {}, std::move(candidate)});
}

void SimPeer::enqueue(Op op) {
    if (closed()) return fail(op.kind, kClosed, FailureCause::ClosedConnection);
    chain_.push_back(std::move(op));
    if (chain_.size() == 1) run_head();
}

void SimPeer::run_head() {
    SimTime took = chain_.front().kind == PeerOperation::AddIceCandidate ? env_.rng.ms(0, 2) : env_.rng.ms(1, 12);
    env_.clock.after(took, [this] { finish_head(); });
}

// The head operation's outcome is decided when it completes; nothing else changes the
// signalling state meanwhile (the chain is serial), so that equals deciding when it starts.
void SimPeer::finish_head() {
    if (closed() || chain_.empty()) return;  // an operation in flight at close() never settles
    Op op = std::move(chain_.front());
    chain_.pop_front();
    if (op.kind == PeerOperation::SetLocalDescription) {
        state_ == SignalState::HaveRemoteOffer ? make_answer() : make_offer();
    } else if (op.kind == PeerOperation::SetRemoteDescription) {
        std::optional<SimSdp> sdp = parse_sdp(op.sdp, op.type);
        if (!sdp) {
            fail(op.kind, "SyntaxError: not an SDP of this simulation", FailureCause::Misuse);
        } else if (op.type == SdpType::Offer) {
            apply_remote_offer(*sdp);
        } else {
            apply_remote_answer(*sdp);
        }
    } else {
        apply_candidate(op.candidate);
    }
    if (closed()) return;  // the machine closed us while handling the result
    if (!chain_.empty()) return run_head();
    update_negotiation_needed();
}

void SimPeer::fail(PeerOperation op, std::string error, FailureCause cause) {
    hooks_.failed(OpFailure{env_.clock.now(), page_, id_, op, error, cause});
    hooks_.emit(PeerOperationFailed{gen_, op, std::move(error)});
}

// ---- descriptions ----

void SimPeer::make_offer() {
    offer_restarted_ = false;
    if (transport_ufrag_.empty() || restart_pending_) {
        offer_restarted_ = !transport_ufrag_.empty();
        transport_ufrag_ = fresh_ufrag();
        restart_pending_ = false;
    }
    SimSdp offer;
    offer.type = SdpType::Offer;
    offer.pc = offer.offer_pc = id_;
    offer.offer_no = ++offers_made_;
    offer.ufrag = transport_ufrag_;
    offer.setup = "actpass";
    offer.media = sending_;
    offer.data = channel_created_ || (committed_local_ && committed_local_->data);
    offer.firefox = engine_ == Engine::Firefox;
    pending_local_ = offer;
    state_ = SignalState::HaveLocalOffer;
    gather(offer.ufrag);
    hooks_.emit(LocalDescriptionSet{gen_, SdpType::Offer, write_sdp(offer)});
}

void SimPeer::make_answer() {
    const SimSdp& offer = *pending_remote_;
    bool ice_restart = committed_remote_ && offer.ufrag != committed_remote_->ufrag;
    if (transport_ufrag_.empty() || ice_restart) {
        transport_ufrag_ = fresh_ufrag();
        restart_pending_ = false;  // our own restartIce() is served by these new credentials too
    }
    SimSdp answer;
    answer.type = SdpType::Answer;
    answer.pc = id_;
    answer.offer_pc = offer.pc;
    answer.offer_no = offer.offer_no;
    answer.ufrag = transport_ufrag_;
    if (dtls_role_.empty()) dtls_role_ = "active";
    answer.setup = dtls_role_;
    // Firefox answering an ICE restart offered by the side that answered the first exchange
    // claims the role it does not have: the offerer's setRemoteDescription(answer) then fails.
    if (engine_ == Engine::Firefox && ice_restart && dtls_role_ == "passive") answer.setup = "active";
    answer.media = sending_;
    answer.data = offer.data;
    answer.firefox = engine_ == Engine::Firefox;
    commit(answer, offer);
    gather(answer.ufrag);
    hooks_.emit(LocalDescriptionSet{gen_, SdpType::Answer, write_sdp(answer)});
}

bool SimPeer::check_remote(const SimSdp& sdp, PeerOperation op) {
    if (bound_remote_ == 0 || sdp.pc == bound_remote_) return true;
    std::string prefix = sdp.type == SdpType::Offer ? "InvalidAccessError: Failed to set remote offer sdp"
                                                    : "InvalidAccessError: Failed to set remote answer sdp";
    fail(op, prefix + kSubsequentOrder, FailureCause::Misuse);
    return false;
}

void SimPeer::apply_remote_offer(const SimSdp& sdp) {
    if (!check_remote(sdp, PeerOperation::SetRemoteDescription)) return;
    if (state_ == SignalState::HaveLocalOffer) rollback();  // perfect negotiation's implicit rollback
    pending_remote_ = sdp;
    bound_remote_ = sdp.pc;
    applied_remote_ufrags_.insert(sdp.ufrag);
    state_ = SignalState::HaveRemoteOffer;
    tracks_from(sdp);
    hooks_.emit(RemoteDescriptionSet{gen_, SdpType::Offer});
}

void SimPeer::apply_remote_answer(const SimSdp& sdp) {
    if (state_ != SignalState::HaveLocalOffer) {
        return fail(PeerOperation::SetRemoteDescription, kWrongStateAnswer + std::string(state_text(state_)),
                    FailureCause::Misuse);
    }
    if (sdp.offer_pc != id_ || sdp.offer_no != pending_local_->offer_no) {
        return fail(PeerOperation::SetRemoteDescription, kAnswerOrder, FailureCause::Misuse);
    }
    if (!check_remote(sdp, PeerOperation::SetRemoteDescription)) return;
    if (!dtls_role_.empty() && sdp.setup == dtls_role_) {
        return fail(PeerOperation::SetRemoteDescription, kSslRole,
                    sdp.firefox ? FailureCause::FirefoxRoleBug : FailureCause::Misuse);
    }
    if (dtls_role_.empty()) dtls_role_ = sdp.setup == "active" ? "passive" : "active";
    bound_remote_ = sdp.pc;
    applied_remote_ufrags_.insert(sdp.ufrag);
    commit(*pending_local_, sdp);
    tracks_from(sdp);
    hooks_.emit(RemoteDescriptionSet{gen_, SdpType::Answer});
}

void SimPeer::rollback() {
    // An ICE restart rolled back keeps the old credentials and still wants its restart; the very
    // first offer's credentials stay, as Chrome answers with them after a glare rollback.
    if (offer_restarted_ && committed_local_) {
        transport_ufrag_ = committed_local_->ufrag;
        restart_pending_ = true;
    }
    offer_restarted_ = false;
    pending_local_.reset();
    state_ = SignalState::Stable;
    if (env_.trace.on()) env_.trace.add(env_.clock.now(), "        pc" + std::to_string(id_) + " implicit rollback");
}

void SimPeer::commit(SimSdp local, SimSdp remote) {
    committed_local_ = std::move(local);
    committed_remote_ = std::move(remote);
    pending_local_.reset();
    pending_remote_.reset();
    offer_restarted_ = false;
    state_ = SignalState::Stable;
    negotiation_flag_ = false;  // re-evaluated once the chain is empty
}

// ontrack: the far side's sending m-lines, once per far connection.
void SimPeer::tracks_from(const SimSdp& remote) {
    if (!remote.media || tracks_from_pc_ == remote.pc) return;
    tracks_from_pc_ = remote.pc;
    remote_stream_ = true;
    hooks_.emit(RemoteTrackArrived{gen_});
}

// ---- ICE ----

void SimPeer::apply_candidate(const IceCandidate& candidate) {
    const std::optional<SimSdp>& remote = pending_remote_ ? pending_remote_ : committed_remote_;
    if (!remote) return fail(PeerOperation::AddIceCandidate, kNoRemote, FailureCause::Misuse);
    std::string ufrag = candidate_ufrag(candidate.candidate, candidate.username_fragment);
    if (ufrag == remote->ufrag) {
        candidates_added_.insert(ufrag);
        return;
    }
    // A candidate of the far connection's credentials never applied here: it belonged to an
    // offer this side ignored (glare). Anything else is stale: older credentials, another connection.
    bool ignored_offer = ufrag_owner(ufrag) == remote->pc && applied_remote_ufrags_.count(ufrag) == 0;
    fail(PeerOperation::AddIceCandidate, kBadCandidate,
         ignored_offer ? FailureCause::IgnoredOfferCandidate : FailureCause::StaleCandidate);
}

// Host candidates trickle in after a description with new credentials; a transport that was
// replaced meanwhile stops gathering.
void SimPeer::gather(const std::string& ufrag) {
    if (!gathered_.insert(ufrag).second) return;
    int count = static_cast<int>(env_.rng.between(1, 3));
    SimTime at = 0;
    for (int i = 1; i <= count; ++i) {
        at += env_.rng.ms(3, 90);
        env_.clock.after(at, [this, ufrag, i] {
            if (closed() || transport_ufrag_ != ufrag) return;
            hooks_.emit(LocalIceCandidate{gen_, IceCandidate{candidate_line(id_, ufrag, i), "0", 0u, ufrag}});
        });
    }
}

void SimPeer::restart_ice() {
    if (closed()) return;
    restart_pending_ = true;
    update_negotiation_needed();
}

bool SimPeer::has_local_ufrag(const std::string& ufrag) const {
    return (committed_local_ && committed_local_->ufrag == ufrag) || (pending_local_ && pending_local_->ufrag == ufrag);
}

bool SimPeer::has_remote_ufrag(const std::string& ufrag) const {
    return (committed_remote_ && committed_remote_->ufrag == ufrag) ||
           (pending_remote_ && pending_remote_->ufrag == ufrag);
}

std::vector<std::string> SimPeer::local_ufrags() const {
    std::vector<std::string> out;
    if (committed_local_) out.push_back(committed_local_->ufrag);
    if (pending_local_) out.push_back(pending_local_->ufrag);
    return out;
}

std::vector<std::string> SimPeer::remote_ufrags() const {
    std::vector<std::string> out;
    if (committed_remote_) out.push_back(committed_remote_->ufrag);
    if (pending_remote_) out.push_back(pending_remote_->ufrag);
    return out;
}

void SimPeer::set_ice_state(const std::string& state) {
    if (closed() || ice_state == state) return;
    ice_state = state;
    hooks_.emit(IceStateChanged{gen_, state});
}

// ---- tracks, channel, negotiationneeded ----

void SimPeer::prepare_senders() {
    senders_prepared_ = true;
    sending_ = true;
    update_negotiation_needed();
}

// On senders PrepareSenders made this is replaceTrack: nothing to negotiate.
void SimPeer::add_tracks() {
    if (senders_prepared_) return;
    senders_prepared_ = true;
    sending_ = true;
    update_negotiation_needed();
}

void SimPeer::create_data_channel() {
    if (closed()) return;
    channel_created_ = true;
    if (channel == Channel::None) channel = Channel::Connecting;
    update_negotiation_needed();
}

bool SimPeer::needs_negotiation() const {
    if (restart_pending_) return true;
    bool has_data = committed_local_ && committed_local_->data;
    bool has_media = committed_local_ && committed_local_->media;
    return (channel_created_ && !has_data) || (sending_ && !has_media);
}

// As the spec's "update the negotiation-needed flag": a task that fires only when stable with an
// empty chain (finish_head runs this again once the chain empties) and once per need: the flag
// is set when the event fires and cleared when a description brings the state back to stable.
void SimPeer::update_negotiation_needed() {
    if (closed() || !chain_.empty()) return;
    env_.clock.after(env_.rng.ms(0, 1), [this] {
        if (closed() || !chain_.empty() || state_ != SignalState::Stable) return;
        if (!needs_negotiation()) return void(negotiation_flag_ = false);
        if (negotiation_flag_) return;
        negotiation_flag_ = true;
        hooks_.emit(NegotiationNeeded{gen_});
    });
}

void SimPeer::channel_opened() {
    channel = Channel::Open;
    hooks_.emit(DataChannelOpen{gen_, true});
}

void SimPeer::channel_closed() {
    if (channel != Channel::Open) return;
    channel = Channel::Closed;
    hooks_.emit(DataChannelOpen{gen_, false});
}

void SimPeer::deliver_data(const std::string& text) {
    if (!closed() && channel == Channel::Open) hooks_.emit(DataReceived{gen_, text});
}

void SimPeer::close() {
    if (closed()) return;
    state_ = SignalState::Closed;
    ice_state = "closed";
    // The operation in flight never settles; the ones queued behind it are rejected.
    if (!chain_.empty()) chain_.pop_front();
    std::deque<Op> queued = std::exchange(chain_, {});
    for (const Op& op : queued) fail(op.kind, kClosed, FailureCause::ClosedConnection);
}

}  // namespace p2p::client::model
