// Entry point of client.wasm: reads the page query, starts the one BrowserClient, and exports the
// functions that browser callbacks are bound to (Module.p2p_*).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <optional>
#include <string>
#include <variant>

#include "wasm/browser/browser_client.hpp"
#include "wasm/browser/js.hpp"
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

}  // namespace

int main() {
    using namespace p2p::client;
    view.emplace();
    QueryResult query = parse_page_query(js::to_string(val::global("location")["search"]));
    if (const QueryError* error = std::get_if<QueryError>(&query)) {
        view->set_signalling(SignallingState::Closed);
        view->set_call(CallState::Failed);
        view->show_start(false);
        view->log(LogLevel::Error, std::string(text(error->text)) + " \"" + error->detail + "\"");
        return 0;
    }
    client.emplace(std::get<CallConfig>(std::move(query)), *view);
    client->start();
    return 0;
}

EMSCRIPTEN_BINDINGS(p2p_client) {
    using emscripten::function;
    using p2p::client::Generation;
    // WebSocket events, bound to the socket id.
    function("p2p_socket_open", +[](unsigned s, val) { with_client([&](auto& c) { c.on_socket_open(s); }); });
    function("p2p_socket_close", +[](unsigned s, val e) { with_client([&](auto& c) { c.on_socket_close(s, e); }); });
    function("p2p_socket_error", +[](unsigned s, val) { with_client([&](auto& c) { c.on_socket_error(s); }); });
    function("p2p_socket_message",
             +[](unsigned s, val e) { with_client([&](auto& c) { c.on_socket_message(s, e); }); });
    // Page and getUserMedia.
    function("p2p_start_click", +[](val) { with_client([&](auto& c) { c.on_start_click(); }); });
    function("p2p_media_ready", +[](val stream) { with_client([&](auto& c) { c.on_media_ready(stream); }); });
    function("p2p_media_failed", +[](val error) { with_client([&](auto& c) { c.on_media_failed(error); }); });
    function("p2p_ignore", +[](val) {});
    // RTCPeerConnection promises and events, bound to the generation.
    function("p2p_sdp_created",
             +[](Generation g, val d) { with_client([&](auto& c) { c.on_sdp_created(g, d); }); });
    function("p2p_local_set", +[](Generation g, val) { with_client([&](auto& c) { c.on_local_description_set(g); }); });
    function("p2p_remote_set",
             +[](Generation g, val) { with_client([&](auto& c) { c.on_remote_description_set(g); }); });
    function("p2p_peer_failed",
             +[](Generation g, int op, val e) { with_client([&](auto& c) { c.on_peer_failed(g, op, e); }); });
    function("p2p_ice_candidate",
             +[](Generation g, val e) { with_client([&](auto& c) { c.on_ice_candidate(g, e); }); });
    function("p2p_track", +[](Generation g, val e) { with_client([&](auto& c) { c.on_track(g, e); }); });
    function("p2p_ice_state", +[](Generation g, val) { with_client([&](auto& c) { c.on_ice_state(g); }); });
    function("p2p_connection_state",
             +[](Generation g, val) { with_client([&](auto& c) { c.on_connection_state(g); }); });
}
