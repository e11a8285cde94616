// The page's camera and microphone as one state machine: off, being asked for (getUserMedia),
// on, or refused; plus what the person toggled while it is on (mic, camera, screen share).
#pragma once

#include <string>

#include "wasm/outbox.hpp"

namespace p2p::client {

enum class MediaState { Off, Requesting, On, Failed };
enum class ShareState { Off, Starting, On };

class LocalMedia {
public:
    explicit LocalMedia(Outbox& out) : out_(out) {}

    void request();  // getUserMedia; no-op while asking or on
    // getUserMedia resolved. False when nobody waits for it any more (it is released then).
    bool ready();
    // getUserMedia failed: the text that tells the person what to do. False when stale.
    bool failed(const std::string& name, const std::string& message);
    // Hang-up: every track stops (the camera light goes off) and the toggles reset.
    void stop();

    // The person's buttons; each returns true when it changed something the peer should know.
    bool toggle_mic();
    bool toggle_camera();
    void toggle_share();
    void share_started();
    void share_stopped();  // ended from the browser's own UI
    void share_failed(const std::string& error);
    void choose_device(const std::string& kind, const std::string& device_id);

    MediaState state() const { return state_; }
    bool on() const { return state_ == MediaState::On; }
    bool asking() const { return state_ == MediaState::Requesting; }
    bool mic_on() const { return mic_on_; }
    bool camera_on() const { return camera_on_; }

private:
    void show_toggles();

    Outbox& out_;
    MediaState state_ = MediaState::Off;
    ShareState share_ = ShareState::Off;
    bool mic_on_ = true;
    bool camera_on_ = true;
};

}  // namespace p2p::client
