#include "wasm/browser/dom_view.hpp"

#include <string>
#include <tuple>
#include <utility>

#include "wasm/browser/js.hpp"
#include "wasm/connection_check.hpp"
#include "wasm/stats_math.hpp"

namespace p2p::client {

using emscripten::val;

namespace {

std::string clock_time() {
    // "14:03:27 GMT+0800 (...)" -> "14:03:27"
    return js::to_string(val::global("Date").new_().call<val>("toTimeString").call<val>("slice", 0, 8));
}

}  // namespace

DomView::DomView(Lang lang) : lang_(lang), document_(val::global("document")) {}

val DomView::element(const char* id) const {
    return document_.call<val>("getElementById", std::string(id));
}

void DomView::set_text(const char* id, std::string_view text) const {
    val e = element(id);
    if (!e.isNull()) e.set("textContent", std::string(text));
}

void DomView::apply_labels() {
    document_["documentElement"].set("lang", std::string(lang_ == Lang::En ? "en" : "zh-CN"));
    document_.set("title", std::string(t(Text::UiTitle)));
    const std::pair<const char*, Text> labels[] = {
        {"title", Text::UiTitle},          {"start", Text::UiStart},
        {"hangup", Text::UiHangup},        {"stats-toggle", Text::UiStats},
        {"diagnostics", Text::UiDiagnostics}, {"chat-send", Text::UiSend},
        {"remote-caption", Text::UiRemote}, {"local-caption", Text::UiLocal},
        {"verify-label", Text::UiVerify},  {"restart-ice", Text::UiReconnect},
        {"devices-label", Text::UiDevices}, {"check", Text::UiCheck}};
    for (const auto& [id, text_id] : labels) set_text(id, t(text_id));
    val input = element("chat-input");
    if (!input.isNull()) input.set("placeholder", std::string(t(Text::UiChatPlaceholder)));
    show_toggles(ShowToggles{});
}

void DomView::log(LogLevel level, std::string_view line) {
    std::string stamped = "[" + clock_time() + "] " + std::string(line);
    timeline_.push_back(stamped);
    // Info lines go to the panel only: with DevTools attached one console call took up to 5 ms
    // during call set-up (bench/call_setup/trace.mjs). Debug lines are console-only, errors both.
    if (level != LogLevel::Info) val::global("console").call<void>(level == LogLevel::Error ? "warn" : "log", stamped);
    val list = element("log");
    if (level == LogLevel::Debug || list.isNull()) return;
    val item = document_.call<val>("createElement", std::string("li"));
    item.set("textContent", stamped);  // text, never HTML: details quote what the peer sent
    if (level == LogLevel::Error) item.set("className", std::string("error"));
    list.call<void>("appendChild", item);  // style.css keeps the list scrolled to its end
}

void DomView::show_notice(std::string_view line, bool error) {
    val notice = element("notice");
    if (notice.isNull()) return;
    notice.set("textContent", std::string(line));
    notice.set("className", std::string(error ? "error" : ""));
    notice.set("hidden", false);
}

void DomView::clear_notice() {
    val notice = element("notice");
    if (!notice.isNull()) notice.set("hidden", true);
}

void DomView::set_attribute(const char* name, std::string_view value) {
    document_["body"]["dataset"].set(name, std::string(value));
}

void DomView::show_controls(const ShowControls& c) {
    val start = element("start");
    if (!start.isNull()) start.set("hidden", !c.start);
    set_attribute("inCall", c.in_call ? "yes" : "no");
}

void DomView::show_toggles(const ShowToggles& c) {
    set_text("mute", t(c.mic_on ? Text::UiMute : Text::UiUnmute));
    set_text("camera", t(c.camera_on ? Text::UiCameraOff : Text::UiCameraOn));
    set_text("share", t(c.sharing ? Text::UiStopShare : Text::UiShare));
    set_attribute("mic", c.mic_on ? "on" : "off");
    set_attribute("camera", c.camera_on ? "on" : "off");
    set_attribute("sharing", c.sharing ? "yes" : "no");
}

void DomView::show_peer_state(const ShowPeerState& c) {
    set_attribute("peerMic", c.mic_on ? "on" : "off");
    set_attribute("peerCamera", c.camera_on ? "on" : "off");
    std::string line;
    if (!c.mic_on) line += t(Text::PeerMicOff);
    if (!c.camera_on) line += (line.empty() ? "" : " · ") + std::string(t(Text::PeerCameraOff));
    set_text("peer-state", line);
}

void DomView::show_chat(bool mine, std::string_view line) {
    val list = element("chat-log");
    if (list.isNull()) return;
    val item = document_.call<val>("createElement", std::string("li"));
    item.set("className", std::string(mine ? "mine" : "theirs"));
    item.set("textContent", std::string(t(mine ? Text::UiMe : Text::UiPeer)) + ": " + std::string(line));
    list.call<void>("appendChild", item);
}

void DomView::enable_chat(bool enabled) {
    for (const char* id : {"chat-input", "chat-send"}) {
        val e = element(id);
        if (!e.isNull()) e.set("disabled", !enabled);
    }
    set_attribute("chat", enabled ? "open" : "closed");
}

void DomView::show_verify_code(std::string_view code) {
    set_text("verify-code", code);
    val box = element("verify");
    if (!box.isNull()) box.set("hidden", code.empty());
}

void DomView::show_stats(const ShowStats& c) {
    val panel = element("stats");
    if (panel.isNull()) return;
    panel.set("hidden", !c.visible);
    const StatsView& v = c.view;
    std::string size = v.width > 0 ? format_decimal(v.width, 0) + "x" + format_decimal(v.height, 0) : "-";
    std::string rtt = v.rtt_ms < 0 ? "-" : format_decimal(v.rtt_ms, 0);
    std::string path = v.path.empty() ? "-" : v.path;
    std::string shown_path = v.transport.empty() || path == "-" ? path : path + " (" + v.transport + ")";
    // Plain numbers in data-* (what tests and tools read), the same with units in the text.
    const std::tuple<const char*, Text, std::string, const char*> rows[] = {
        {"rtt", Text::StatRtt, rtt, " ms"},
        {"inKbps", Text::StatIn, format_decimal(v.in_kbps, 0), " kbps"},
        {"outKbps", Text::StatOut, format_decimal(v.out_kbps, 0), " kbps"},
        {"resolution", Text::StatResolution, size, ""},
        {"fps", Text::StatFps, format_decimal(v.fps, 0), ""},
        {"loss", Text::StatLoss, format_decimal(v.loss_percent, 1), " %"},
        {"path", Text::StatPath, path, ""}};
    val data = panel["dataset"];
    std::string text;
    for (const auto& [key, label, value, unit] : rows) {
        data.set(key, value);
        const std::string& shown = key == std::string_view("path") ? shown_path : value;
        text += std::string(t(label)) + ": " + shown + (value == "-" ? "" : unit) + "\n";
    }
    // Which ends the path joins, for tools and tests (the text says what a person needs).
    data.set("transport", v.transport);
    data.set("local", v.local_type);
    data.set("remote", v.remote_type);
    panel.set("textContent", text);
}

// The connection check: its verdict in words, then what each probe found; data-* carries the
// same as names (connection_check.hpp) for tools and tests.
void DomView::show_check(const CheckReport& r) {
    val box = element("check-result");
    if (box.isNull()) return;
    box.set("hidden", false);
    val data = box["dataset"];
    const bool done = r.state == CheckState::Done;
    data.set("state", std::string(done ? "done" : r.state == CheckState::Running ? "running" : "waiting"));
    data.set("verdict", std::string(verdict_name(r.verdict)));
    data.set("nat", std::string(mapping_name(r.mapping)));
    std::string text(t(done ? verdict_text(r.verdict) : r.state == CheckState::Running ? Text::CheckRunning : Text::CheckWaiting));
    const std::pair<const char*, const char*> probes[] = {
        {"stun", "STUN"}, {"turnUdp", "TURN/UDP"}, {"turnTcp", "TURN/TCP"}, {"turnTls", "TURN/TLS"}};
    for (std::size_t i = 0; i < kProbeKinds; ++i) {
        ProbeOutcome o = r.outcomes[i];
        data.set(probes[i].first, std::string(outcome_name(o)));
        if (!done) continue;
        Text word = o == ProbeOutcome::Reached ? Text::CheckReached : o == ProbeOutcome::NotOffered ? Text::CheckNotOffered : Text::CheckFailed;
        text += std::string(i == 0 ? "\n" : " · ") + probes[i].second + ": " + std::string(t(word));
        if (i == 0 && !r.mapped.empty()) text += " (" + r.mapped.front() + ")";
    }
    if (done && r.mapping != NatMapping::Unknown) {
        text += "\n" + std::string(t(r.mapping == NatMapping::Dependent ? Text::CheckNatDependent : Text::CheckNatIndependent));
    }
    box.set("textContent", text);
}

void DomView::attach(val video, const val& stream) {
    if (video.isNull() || video["srcObject"].strictlyEquals(stream)) return;
    video.set("srcObject", stream);
    if (stream.isNull()) return;
    // play() rejects when a newer srcObject interrupts it; that is expected, so swallow it.
    js::on_reject(video.call<val>("play"), val::module_property("p2p_ignore"));
}

void DomView::show_local(const val& stream, bool mirrored) {
    val video = element("local-video");
    attach(video, stream);
    // A camera is mirrored like a looking glass; a shared screen is shown as it is.
    if (!video.isNull()) video.set("className", std::string(mirrored ? "mirrored" : ""));
}

void DomView::show_remote(const val& stream) {
    attach(element("remote-video"), stream);
}

void DomView::clear_remote() {
    attach(element("remote-video"), val::null());
}

void DomView::fill_devices(const val& devices) {
    val select = element("devices");
    if (select.isNull()) return;
    select.set("textContent", std::string());
    for (int i = 0, n = js::to_int(devices["length"], 0); i < n; ++i) {
        val d = devices[i];
        std::string kind = js::to_string(d["kind"]);
        if (kind != "audioinput" && kind != "videoinput") continue;
        val option = document_.call<val>("createElement", std::string("option"));
        option.set("value", kind + "|" + js::to_string(d["deviceId"]));
        std::string label = js::to_string(d["label"]);
        option.set("textContent", (kind == "videoinput" ? "📷 " : "🎤 ") + (label.empty() ? kind : label));
        select.call<void>("appendChild", option);
    }
}

void DomView::on(const char* id, const char* event, const char* exported) {
    val e = element(id);
    if (!e.isNull()) e.set(std::string("on") + event, val::module_property(exported));
}

std::string DomView::chat_input() {
    val input = element("chat-input");
    if (input.isNull()) return {};
    std::string text = js::to_string(input["value"]);
    input.set("value", std::string());
    return text;
}

}  // namespace p2p::client
