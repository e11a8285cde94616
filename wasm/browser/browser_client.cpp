#include "wasm/browser/browser_client.hpp"

#include <string>
#include <utility>

#include "shared/room_name.hpp"
#include "wasm/browser/js.hpp"
#include "wasm/session_list.hpp"

namespace p2p::client {

using emscripten::val;

BrowserClient::BrowserClient(CallConfig config, DomView& view)
    : config_(config), view_(view), machine_(std::move(config)) {}

void BrowserClient::start() {
    view_.apply_labels();
    view_.on("start", "click", "p2p_start_click");
    view_.on("hangup", "click", "p2p_hangup_click");
    view_.on("mute", "click", "p2p_mute_click");
    view_.on("camera", "click", "p2p_camera_click");
    view_.on("share", "click", "p2p_share_click");
    view_.on("stats-toggle", "click", "p2p_stats_click");
    view_.on("restart-ice", "click", "p2p_restart_click");
    view_.on("diagnostics", "click", "p2p_diagnostics_click");
    view_.on("check", "click", "p2p_check_click");
    view_.on("chat-form", "submit", "p2p_chat_submit");
    view_.on("devices", "change", "p2p_device_change");
    view_.enable_chat(false);
    listen_for_network_changes();
    run_all(machine_.start());
}

void BrowserClient::run_all(const CallCommands& commands) {
    for (const CallCommand& command : commands) {
        std::visit([this](const auto& c) { run(c); }, command);
    }
}

void BrowserClient::dispatch(CallEvent event) {
    // A command may raise an event synchronously (e.g. no mediaDevices); it waits for its turn so
    // the machine always sees events in order and the commands of one event run together.
    pending_.push_back(std::move(event));
    if (dispatching_) return;
    dispatching_ = true;
    while (!pending_.empty()) {
        CallEvent next = std::move(pending_.front());
        pending_.pop_front();
        run_all(machine_.handle(next));
    }
    dispatching_ = false;
}

BrowserClient::Peer* BrowserClient::peer(Generation gen) {
    auto it = peers_.find(gen);
    return it == peers_.end() ? nullptr : &it->second;
}

// ---- signalling WebSocket ----

std::string tab_peer_token(bool fresh) {
    val storage = val::global("sessionStorage");
    const bool usable = !storage.isUndefined() && !storage.isNull();
    if (usable && !fresh) {
        val kept = storage.call<val>("getItem", std::string(kPeerTokenKey));
        if (kept.isString() && is_valid_peer_token(kept.as<std::string>())) return kept.as<std::string>();
    }
    std::string token = js::random_token();
    if (usable && !token.empty()) storage.call<void>("setItem", std::string(kPeerTokenKey), token);
    return token;
}

void BrowserClient::on_socket_open(unsigned socket) {
    if (socket == socket_id_) dispatch(SignallingOpened{});
}

void BrowserClient::on_socket_close(unsigned socket, const val& event) {
    if (socket != socket_id_) return;
    socket_ = val::undefined();
    const int code = js::to_int(event["code"], 0);
    // Our own socket taken over by a page with our token: a duplicated tab (it copied our
    // sessionStorage). A token of our own from now on, or the two would take turns at the seat.
    if (code == close_code::kReplaced) peer_token_ = tab_peer_token(true);
    dispatch(SignallingClosed{code, js::to_string(event["reason"])});
}

void BrowserClient::on_socket_error(unsigned socket) {
    if (socket == socket_id_) dispatch(SignallingFailed{});
}

void BrowserClient::on_socket_message(unsigned socket, const val& event) {
    if (socket != socket_id_) return;
    // Binary frames are not part of the protocol; an empty text makes the decoder report it.
    val data = event["data"];
    dispatch(SignallingMessage{data.isString() ? data.as<std::string>() : std::string()});
}

void BrowserClient::run(const OpenSignalling& c) {
    val location = val::global("location");
    std::string scheme = js::to_string(location["protocol"]) == "http:" ? "ws://" : "wss://";
    std::string url = scheme + js::to_string(location["host"]) + "/ws?room=" + c.room;  // room is validated
    if (!peer_token_.empty()) url += "&peer=" + peer_token_;
    ++socket_id_;
    socket_ = val::global("WebSocket").new_(url);
    socket_.set("onopen", js::callback("p2p_socket_open", socket_id_));
    socket_.set("onclose", js::callback("p2p_socket_close", socket_id_));
    socket_.set("onerror", js::callback("p2p_socket_error", socket_id_));
    socket_.set("onmessage", js::callback("p2p_socket_message", socket_id_));
}

// The network moved under the page (back online, Wi-Fi to mobile data): the sockets and
// candidate pairs of the old one may be dead although nothing says so yet.
void BrowserClient::listen_for_network_changes() {
    val handler = val::module_property("p2p_network_change");
    val::global("window").call<void>("addEventListener", std::string("online"), handler);
    val connection = val::global("navigator")["connection"];  // Chromium only
    if (!connection.isUndefined() && !connection.isNull()) {
        connection.call<void>("addEventListener", std::string("change"), handler);
    }
}

void BrowserClient::run(const CloseSignalling&) {
    ++socket_id_;  // whatever the abandoned socket still reports is stale from now on
    if (socket_.isUndefined()) return;
    // Said so, in case the close still reaches the relay: our seat is kept, the peer hears we
    // are away (not gone), and our new socket takes the seat back.
    socket_.call<void>("close", static_cast<int>(close_code::kReconnecting), std::string("reconnecting"));
    socket_ = val::undefined();
}

void BrowserClient::run(const SendMessage& c) {
    // readyState 1 is OPEN; the machine only sends while open, this guards the close race.
    if (!socket_.isUndefined() && js::to_int(socket_["readyState"], -1) == 1) socket_.call<void>("send", c.text);
}

void BrowserClient::run(const StartTimer& c) {
    val::global("setTimeout")(js::callback("p2p_timer", static_cast<int>(c.kind), c.token), c.delay_ms);
}

// ---- page ----

void BrowserClient::on_chat_submit(const val& event) {
    event.call<void>("preventDefault");  // the form must not navigate
    dispatch(ChatSubmitted{view_.chat_input()});
}

void BrowserClient::run(const RememberHangup& c) {
    val storage = val::global("sessionStorage");
    if (storage.isUndefined() || storage.isNull()) return;
    if (c.sessions.empty()) return storage.call<void>("removeItem", std::string(kHungUpKey));
    storage.call<void>("setItem", std::string(kHungUpKey), join_session_ids(c.sessions));
}

void BrowserClient::run(const ShowStats& c) {
    last_stats_ = c;
    view_.show_stats(c);
}

void BrowserClient::run(const Log& c) {
    std::string line(view_.t(c.text));
    if (!c.detail.empty()) line += " " + c.detail;
    view_.log(c.level, line);
    if (c.notice) view_.show_notice(line, c.level == LogLevel::Error);
}

}  // namespace p2p::client
