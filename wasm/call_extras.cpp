#include "wasm/call_extras.hpp"

#include <optional>
#include <utility>

#include "wasm/verification.hpp"

namespace p2p::client {

void CallExtras::session_started() {
    out_.start_timer(TimerKind::Stats, kStatsPeriodMs);
}

void CallExtras::session_closed() {
    out_.cancel_timer(TimerKind::Stats);
    out_.emit(ClearRemoteVideo{});
    out_.emit(EnableChat{false});
    chat_ = ChatState::Closed;
    out_.emit(ShowPeerState{true, true});
    peer_mic_on_ = peer_camera_on_ = true;
    if (!shown_code_.empty()) out_.emit(ShowVerifyCode{shown_code_ = {}});
    have_stats_ = false;
    last_view_ = {};
    media_.reset();
    remote_candidates_.clear();
}

// ---- data channel: chat and the peer's mic/camera state, never through the relay ----

void CallExtras::channel_changed(Generation gen, bool open, bool mic_on, bool camera_on) {
    chat_ = open ? ChatState::Open : ChatState::Closed;
    out_.emit(EnableChat{open});
    if (!open) return;
    // The peer shows our state from the start, not only after the next toggle.
    send(gen, DataMessage{DataMessage::Kind::Mic, {}, mic_on});
    send(gen, DataMessage{DataMessage::Kind::Camera, {}, camera_on});
}

void CallExtras::send(Generation gen, const DataMessage& message) {
    if (chat_ == ChatState::Open) out_.emit(SendData{gen, encode_data(message)});
}

void CallExtras::chat_submitted(Generation gen, const std::string& text) {
    if (text.empty()) return;
    if (chat_ != ChatState::Open) return out_.notice(LogLevel::Info, Text::ChatUnavailable);
    std::string line = text.substr(0, kMaxChatBytes);
    send(gen, DataMessage{DataMessage::Kind::Chat, line, false});
    out_.emit(ShowChat{true, std::move(line)});
}

void CallExtras::data_received(const std::string& text) {
    std::optional<DataMessage> message = decode_data(text);
    if (!message) return out_.log(LogLevel::Debug, Text::BadMessage, "data channel");
    switch (message->kind) {
        case DataMessage::Kind::Chat: return out_.emit(ShowChat{false, std::move(message->text)});
        case DataMessage::Kind::Mic:
            peer_mic_on_ = message->on;
            out_.log(LogLevel::Info, message->on ? Text::PeerMicOn : Text::PeerMicOff);
            break;
        case DataMessage::Kind::Camera:
            peer_camera_on_ = message->on;
            out_.log(LogLevel::Info, message->on ? Text::PeerCameraOn : Text::PeerCameraOff);
            break;
    }
    out_.emit(ShowPeerState{peer_mic_on_, peer_camera_on_});
}

// ---- stats: sampled twice a second while a session is under way ----

void CallExtras::toggle_stats() {
    stats_visible_ = !stats_visible_;
    out_.emit(ShowStats{stats_visible_, last_view_});
}

void CallExtras::stats_due(Generation gen) {
    out_.emit(CollectStats{gen});
    out_.start_timer(TimerKind::Stats,
                     media_.flow() == MediaFlow::Stalled ? kStalledStatsPeriodMs : kStatsPeriodMs);
}

MediaChange CallExtras::stats_collected(StatsSample sample) {
    if (sample.remote_candidate_type == "prflx") {
        for (const SignalledCandidate& c : remote_candidates_) {
            if (c.endpoint == sample.remote_address) sample.remote_candidate_type = c.type;
        }
    }
    MediaChange change = media_.sample(sample.at_ms, sample.packets_received);
    if (!have_stats_) {
        last_stats_ = sample;
        have_stats_ = true;
    } else if (sample.at_ms - last_stats_.at_ms >= kPanelPeriodMs - kStatsPeriodMs / 2.0) {
        last_view_ = compute_stats(last_stats_, sample);
        out_.emit(ShowStats{stats_visible_, last_view_});
        last_stats_ = sample;
    }
    return change;
}

void CallExtras::remote_candidate(const std::string& line) {
    std::optional<SignalledCandidate> parsed = parse_candidate(line);
    if (!parsed || remote_candidates_.size() >= kRemembered) return;
    remote_candidates_.push_back(std::move(*parsed));
}

void CallExtras::show_code(const std::string& local_fingerprint, const std::string& remote_fingerprint) {
    std::string code = verification_code(local_fingerprint, remote_fingerprint);
    if (code == shown_code_) return;
    shown_code_ = code;
    out_.emit(ShowVerifyCode{code});
}

}  // namespace p2p::client
