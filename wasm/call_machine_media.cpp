// CallMachine, part 3: local media, the call's buttons, the data channel and stats.
#include <utility>

#include "wasm/call_machine.hpp"

namespace p2p::client {

namespace {

// getUserMedia's DOMException names mapped to what a person can do about them.
Text media_error_text(std::string_view name) {
    if (name == "NotAllowedError" || name == "SecurityError" || name == "PermissionDeniedError") {
        return Text::PermissionDenied;
    }
    if (name == "NotFoundError" || name == "DevicesNotFoundError" || name == "OverconstrainedError") {
        return Text::NoDevice;
    }
    if (name == "NotReadableError" || name == "TrackStartError" || name == "AbortError") return Text::DeviceBusy;
    if (name == "NotSupportedError") return Text::HttpsRequired;
    return Text::MediaFailed;
}

}  // namespace

void CallMachine::on(const StartClicked&) {
    if (in_call_ || signalling_ != SignallingState::Open || room_full_) return;
    in_call_ = true;
    update_controls();
    if (pc_ && pc_->held) release_held();  // the prepared offer goes out; the camera's tracks follow
    if (media_ != Media::Ready) return request_media();
    if (pc_) return add_local_tracks();
    if (peer_present_) return begin_call();
    log(LogLevel::Info, Text::WaitingForPeer);
}

void CallMachine::request_media() {
    media_ = Media::Requesting;
    log(LogLevel::Info, Text::RequestingMedia);
    emit(RequestMedia{});
    update_controls();
}

void CallMachine::on(const MediaReady&) {
    if (media_ != Media::Requesting) {
        log(LogLevel::Debug, Text::StaleCallback, "getUserMedia");
        if (media_ == Media::None) emit(StopMedia{});  // hung up while the prompt was open
        return;
    }
    media_ = Media::Ready;
    log(LogLevel::Info, Text::MediaReady);
    emit(ShowLocalVideo{});
    show_toggles();
    if (!pc_) set_call(CallState::Media);  // a call already negotiating stays so
    update_controls();
    if (pc_ && pc_->remote_offer_pending) return;  // RemoteDescriptionSet answers, with these tracks
    if (pc_) return add_local_tracks();  // onto the senders made for the description before
    if (in_call_ && can_signal() && !pc_) return begin_call();
    log(LogLevel::Info, Text::WaitingForPeer);
}

void CallMachine::on(const MediaFailed& e) {
    if (media_ != Media::Requesting) return log(LogLevel::Debug, Text::StaleCallback, "getUserMedia");
    media_ = Media::Failed;
    remote_queue_.clear();
    in_call_ = false;
    if (pc_) {
        if (can_signal() && pc_->local_sent) send(Hangup{});  // the peer is not left waiting for us
        end_session();
    }
    log(LogLevel::Error, media_error_text(e.name), e.name + ": " + e.message, true);
    set_call(CallState::Failed);
    update_controls();  // start shows again: try after fixing the cause
}

// ---- buttons ----

void CallMachine::show_toggles() {
    emit(ShowToggles{mic_on_, camera_on_, sharing_});
}

void CallMachine::on(const MicToggled&) {
    if (media_ != Media::Ready) return;
    mic_on_ = !mic_on_;
    emit(SetMicEnabled{mic_on_});
    show_toggles();
    send_data(DataMessage{DataMessage::Kind::Mic, {}, mic_on_});
}

void CallMachine::on(const CameraToggled&) {
    if (media_ != Media::Ready) return;
    camera_on_ = !camera_on_;
    emit(SetCameraEnabled{camera_on_});
    show_toggles();
    send_data(DataMessage{DataMessage::Kind::Camera, {}, camera_on_});
}

void CallMachine::on(const ShareToggled&) {
    if (media_ != Media::Ready) return;
    if (!sharing_) return emit(StartShare{});
    sharing_ = false;
    emit(StopShare{});
    show_toggles();
}

void CallMachine::on(const ShareStarted&) {
    if (media_ != Media::Ready) return emit(StopShare{});
    sharing_ = true;
    show_toggles();
}

void CallMachine::on(const ShareStopped&) {
    if (!sharing_) return;
    sharing_ = false;
    emit(StopShare{});
    show_toggles();
}

void CallMachine::on(const ShareFailed& e) {
    log(LogLevel::Error, Text::ShareFailed, e.error, true);
}

void CallMachine::on(const DeviceChosen& e) {
    if (media_ == Media::Ready) emit(SwitchDevice{e.kind, e.device_id});
}

void CallMachine::on(const DeviceSwitchFailed& e) {
    log(LogLevel::Error, Text::DeviceSwitchFailed, e.error, true);
}

// ---- data channel: chat and the peer's mic/camera state, never through the relay ----

void CallMachine::send_data(const DataMessage& message) {
    if (pc_ && pc_->data_open) emit(SendData{pc_->gen, encode_data(message)});
}

void CallMachine::on(const ChatSubmitted& e) {
    if (e.text.empty()) return;
    if (!pc_ || !pc_->data_open) return log(LogLevel::Info, Text::ChatUnavailable, {}, true);
    std::string text = e.text.substr(0, kMaxChatBytes);
    send_data(DataMessage{DataMessage::Kind::Chat, text, false});
    emit(ShowChat{true, std::move(text)});
}

void CallMachine::on(const DataChannelOpen& e) {
    if (!current(e.gen)) return;
    pc_->data_open = e.open;
    emit(EnableChat{e.open});
    if (!e.open) return;
    // The peer shows our state from the start, not only after the next toggle.
    send_data(DataMessage{DataMessage::Kind::Mic, {}, mic_on_});
    send_data(DataMessage{DataMessage::Kind::Camera, {}, camera_on_});
}

void CallMachine::on(const DataReceived& e) {
    if (!current(e.gen)) return;
    std::optional<DataMessage> message = decode_data(e.text);
    if (!message) return log(LogLevel::Debug, Text::BadMessage, "data channel");
    switch (message->kind) {
        case DataMessage::Kind::Chat: return emit(ShowChat{false, std::move(message->text)});
        case DataMessage::Kind::Mic:
            pc_->peer_mic_on = message->on;
            log(LogLevel::Info, message->on ? Text::PeerMicOn : Text::PeerMicOff);
            break;
        case DataMessage::Kind::Camera:
            pc_->peer_camera_on = message->on;
            log(LogLevel::Info, message->on ? Text::PeerCameraOn : Text::PeerCameraOff);
            break;
    }
    emit(ShowPeerState{pc_->peer_mic_on, pc_->peer_camera_on});
}

// ---- stats: sampled once a second while a connection exists ----

void CallMachine::on(const StatsToggled&) {
    stats_visible_ = !stats_visible_;
    emit(ShowStats{stats_visible_, pc_ ? pc_->last_view : StatsView{}});
}

void CallMachine::collect_stats() {
    if (!pc_) return;
    emit(CollectStats{pc_->gen});
    start_timer(TimerKind::Stats, 1000);
}

void CallMachine::on(const StatsCollected& e) {
    if (!current(e.gen)) return;
    if (pc_->have_stats) {
        pc_->last_view = compute_stats(pc_->last_stats, e.sample);
        emit(ShowStats{stats_visible_, pc_->last_view});
    }
    pc_->last_stats = e.sample;
    pc_->have_stats = true;
}

}  // namespace p2p::client
