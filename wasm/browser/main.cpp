// Entry point of client.wasm: reads the page query, starts the one BrowserClient, and exports the
// functions that browser callbacks are bound to (Module.p2p_*).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <optional>
#include <string>
#include <variant>

#include "wasm/browser/browser_client.hpp"
#include "wasm/browser/js.hpp"
#include "wasm/session_list.hpp"
#include "wasm/page_query.hpp"

namespace {

using emscripten::val;
using p2p::client::BrowserClient;

// Lives for the whole page: JS callbacks may arrive at any time and must find it.
std::optional<p2p::client::DomView> view;
std::optional<BrowserClient> client;

template <typename F>
void with_client(F&& f) {
    if (client) f(*client);
}

template <typename Event>
void raise(val) {
    with_client([](auto& c) { c.dispatch(Event{}); });
}

}  // namespace

int main() {
    using namespace p2p::client;
    std::string search = js::to_string(val::global("location")["search"]);
    view.emplace(pick_language(search, js::to_string(val::global("navigator")["language"])));
    QueryResult query = parse_page_query(search);
    if (const QueryError* error = std::get_if<QueryError>(&query)) {
        view->apply_labels();
        view->set_attribute("signalling", "closed");
        view->set_attribute("call", "failed");
        std::string line = std::string(view->t(error->text)) + " \"" + error->detail + "\"";
        view->log(LogLevel::Error, line);
        view->show_notice(line, true);
        return 0;
    }
    CallConfig config = std::get<CallConfig>(std::move(query));
    config.lang = view->lang();
    config.seed = static_cast<std::uint32_t>(val::global("Math").call<double>("random") * 4294967295.0);
    // 8 hex digits name this page load's sessions; 32 random bits are plenty to tell two loads of
    // one room apart (the id is no secret: the peer learns it anyway).
    std::string token = js::random_token();
    std::erase(token, '-');
    if (token.size() >= 8) config.page_id = token.substr(0, 8);
    val storage = val::global("sessionStorage");
    if (!storage.isUndefined() && !storage.isNull()) {
        val hung_up = storage.call<val>("getItem", std::string(kHungUpKey));
        if (hung_up.isString()) config.hung_up_before = split_session_ids(hung_up.as<std::string>());
    }
    client.emplace(std::move(config), *view);
    client->start();
    return 0;
}

EMSCRIPTEN_BINDINGS(p2p_client) {
    using emscripten::function;
    using namespace p2p::client;
    // WebSocket events, bound to the socket id.
    function("p2p_socket_open", +[](unsigned s, val) { with_client([&](auto& c) { c.on_socket_open(s); }); });
    function("p2p_socket_close", +[](unsigned s, val e) { with_client([&](auto& c) { c.on_socket_close(s, e); }); });
    function("p2p_socket_error", +[](unsigned s, val) { with_client([&](auto& c) { c.on_socket_error(s); }); });
    function("p2p_socket_message",
             +[](unsigned s, val e) { with_client([&](auto& c) { c.on_socket_message(s, e); }); });
    function("p2p_timer", +[](int kind, unsigned token) {
        with_client([&](auto& c) { c.dispatch(TimerFired{static_cast<TimerKind>(kind), token}); });
    });
    function("p2p_network_change", &raise<NetworkChanged>);
    function("p2p_check_click", &raise<CheckClicked>);
    function("p2p_video_paused", +[](Generation g, val) { with_client([&](auto& c) { c.on_video_paused(g); }); });
    function("p2p_probe_offer", +[](unsigned p, val) { with_client([&](auto& c) { c.on_probe_offer(p); }); });
    function("p2p_probe_candidate", +[](unsigned p, val e) { with_client([&](auto& c) { c.on_probe_candidate(p, e); }); });
    function("p2p_probe_failed", +[](unsigned p, val) { with_client([&](auto& c) { c.on_probe_failed(p); }); });
    // Page controls.
    function("p2p_start_click", &raise<StartClicked>);
    function("p2p_hangup_click", &raise<HangupClicked>);
    function("p2p_mute_click", &raise<MicToggled>);
    function("p2p_camera_click", &raise<CameraToggled>);
    function("p2p_share_click", &raise<ShareToggled>);
    function("p2p_stats_click", &raise<StatsToggled>);
    function("p2p_restart_click", &raise<RestartClicked>);
    function("p2p_diagnostics_click", +[](val) { with_client([](auto& c) { c.download_diagnostics(); }); });
    function("p2p_chat_submit", +[](val e) { with_client([&](auto& c) { c.on_chat_submit(e); }); });
    function("p2p_device_change", +[](val) { with_client([](auto& c) { c.on_device_change(); }); });
    function("p2p_ignore", +[](val) {});
    // getUserMedia, getDisplayMedia, enumerateDevices.
    function("p2p_media_ready", +[](val stream) { with_client([&](auto& c) { c.on_media_ready(stream); }); });
    function("p2p_media_failed", +[](val e) {
        with_client([&](auto& c) { c.dispatch(MediaFailed{js::to_string(e["name"]), js::to_string(e["message"])}); });
    });
    function("p2p_devices", +[](val list) { if (view) view->fill_devices(list); });
    function("p2p_device_ready", +[](int video, val s) { with_client([&](auto& c) { c.on_device_ready(video, s); }); });
    function("p2p_device_failed",
             +[](val e) { with_client([&](auto& c) { c.dispatch(DeviceSwitchFailed{js::to_string(e)}); }); });
    function("p2p_track_replaced", +[](val) { with_client([](auto& c) { c.on_track_replaced(); }); });
    function("p2p_share_ready", +[](val stream) { with_client([&](auto& c) { c.on_share_ready(stream); }); });
    function("p2p_share_failed",
             +[](val e) { with_client([&](auto& c) { c.dispatch(ShareFailed{js::to_string(e)}); }); });
    function("p2p_share_ended", &raise<ShareStopped>);
}

// RTCPeerConnection promises and events, bound to the generation.
EMSCRIPTEN_BINDINGS(p2p_client_peer) {
    using emscripten::function;
    using namespace p2p::client;
    function("p2p_local_set", +[](Generation g, val) { with_client([&](auto& c) { c.on_local_description_set(g); }); });
    function("p2p_remote_set", +[](Generation g, int type, val) {
        with_client([&](auto& c) { c.dispatch(RemoteDescriptionSet{g, static_cast<SdpType>(type)}); });
    });
    function("p2p_peer_failed", +[](Generation g, int op, val e) {
        with_client([&](auto& c) { c.dispatch(PeerOperationFailed{g, static_cast<PeerOperation>(op), js::to_string(e)}); });
    });
    function("p2p_negotiation_needed",
             +[](Generation g, val) { with_client([&](auto& c) { c.dispatch(NegotiationNeeded{g}); }); });
    function("p2p_ice_candidate",
             +[](Generation g, val e) { with_client([&](auto& c) { c.on_ice_candidate(g, e); }); });
    function("p2p_track", +[](Generation g, val e) { with_client([&](auto& c) { c.on_track(g, e); }); });
    function("p2p_ice_state", +[](Generation g, val) { with_client([&](auto& c) { c.on_ice_state(g); }); });
    function("p2p_ice_error",
             +[](Generation g, val e) { with_client([&](auto& c) { c.on_ice_candidate_error(g, e); }); });
    function("p2p_data_channel",
             +[](Generation g, val e) { with_client([&](auto& c) { c.on_data_channel(g, e); }); });
    function("p2p_data_open", +[](Generation g, int open, val) {
        with_client([&](auto& c) { c.dispatch(DataChannelOpen{g, open != 0}); });
    });
    function("p2p_data_message", +[](Generation g, val e) {
        with_client([&](auto& c) { c.dispatch(DataReceived{g, js::to_string(e["data"])}); });
    });
    function("p2p_stats", +[](Generation g, val report) { with_client([&](auto& c) { c.on_stats(g, report); }); });
}
