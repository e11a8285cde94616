#include "wasm/browser/browser_client.hpp"

#include <optional>
#include <string>
#include <utility>

#include "wasm/browser/js.hpp"

namespace p2p::client {

using emscripten::val;

namespace {

val description(SdpType type, const std::string& sdp) {
    val d = val::object();
    d.set("type", std::string(sdp_type_name(type)));
    d.set("sdp", sdp);
    return d;
}

template <typename T>
val nullable(const std::optional<T>& value) {
    return value ? val(*value) : val::null();
}

std::optional<std::string> optional_string(const val& v) {
    if (!v.isString()) return std::nullopt;
    return v.as<std::string>();
}

IceCandidate candidate_from_js(const val& c) {
    IceCandidate out;
    out.candidate = js::to_string(c["candidate"]);
    out.sdp_mid = optional_string(c["sdpMid"]);
    if (c["sdpMLineIndex"].isNumber()) out.sdp_mline_index = c["sdpMLineIndex"].as<unsigned>();
    out.username_fragment = optional_string(c["usernameFragment"]);
    return out;
}

val candidate_to_js(const IceCandidate& c) {
    val out = val::object();
    out.set("candidate", c.candidate);
    out.set("sdpMid", nullable(c.sdp_mid));
    out.set("sdpMLineIndex", nullable(c.sdp_mline_index));
    out.set("usernameFragment", nullable(c.username_fragment));
    return out;
}

std::string error_text(const val& error) {
    std::string name = js::to_string(error["name"]);
    std::string message = js::to_string(error["message"]);
    if (name.empty() && message.empty()) return js::to_string(error);
    return name + ": " + message;
}

}  // namespace

BrowserClient::BrowserClient(CallConfig config, DomView& view)
    : config_(config), view_(view), machine_(std::move(config)) {}

void BrowserClient::start() {
    view_.set_start_handler(val::module_property("p2p_start_click"));
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

// ---- browser callbacks ----

void BrowserClient::on_socket_open(unsigned socket) {
    if (socket == socket_id_) dispatch(SignallingOpened{});
}

void BrowserClient::on_socket_close(unsigned socket, const val& event) {
    if (socket != socket_id_) return;
    dispatch(SignallingClosed{js::to_int(event["code"], 0), js::to_string(event["reason"])});
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

void BrowserClient::on_start_click() {
    dispatch(StartClicked{});
}

void BrowserClient::on_media_ready(const val& stream) {
    // getUserMedia runs once per page; a second stream (a retry racing a grant) is released.
    if (local_stream_.isUndefined()) {
        local_stream_ = stream;
    } else if (!local_stream_.strictlyEquals(stream)) {
        val tracks = stream.call<val>("getTracks");
        for (int i = 0, n = tracks["length"].as<int>(); i < n; ++i) tracks[i].call<void>("stop");
    }
    dispatch(MediaReady{});
}

void BrowserClient::on_media_failed(const val& error) {
    dispatch(MediaFailed{js::to_string(error["name"]), js::to_string(error["message"])});
}

void BrowserClient::on_sdp_created(Generation gen, const val& desc) {
    SdpType type = js::to_string(desc["type"]) == "answer" ? SdpType::Answer : SdpType::Offer;
    dispatch(LocalDescriptionCreated{gen, type, js::to_string(desc["sdp"])});
}

void BrowserClient::on_local_description_set(Generation gen) {
    dispatch(LocalDescriptionSet{gen});
}

void BrowserClient::on_remote_description_set(Generation gen) {
    dispatch(RemoteDescriptionSet{gen});
}

void BrowserClient::on_peer_failed(Generation gen, int op, const val& error) {
    dispatch(PeerOperationFailed{gen, static_cast<PeerOperation>(op), error_text(error)});
}

void BrowserClient::on_ice_candidate(Generation gen, const val& event) {
    val c = event["candidate"];
    if (c.isNull() || c.isUndefined()) return;  // end-of-candidates is not signalled
    dispatch(LocalIceCandidate{gen, candidate_from_js(c)});
}

void BrowserClient::on_track(Generation gen, const val& event) {
    Peer* p = peer(gen);
    if (!p) return;
    val streams = event["streams"];
    if (!streams.isUndefined() && js::to_int(streams["length"], 0) > 0) {
        p->remote_stream = streams[0];
    } else {
        // A track sent without a stream: collect the tracks into one of our own.
        if (p->remote_stream.isUndefined()) p->remote_stream = val::global("MediaStream").new_();
        p->remote_stream.call<void>("addTrack", event["track"]);
    }
    dispatch(RemoteTrackArrived{gen});
}

void BrowserClient::on_ice_state(Generation gen) {
    if (Peer* p = peer(gen)) dispatch(IceStateChanged{gen, js::to_string(p->pc["iceConnectionState"])});
}

void BrowserClient::on_connection_state(Generation gen) {
    if (Peer* p = peer(gen)) dispatch(ConnectionStateChanged{gen, js::to_string(p->pc["connectionState"])});
}

// ---- commands ----

void BrowserClient::run(const OpenSignalling& c) {
    val location = val::global("location");
    std::string scheme = js::to_string(location["protocol"]) == "http:" ? "ws://" : "wss://";
    std::string url = scheme + js::to_string(location["host"]) + "/ws?room=" + c.room;  // room is validated
    ++socket_id_;
    socket_ = val::global("WebSocket").new_(url);
    socket_.set("onopen", js::callback("p2p_socket_open", socket_id_));
    socket_.set("onclose", js::callback("p2p_socket_close", socket_id_));
    socket_.set("onerror", js::callback("p2p_socket_error", socket_id_));
    socket_.set("onmessage", js::callback("p2p_socket_message", socket_id_));
}

void BrowserClient::run(const SendMessage& c) {
    // readyState 1 is OPEN; the machine only sends while open, this guards the close race.
    if (!socket_.isUndefined() && js::to_int(socket_["readyState"], -1) == 1) socket_.call<void>("send", c.text);
}

void BrowserClient::run(const RequestMedia&) {
    val devices = val::global("navigator")["mediaDevices"];
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

void BrowserClient::run(const ShowLocalVideo&) {
    if (!local_stream_.isUndefined()) view_.show_local(local_stream_);
}

void BrowserClient::run(const CreatePeerConnection& c) {
    val rtc_config = val::object();
    val servers = val::array();
    for (const std::string& url : config_.ice_servers) {
        val server = val::object();
        server.set("urls", url);
        servers.call<void>("push", server);
    }
    rtc_config.set("iceServers", servers);

    Peer& p = peers_[c.gen];
    p.pc = val::global("RTCPeerConnection").new_(rtc_config);
    p.pc.set("onicecandidate", js::callback("p2p_ice_candidate", c.gen));
    p.pc.set("ontrack", js::callback("p2p_track", c.gen));
    p.pc.set("oniceconnectionstatechange", js::callback("p2p_ice_state", c.gen));
    p.pc.set("onconnectionstatechange", js::callback("p2p_connection_state", c.gen));
    if (local_stream_.isUndefined()) return;
    val tracks = local_stream_.call<val>("getTracks");
    for (int i = 0, n = tracks["length"].as<int>(); i < n; ++i) {
        p.pc.call<val>("addTrack", tracks[i], local_stream_);
    }
}

void BrowserClient::run(const ClosePeerConnection& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    for (const char* handler : {"onicecandidate", "ontrack", "oniceconnectionstatechange", "onconnectionstatechange"}) {
        p->pc.set(handler, val::null());
    }
    p->pc.call<void>("close");
    peers_.erase(c.gen);
}

void BrowserClient::describe(Generation gen, const char* method, PeerOperation op) {
    Peer* p = peer(gen);
    if (!p) return;
    js::then(p->pc.call<val>(method), js::callback("p2p_sdp_created", gen),
             js::callback("p2p_peer_failed", gen, static_cast<int>(op)));
}

void BrowserClient::set_description(Generation gen, const char* method, SdpType type, const std::string& sdp,
                                    const char* on_done, PeerOperation op) {
    Peer* p = peer(gen);
    if (!p) return;
    js::then(p->pc.call<val>(method, description(type, sdp)), js::callback(on_done, gen),
             js::callback("p2p_peer_failed", gen, static_cast<int>(op)));
}

void BrowserClient::run(const CreateOffer& c) {
    describe(c.gen, "createOffer", PeerOperation::CreateOffer);
}

void BrowserClient::run(const CreateAnswer& c) {
    describe(c.gen, "createAnswer", PeerOperation::CreateAnswer);
}

void BrowserClient::run(const SetLocalDescription& c) {
    set_description(c.gen, "setLocalDescription", c.type, c.sdp, "p2p_local_set", PeerOperation::SetLocalDescription);
}

void BrowserClient::run(const SetRemoteDescription& c) {
    set_description(c.gen, "setRemoteDescription", c.type, c.sdp, "p2p_remote_set",
                    PeerOperation::SetRemoteDescription);
}

void BrowserClient::run(const AddIceCandidate& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    js::on_reject(p->pc.call<val>("addIceCandidate", candidate_to_js(c.candidate)),
                  js::callback("p2p_peer_failed", c.gen, static_cast<int>(PeerOperation::AddIceCandidate)));
}

void BrowserClient::run(const ShowRemoteVideo& c) {
    Peer* p = peer(c.gen);
    if (p && !p->remote_stream.isUndefined()) view_.show_remote(p->remote_stream);
}

void BrowserClient::run(const ClearRemoteVideo&) {
    view_.clear_remote();
}

void BrowserClient::run(const ShowStartButton& c) {
    view_.show_start(c.visible);
}

void BrowserClient::run(const SetSignallingState& c) {
    view_.set_signalling(c.state);
}

void BrowserClient::run(const SetCallState& c) {
    view_.set_call(c.state);
}

void BrowserClient::run(const Log& c) {
    std::string line(text(c.text));
    if (!c.detail.empty()) line += " " + c.detail;
    view_.log(c.level, line);
}

}  // namespace p2p::client
