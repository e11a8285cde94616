#include "wasm/call_machine.hpp"

#include <utility>

#include "shared/codec.hpp"

namespace p2p::client {

CallMachine::CallMachine(CallConfig config) : config_(std::move(config)) {}

CallCommands CallMachine::start() {
    out_.clear();
    emit(SetSignallingState{signalling_});
    emit(SetCallState{call_});
    emit(ShowStartButton{false});
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
    if (!negotiation_) return std::nullopt;
    return negotiation_->gen;
}

// ---- small helpers ----

void CallMachine::log(LogLevel level, Text text, std::string detail) {
    emit(Log{level, text, std::move(detail)});
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

void CallMachine::show_start(bool visible) {
    if (start_visible_ == visible) return;
    start_visible_ = visible;
    emit(ShowStartButton{visible});
}

void CallMachine::send(const Message& message) {
    emit(SendMessage{encode(message)});
}

Negotiation* CallMachine::current(Generation gen) {
    if (negotiation_ && negotiation_->gen == gen) return &*negotiation_;
    log(LogLevel::Debug, Text::StaleCallback, "generation " + std::to_string(gen));
    return nullptr;
}

void CallMachine::unexpected(const Message& message, std::string_view why) {
    log(LogLevel::Debug, Text::UnexpectedMessage, std::string(type_name(message)) + ": " + std::string(why));
}

// ---- signalling channel ----

void CallMachine::on(const SignallingOpened&) {
    set_signalling(SignallingState::Open);
    log(LogLevel::Info, Text::SignallingOpen);
    if (config_.role == Role::Offer && !start_clicked_) {
        show_start(true);
        log(LogLevel::Info, Text::ClickStart);
    }
}

void CallMachine::on(const SignallingClosed& e) {
    set_signalling(SignallingState::Closed);
    show_start(false);
    std::string detail = "code " + std::to_string(e.code);
    if (!e.reason.empty()) detail += " " + e.reason;
    log(LogLevel::Error, Text::SignallingClosed, detail);
}

void CallMachine::on(const SignallingFailed&) {
    log(LogLevel::Error, Text::SignallingError);
}

void CallMachine::on(const SignallingMessage& e) {
    DecodeResult result = decode(e.text);
    if (!result.ok()) {
        log(LogLevel::Error, Text::BadMessage, std::string(result.error().code) + ": " + result.error().detail);
        return;
    }
    std::visit([this](const auto& message) { on(message); }, result.message());
}

// ---- relay control messages ----

void CallMachine::on(const Joined& m) {
    log(LogLevel::Info, Text::JoinedRoom, m.room + " (" + std::to_string(m.peers) + ")");
    peer_present_ = m.peers >= kPeersPerRoom;
    if (peer_present_) log(LogLevel::Info, Text::PeerAlreadyHere);
    if (config_.role == Role::Answer) {
        log(LogLevel::Info, Text::WaitingForOffer);
    } else if (media_ == Media::Ready && peer_present_ && !negotiation_) {
        begin_offer();
    }
}

void CallMachine::on(const PeerJoined&) {
    log(LogLevel::Info, Text::PeerJoined);
    peer_present_ = true;
    // A peer that joins always starts from scratch, so any older connection is useless.
    if (config_.role == Role::Offer && media_ == Media::Ready) begin_offer();
}

void CallMachine::on(const PeerLeft&) {
    log(LogLevel::Info, Text::PeerLeft);
    peer_present_ = false;
    pending_offer_.reset();
    remote_queue_.clear();
    if (negotiation_) {
        close_peer_connection();
        set_call(CallState::Ended);
    }
    log(LogLevel::Info, config_.role == Role::Offer ? Text::WaitingForPeer : Text::WaitingForOffer);
}

void CallMachine::on(const Error& m) {
    if (m.code == error_code::kRoomFull) {
        log(LogLevel::Error, Text::RoomFull, m.message);
        show_start(false);
        set_call(CallState::Failed);
        return;
    }
    log(LogLevel::Error, Text::RelayError, m.code + ": " + m.message);
}

// ---- peer messages ----

void CallMachine::on(const Offer& m) {
    if (config_.role != Role::Answer) return unexpected(m, "this page is the offer side");
    log(LogLevel::Info, Text::OfferReceived);
    // Candidates always follow their offer, so whatever is queued belongs to an older one.
    remote_queue_.clear();
    if (negotiation_) close_peer_connection();
    pending_offer_ = m.sdp;
    if (media_ == Media::Ready) {
        answer_pending_offer();
    } else if (media_ != Media::Requesting) {
        request_media();
    }
}

void CallMachine::on(const Answer& m) {
    if (config_.role != Role::Offer) return unexpected(m, "this page is the answer side");
    if (!negotiation_ || !negotiation_->local_sent || negotiation_->remote_requested) {
        return unexpected(m, "no offer is waiting for an answer");
    }
    log(LogLevel::Info, Text::AnswerReceived);
    negotiation_->remote_requested = true;
    emit(SetRemoteDescription{negotiation_->gen, SdpType::Answer, m.sdp});
}

void CallMachine::on(const OfferIce& m) {
    if (config_.role != Role::Answer) return unexpected(m, "this page is the offer side");
    if (!negotiation_ && !pending_offer_) return unexpected(m, "no offer received");
    on_remote_candidate(m.ice_candidate);
}

void CallMachine::on(const AnswerIce& m) {
    if (config_.role != Role::Offer) return unexpected(m, "this page is the answer side");
    if (!negotiation_ || !negotiation_->local_sent) return unexpected(m, "no offer sent");
    on_remote_candidate(m.ice_candidate);
}

void CallMachine::on_remote_candidate(const IceCandidate& candidate) {
    if (negotiation_ && negotiation_->remote_set) {
        log(LogLevel::Info, Text::CandidateReceived, candidate.candidate);
        emit(AddIceCandidate{negotiation_->gen, candidate});
        return;
    }
    if (remote_queue_.size() >= config_.max_queued_candidates) {
        log(LogLevel::Error, Text::CandidateDropped, candidate.candidate);
        return;
    }
    log(LogLevel::Info, Text::CandidateQueued, candidate.candidate);
    remote_queue_.push_back(candidate);
}

// ---- local media ----

void CallMachine::on(const StartClicked&) {
    if (config_.role != Role::Offer || start_clicked_ || signalling_ != SignallingState::Open) return;
    start_clicked_ = true;
    show_start(false);
    if (media_ == Media::Ready) {
        if (peer_present_) begin_offer();
        return;
    }
    request_media();
}

void CallMachine::request_media() {
    media_ = Media::Requesting;
    log(LogLevel::Info, Text::RequestingMedia);
    emit(RequestMedia{});
}

void CallMachine::on(const MediaReady&) {
    if (media_ != Media::Requesting) return log(LogLevel::Debug, Text::StaleCallback, "getUserMedia");
    media_ = Media::Ready;
    log(LogLevel::Info, Text::MediaReady);
    emit(ShowLocalVideo{});
    set_call(CallState::Media);
    if (config_.role == Role::Answer) {
        if (pending_offer_) answer_pending_offer();
    } else if (peer_present_) {
        begin_offer();
    } else {
        log(LogLevel::Info, Text::WaitingForPeer);
    }
}

void CallMachine::on(const MediaFailed& e) {
    if (media_ != Media::Requesting) return log(LogLevel::Debug, Text::StaleCallback, "getUserMedia");
    media_ = Media::Failed;
    pending_offer_.reset();
    remote_queue_.clear();
    mark_failed(Text::MediaFailed, e.name + ": " + e.message);
    // Let the user try again (e.g. after granting the permission).
    if (config_.role == Role::Offer && signalling_ == SignallingState::Open) {
        start_clicked_ = false;
        show_start(true);
    }
}

// ---- peer connection lifecycle ----

Negotiation& CallMachine::open_peer_connection() {
    if (negotiation_) close_peer_connection();
    negotiation_ = Negotiation{};
    negotiation_->gen = ++last_gen_;
    log(LogLevel::Info, Text::CreatingPeerConnection);
    emit(CreatePeerConnection{negotiation_->gen});
    set_call(CallState::Negotiating);
    return *negotiation_;
}

void CallMachine::close_peer_connection() {
    emit(ClosePeerConnection{negotiation_->gen});
    emit(ClearRemoteVideo{});
    negotiation_.reset();
}

void CallMachine::begin_offer() {
    remote_queue_.clear();
    Negotiation& n = open_peer_connection();
    log(LogLevel::Info, Text::CreatingLocalSdp);
    emit(CreateOffer{n.gen});
}

void CallMachine::answer_pending_offer() {
    Negotiation& n = open_peer_connection();
    n.remote_requested = true;
    emit(SetRemoteDescription{n.gen, SdpType::Offer, std::move(*pending_offer_)});
    pending_offer_.reset();
}

void CallMachine::on(const LocalDescriptionCreated& e) {
    Negotiation* n = current(e.gen);
    if (!n) return;
    n->local_sdp = e.sdp;
    emit(SetLocalDescription{e.gen, e.type, e.sdp});
}

void CallMachine::on(const LocalDescriptionSet& e) {
    Negotiation* n = current(e.gen);
    if (!n || n->local_sent) return;
    n->local_sent = true;
    if (config_.role == Role::Offer) {
        send(Offer{std::move(n->local_sdp)});
        log(LogLevel::Info, Text::OfferSent);
    } else {
        send(Answer{std::move(n->local_sdp)});
        log(LogLevel::Info, Text::AnswerSent);
    }
    n->local_sdp.clear();
    for (const IceCandidate& candidate : std::exchange(n->held_local, {})) {
        on(LocalIceCandidate{n->gen, candidate});
    }
}

void CallMachine::on(const RemoteDescriptionSet& e) {
    Negotiation* n = current(e.gen);
    if (!n || n->remote_set) return;
    n->remote_set = true;
    for (IceCandidate& candidate : std::exchange(remote_queue_, {})) {
        emit(AddIceCandidate{n->gen, std::move(candidate)});
    }
    if (config_.role == Role::Answer) {
        log(LogLevel::Info, Text::CreatingLocalSdp);
        emit(CreateAnswer{n->gen});
    }
}

void CallMachine::on(const LocalIceCandidate& e) {
    Negotiation* n = current(e.gen);
    if (!n || e.candidate.candidate.empty()) return;  // end-of-candidates is not signalled
    if (!n->local_sent) {
        n->held_local.push_back(e.candidate);
        return;
    }
    log(LogLevel::Info, Text::CandidateSent, e.candidate.candidate);
    if (config_.role == Role::Offer) {
        send(OfferIce{e.candidate});
    } else {
        send(AnswerIce{e.candidate});
    }
}

void CallMachine::on(const RemoteTrackArrived& e) {
    Negotiation* n = current(e.gen);
    if (!n) return;
    emit(ShowRemoteVideo{e.gen});
    if (!n->remote_media_shown) {
        n->remote_media_shown = true;
        log(LogLevel::Info, Text::RemoteMedia);
    }
}

void CallMachine::on(const IceStateChanged& e) {
    if (!current(e.gen)) return;
    log(LogLevel::Info, Text::IceState, e.state);
    if (e.state == "connected" || e.state == "completed") mark_connected();
    if (e.state == "failed") mark_failed(Text::ConnectionFailed, "ICE");
}

void CallMachine::on(const ConnectionStateChanged& e) {
    if (!current(e.gen)) return;
    log(LogLevel::Debug, Text::ConnectionState, e.state);
    if (e.state == "connected") mark_connected();
    if (e.state == "failed") mark_failed(Text::ConnectionFailed, "DTLS/ICE");
}

void CallMachine::mark_connected() {
    if (negotiation_->connected) return;
    negotiation_->connected = true;
    log(LogLevel::Info, Text::Connected);
    set_call(CallState::Connected);
}

void CallMachine::mark_failed(Text reason, std::string detail) {
    log(LogLevel::Error, reason, std::move(detail));
    set_call(CallState::Failed);
}

void CallMachine::on(const PeerOperationFailed& e) {
    if (!current(e.gen)) return;
    std::string detail = std::string(operation_name(e.op)) + ": " + e.error;
    // A bad candidate costs one path, not the call.
    if (e.op == PeerOperation::AddIceCandidate) return log(LogLevel::Error, Text::PeerOperationFailed, detail);
    mark_failed(Text::PeerOperationFailed, detail);
}

}  // namespace p2p::client
