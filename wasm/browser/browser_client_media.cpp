// BrowserClient, part 3: camera/microphone, screen share, device switching, stats, diagnostics.
#include <string>

#include "wasm/browser/browser_client.hpp"
#include "wasm/browser/download.hpp"
#include "wasm/browser/js.hpp"
#include "wasm/browser/stats_reader.hpp"
#include "wasm/diagnostics_json.hpp"

namespace p2p::client {

using emscripten::val;

namespace {

val media_devices() {
    return val::global("navigator")["mediaDevices"];
}

void stop_tracks(const val& stream) {
    if (stream.isUndefined() || stream.isNull()) return;
    val tracks = stream.call<val>("getTracks");
    for (int i = 0, n = tracks["length"].as<int>(); i < n; ++i) tracks[i].call<void>("stop");
}

val first_track(const val& stream, const char* getter) {
    if (stream.isUndefined()) return val::null();
    val tracks = stream.call<val>(getter);
    return js::to_int(tracks["length"], 0) > 0 ? tracks[0] : val::null();
}

}  // namespace

// ---- camera and microphone ----

void BrowserClient::run(const RequestMedia&) {
    val devices = media_devices();
    if (devices.isUndefined() || devices.isNull()) {
        // Only secure contexts (https or localhost) expose mediaDevices.
        dispatch(MediaFailed{"NotSupportedError", "navigator.mediaDevices is unavailable (HTTPS required)"});
        return;
    }
    val constraints = val::object();
    constraints.set("video", true);
    constraints.set("audio", true);
    js::then(devices.call<val>("getUserMedia", constraints), val::module_property("p2p_media_ready"),
             val::module_property("p2p_media_failed"));
}

void BrowserClient::on_media_ready(const val& stream) {
    // One stream per call; a second one (a retry racing a grant) is released.
    if (local_stream_.isUndefined()) {
        local_stream_ = stream;
        camera_on_ = true;
        js::then(media_devices().call<val>("enumerateDevices"), val::module_property("p2p_devices"),
                 val::module_property("p2p_ignore"));
    } else if (!local_stream_.strictlyEquals(stream)) {
        stop_tracks(stream);
    }
    dispatch(MediaReady{});
}

void BrowserClient::run(const StopMedia&) {
    stop_share_track();
    stop_tracks(local_stream_);
    local_stream_ = val::undefined();
    view_.show_local(val::null(), true);
}

void BrowserClient::run(const ShowLocalVideo&) {
    if (!local_stream_.isUndefined()) view_.show_local(local_stream_, true);
}

void BrowserClient::run(const SetMicEnabled& c) {
    val track = first_track(local_stream_, "getAudioTracks");
    if (!track.isNull()) track.set("enabled", c.on);
}

void BrowserClient::run(const SetCameraEnabled& c) {
    camera_on_ = c.on;
    val track = first_track(local_stream_, "getVideoTracks");
    if (!track.isNull()) track.set("enabled", c.on);
    update_video_senders();
}

void BrowserClient::put_microphone_on(Peer& p) {
    val track = first_track(local_stream_, "getAudioTracks");
    if (!track.isNull()) replace_track(p.audio_sender, track);
}

val BrowserClient::outgoing_video() const {
    if (!screen_track_.isUndefined()) return screen_track_;
    return camera_on_ ? first_track(local_stream_, "getVideoTracks") : val::null();
}

// replaceTrack: a new source (or none) without renegotiation; null stops frames on the far side.
void BrowserClient::update_video_senders() {
    val track = outgoing_video();
    for (auto& [gen, p] : peers_) {
        if (!p.video_sender.isUndefined()) {
            replace_track(p.video_sender, track);
        }
    }
}

void BrowserClient::replace_track(const val& sender, const val& track) {
    js::then(sender.call<val>("replaceTrack", track), val::module_property("p2p_track_replaced"),
             val::module_property("p2p_ignore"));
}

void BrowserClient::on_track_replaced() {
    // Counted on <body data-replaced-tracks> so the e2e can tell a swap happened without an offer.
    view_.set_attribute("replacedTracks", std::to_string(++replaced_tracks_));
}

// ---- screen share ----

void BrowserClient::run(const StartShare&) {
    val devices = media_devices();
    if (devices.isUndefined() || devices["getDisplayMedia"].isUndefined()) {
        dispatch(ShareFailed{"getDisplayMedia is unavailable"});
        return;
    }
    val constraints = val::object();
    constraints.set("video", true);
    js::then(devices.call<val>("getDisplayMedia", constraints), val::module_property("p2p_share_ready"),
             val::module_property("p2p_share_failed"));
}

void BrowserClient::on_share_ready(const val& stream) {
    stop_share_track();
    screen_track_ = first_track(stream, "getVideoTracks");
    if (screen_track_.isNull()) screen_track_ = val::undefined();
    if (screen_track_.isUndefined()) return dispatch(ShareFailed{"no video track"});
    screen_track_.set("onended", val::module_property("p2p_share_ended"));
    update_video_senders();
    view_.show_local(stream, false);
    dispatch(ShareStarted{});
}

void BrowserClient::stop_share_track() {
    if (screen_track_.isUndefined()) return;
    screen_track_.set("onended", val::null());
    screen_track_.call<void>("stop");
    screen_track_ = val::undefined();
}

void BrowserClient::run(const StopShare&) {
    stop_share_track();
    update_video_senders();
    if (!local_stream_.isUndefined()) view_.show_local(local_stream_, true);
}

// ---- device switching: a new track from getUserMedia replaces the old one in place ----

void BrowserClient::on_device_change() {
    val select = val::global("document").call<val>("getElementById", std::string("devices"));
    std::string value = js::to_string(select["value"]);
    auto bar = value.find('|');
    if (bar == std::string::npos) return;
    dispatch(DeviceChosen{value.substr(0, bar), value.substr(bar + 1)});
}

void BrowserClient::run(const SwitchDevice& c) {
    bool video = c.kind == "videoinput";
    val exact = val::object();
    exact.set("exact", c.device_id);
    val wanted = val::object();
    wanted.set("deviceId", exact);
    val constraints = val::object();
    constraints.set(video ? "video" : "audio", wanted);
    js::then(media_devices().call<val>("getUserMedia", constraints), js::callback("p2p_device_ready", video ? 1 : 0),
             val::module_property("p2p_device_failed"));
}

void BrowserClient::on_device_ready(bool video, const val& stream) {
    if (local_stream_.isUndefined()) return stop_tracks(stream);
    val fresh = first_track(stream, video ? "getVideoTracks" : "getAudioTracks");
    val old = first_track(local_stream_, video ? "getVideoTracks" : "getAudioTracks");
    if (fresh.isNull()) return;
    if (!old.isNull()) {
        fresh.set("enabled", old["enabled"]);
        local_stream_.call<void>("removeTrack", old);
        old.call<void>("stop");
    }
    local_stream_.call<void>("addTrack", fresh);
    if (video) return update_video_senders();
    for (auto& [gen, p] : peers_) {
        if (!p.audio_sender.isUndefined()) {
            replace_track(p.audio_sender, fresh);
        }
    }
}

// ---- stats and diagnostics ----

void BrowserClient::run(const CollectStats& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    js::then(p->pc.call<val>("getStats"), js::callback("p2p_stats", c.gen), val::module_property("p2p_ignore"));
}

void BrowserClient::on_stats(Generation gen, const val& report) {
    if (peer(gen)) dispatch(StatsCollected{gen, read_stats(report)});
}

void BrowserClient::download_diagnostics() {
    std::string state = js::to_string(val::global("document")["body"]["dataset"]["call"]);
    std::string agent = js::to_string(val::global("navigator")["userAgent"]);
    download_text("p2p-call-diagnostics.json", diagnostics_json(view_.timeline(), last_stats_.view, state, agent, last_check_));
}

}  // namespace p2p::client
