#include "wasm/local_media.hpp"

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

void LocalMedia::request() {
    if (state_ == MediaState::Requesting || state_ == MediaState::On) return;
    state_ = MediaState::Requesting;
    out_.log(LogLevel::Info, Text::RequestingMedia);
    out_.emit(RequestMedia{});
}

bool LocalMedia::ready() {
    if (state_ != MediaState::Requesting) {
        out_.log(LogLevel::Debug, Text::StaleCallback, "getUserMedia");
        if (state_ != MediaState::On) out_.emit(StopMedia{});  // hung up while the prompt was open
        return false;
    }
    state_ = MediaState::On;
    out_.log(LogLevel::Info, Text::MediaReady);
    out_.emit(ShowLocalVideo{});
    show_toggles();
    return true;
}

bool LocalMedia::failed(const std::string& name, const std::string& message) {
    if (state_ != MediaState::Requesting) {
        out_.log(LogLevel::Debug, Text::StaleCallback, "getUserMedia");
        return false;
    }
    state_ = MediaState::Failed;
    out_.notice(LogLevel::Error, media_error_text(name), name + ": " + message);
    return true;
}

void LocalMedia::stop() {
    if (state_ != MediaState::Off && state_ != MediaState::Failed) out_.emit(StopMedia{});
    state_ = MediaState::Off;
    mic_on_ = camera_on_ = true;
    share_ = ShareState::Off;
    show_toggles();
}

void LocalMedia::show_toggles() {
    out_.emit(ShowToggles{mic_on_, camera_on_, share_ == ShareState::On});
}

bool LocalMedia::toggle_mic() {
    if (!on()) return false;
    mic_on_ = !mic_on_;
    out_.emit(SetMicEnabled{mic_on_});
    show_toggles();
    return true;
}

bool LocalMedia::toggle_camera() {
    if (!on()) return false;
    camera_on_ = !camera_on_;
    out_.emit(SetCameraEnabled{camera_on_});
    show_toggles();
    return true;
}

void LocalMedia::toggle_share() {
    if (!on()) return;
    if (share_ == ShareState::Off) {
        share_ = ShareState::Starting;
        return out_.emit(StartShare{});
    }
    share_ = ShareState::Off;
    out_.emit(StopShare{});
    show_toggles();
}

void LocalMedia::share_started() {
    if (!on() || share_ != ShareState::Starting) return out_.emit(StopShare{});
    share_ = ShareState::On;
    show_toggles();
}

void LocalMedia::share_stopped() {
    if (share_ != ShareState::On) return;
    share_ = ShareState::Off;
    out_.emit(StopShare{});
    show_toggles();
}

void LocalMedia::share_failed(const std::string& error) {
    if (share_ == ShareState::Starting) share_ = ShareState::Off;
    out_.notice(LogLevel::Error, Text::ShareFailed, error);
}

void LocalMedia::choose_device(const std::string& kind, const std::string& device_id) {
    if (on()) out_.emit(SwitchDevice{kind, device_id});
}

}  // namespace p2p::client
