// CallMachine, part 4: the person's buttons, local media, and what rides along the session.
#include "wasm/call_machine.hpp"

namespace p2p::client {

void CallMachine::on(const StartClicked&) {
    if (intent_ == CallIntent::Wanted || !link_.open()) return;
    intent_ = CallIntent::Wanted;
    dropped_.reset();  // a call of their earlier one is not this one
    media_.request();
    update_controls();
    if (session_ && session_->held()) {
        forget_hangup();
        set_call(CallState::Negotiating);
        extras_.session_started();
        out_.start_timer(TimerKind::IceConnect, kIceConnectTimeoutMs);
        return session_->release();  // the prepared offer goes out; the camera's tracks follow
    }
    if (session_) return;
    // The offer goes out now, before the camera runs: the call connects while it starts, and two
    // pages that click at once really meet in glare (the polite one drops its offer and answers).
    if (link_.can_signal()) return begin_call();
    out_.log(LogLevel::Info, Text::WaitingForPeer);
}

void CallMachine::on(const HangupClicked&) {
    if (intent_ != CallIntent::Wanted) return;
    hung_up_ = sessions_to_hang_up();
    if (!hung_up_.empty()) {
        send_hangups();
        out_.emit(RememberHangup{hung_up_});
    }
    out_.log(LogLevel::Info, Text::HungUp);
    leave_call();
}

// What the peer may hold: a session it started or answered; else ours, if its offer went out,
// and the call that dropped before it (the peer may never have had our offer and still hold
// that one, or have had it and dropped that one: either way one of the two ends its call).
std::vector<std::string> CallMachine::sessions_to_hang_up() const {
    bool live = session_ && !session_->held();
    if (live && (session_->bound() || !session_->controller())) return {*session_->id()};
    std::vector<std::string> ids;
    if (live && session_->announced()) ids.push_back(*session_->id());
    if (dropped_) ids.push_back(*dropped_);
    return ids;
}

void CallMachine::send_hangups() {
    if (!link_.can_signal()) return;
    for (const std::string& id : hung_up_) out_.send(Hangup{id});
}

void CallMachine::on(const MediaReady&) {
    if (!media_.ready()) return;
    update_controls();
    if (session_ && session_->exchange() != Exchange::ApplyingOffer) return session_->add_tracks();
    if (session_) return;  // their offer is being set: its answer carries the tracks
    set_call(CallState::Media);
    if (intent_ == CallIntent::Wanted && link_.can_signal()) return begin_call();
    out_.log(LogLevel::Info, Text::WaitingForPeer);
}

void CallMachine::on(const MediaFailed& e) {
    if (!media_.failed(e.name, e.message)) return;
    intent_ = CallIntent::None;
    if (session_ && (session_->announced() || !session_->controller()) && link_.can_signal()) {
        out_.send(Hangup{session_->id()});  // the peer is not left waiting for us
    }
    close_session();
    set_call(CallState::Failed);
    update_controls();  // start shows again: try after fixing the cause
}

void CallMachine::on(const MicToggled&) {
    if (!media_.toggle_mic()) return;
    if (session_) extras_.send(session_->gen(), DataMessage{DataMessage::Kind::Mic, {}, media_.mic_on()});
}

void CallMachine::on(const CameraToggled&) {
    if (!media_.toggle_camera()) return;
    if (session_) extras_.send(session_->gen(), DataMessage{DataMessage::Kind::Camera, {}, media_.camera_on()});
}

void CallMachine::on(const ShareToggled&) {
    media_.toggle_share();
}

void CallMachine::on(const DeviceSwitchFailed& e) {
    out_.notice(LogLevel::Error, Text::DeviceSwitchFailed, e.error);
}

void CallMachine::on(const ChatSubmitted& e) {
    extras_.chat_submitted(session_ ? session_->gen() : 0, e.text);
}

void CallMachine::on(const DataChannelOpen& e) {
    if (current(e.gen)) extras_.channel_changed(e.gen, e.open, media_.mic_on(), media_.camera_on());
}

void CallMachine::on(const DataReceived& e) {
    if (current(e.gen)) extras_.data_received(e.text);
}

}  // namespace p2p::client
