#include "wasm/browser/dom_view.hpp"

#include <string>

#include "wasm/browser/js.hpp"

namespace p2p::client {

using emscripten::val;

namespace {

val element(const val& document, const char* id) {
    return document.call<val>("getElementById", std::string(id));
}

std::string clock_time() {
    // "14:03:27 GMT+0800 (...)" -> "14:03:27"
    return js::to_string(val::global("Date").new_().call<val>("toTimeString").call<val>("slice", 0, 8));
}

}  // namespace

DomView::DomView()
    : document_(val::global("document")),
      log_(element(document_, "log")),
      start_(element(document_, "start")),
      local_video_(element(document_, "local-video")),
      remote_video_(element(document_, "remote-video")) {}

void DomView::log(LogLevel level, std::string_view line) {
    std::string stamped = "[" + clock_time() + "] " + std::string(line);
    val::global("console").call<void>(level == LogLevel::Error ? "warn" : "log", stamped);
    if (level == LogLevel::Debug || log_.isNull()) return;
    val item = document_.call<val>("createElement", std::string("li"));
    item.set("textContent", stamped);  // text, never HTML: details quote what the peer sent
    if (level == LogLevel::Error) item.set("className", std::string("error"));
    log_.call<void>("appendChild", item);
    log_.set("scrollTop", log_["scrollHeight"]);
}

void DomView::set_signalling(SignallingState state) {
    document_["body"]["dataset"].set("signalling", std::string(state_name(state)));
}

void DomView::set_call(CallState state) {
    document_["body"]["dataset"].set("call", std::string(state_name(state)));
}

void DomView::show_start(bool visible) {
    if (!start_.isNull()) start_.set("hidden", !visible);
}

void DomView::attach(val video, const val& stream) {
    if (video.isNull() || video["srcObject"].strictlyEquals(stream)) return;
    video.set("srcObject", stream);
    if (stream.isNull()) return;
    // play() rejects when a newer srcObject interrupts it; that is expected, so swallow it.
    js::on_reject(video.call<val>("play"), val::module_property("p2p_ignore"));
}

void DomView::set_start_handler(const val& handler) {
    if (!start_.isNull()) start_.set("onclick", handler);
}

void DomView::show_local(const val& stream) {
    attach(local_video_, stream);
}

void DomView::show_remote(const val& stream) {
    attach(remote_video_, stream);
}

void DomView::clear_remote() {
    attach(remote_video_, val::null());
}

}  // namespace p2p::client
