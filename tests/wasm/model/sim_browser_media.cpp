// The simulated page's camera, microphone, screen capture and device switching, as
// wasm/browser/browser_client_media.cpp does them; only which tracks are open matters here.
#include "tests/wasm/model/sim_browser.hpp"

namespace p2p::client::model {

void SimBrowser::run(const RequestMedia&) {
    later(deps_.env.rng.ms(60, 400), [this] {
        if (!faults.media) return media_ready();
        faults.media = false;
        deps_.media_fault_used(slot_);
        dispatch(MediaFailed{"NotReadableError", "Could not start video source"});
    });
}

// One stream per page: a second grant (a retry racing the first) is stopped at once.
void SimBrowser::media_ready() {
    if (!local_stream_) {
        local_stream_ = true;
        camera_on_ = true;
    }
    dispatch(MediaReady{});
}

void SimBrowser::run(const StopMedia&) {
    screen_track_ = false;
    local_stream_ = false;
}

void SimBrowser::run(const StartShare&) {
    later(deps_.env.rng.ms(150, 700), [this] {
        if (faults.share) {
            faults.share = false;
            return dispatch(ShareFailed{"NotAllowedError: Permission denied"});
        }
        screen_track_ = true;  // a previous capture's track is stopped and replaced
        dispatch(ShareStarted{});
    });
}

void SimBrowser::end_share_from_browser() {
    if (!alive_ || !screen_track_) return;
    note("USER ", "ends the screen capture in the browser's UI");
    screen_track_ = false;  // the track has ended
    dispatch(ShareStopped{});
}

// A grant after the stream is gone (hung up meanwhile) is stopped; else it replaces its kind's
// track in place, so the number of open tracks stays what it was.
void SimBrowser::run(const SwitchDevice&) {
    later(deps_.env.rng.ms(50, 300), [this] {
        if (!faults.device) return;
        faults.device = false;
        dispatch(DeviceSwitchFailed{"NotReadableError: Could not start source"});
    });
}

}  // namespace p2p::client::model
