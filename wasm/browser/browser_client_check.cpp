// BrowserClient, the connection check's part (and the video refresh after an outage): each probe is an RTCPeerConnection with one data
// channel (so an offer has something to gather for) that never meets a peer; its candidates are
// all the check needs (connection_check.hpp).
#include "wasm/browser/browser_client.hpp"

namespace p2p::client {

using emscripten::val;

void BrowserClient::run(const RunProbe& c) {
    val rtc_config = val::object();
    rtc_config.set("iceServers", js::ice_servers(c.plan.servers));
    rtc_config.set("iceTransportPolicy", std::string(c.plan.relay_only ? "relay" : "all"));
    val pc = val::global("RTCPeerConnection").new_(rtc_config);
    pc.set("onicecandidate", js::callback("p2p_probe_candidate", c.id));
    pc.call<val>("createDataChannel", std::string("probe"));
    val failed = js::callback("p2p_probe_failed", c.id);
    val offered = js::then(pc.call<val>("createOffer"), val::module_property("p2p_ignore"), failed);
    // setLocalDescription() without an argument takes the offer just made and starts gathering.
    js::then(offered, js::callback("p2p_probe_offer", c.id), failed);
    probes_.emplace_back(c.id, pc);
}

void BrowserClient::on_probe_offer(unsigned probe) {
    for (auto& [id, pc] : probes_) {
        if (id == probe) js::on_reject(pc.call<val>("setLocalDescription"), js::callback("p2p_probe_failed", probe));
    }
}

void BrowserClient::on_probe_candidate(unsigned probe, const val& event) {
    val c = event["candidate"];
    // null ends the gathering; so does Chromium's empty candidate of the same meaning.
    std::string line = c.isNull() || c.isUndefined() ? "" : js::to_string(c["candidate"]);
    dispatch(ProbeCandidate{probe, line});
}

void BrowserClient::on_probe_failed(unsigned probe) {
    dispatch(ProbeCandidate{probe, ""});  // nothing gathered, nothing more to come
}

// Not the check's, but as small: the video sender's stream stopped (active false) and started
// again, which makes the encoder begin with a key frame.
void BrowserClient::run(const RefreshVideo& c) {
    val set = set_video_active(c.gen, false);
    if (!set.isUndefined()) js::then(set, js::callback("p2p_video_paused", c.gen), val::module_property("p2p_ignore"));
}

void BrowserClient::run(const HoldVideo& c) {
    val set = set_video_active(c.gen, false);
    if (!set.isUndefined()) js::on_reject(set, val::module_property("p2p_ignore"));
}

void BrowserClient::on_video_paused(Generation gen) {
    val set = set_video_active(gen, true);
    if (!set.isUndefined()) js::on_reject(set, val::module_property("p2p_ignore"));
}

val BrowserClient::set_video_active(Generation gen, bool active) {
    Peer* p = peer(gen);
    if (!p || p->video_sender.isUndefined()) return val::undefined();
    val params = p->video_sender.call<val>("getParameters");
    val encodings = params["encodings"];
    if (encodings.isUndefined() || js::to_int(encodings["length"], 0) == 0) return val::undefined();
    encodings[0].set("active", active);
    return p->video_sender.call<val>("setParameters", params);
}

void BrowserClient::run(const EndProbes&) {
    for (auto& [id, pc] : probes_) {
        pc.set("onicecandidate", val::null());
        pc.call<void>("close");
    }
    probes_.clear();
}

void BrowserClient::run(const ShowCheck& c) {
    last_check_ = c.report;
    view_.show_check(c.report);
}

}  // namespace p2p::client
