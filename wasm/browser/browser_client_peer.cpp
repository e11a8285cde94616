// BrowserClient, part 2: the RTCPeerConnection commands and callbacks.
#include <optional>
#include <string>

#include "wasm/browser/browser_client.hpp"
#include "wasm/browser/js.hpp"

namespace p2p::client {

using emscripten::val;

namespace {

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

val failed(Generation gen, PeerOperation op) {
    return js::callback("p2p_peer_failed", gen, static_cast<int>(op));
}

}  // namespace

void BrowserClient::run(const CreatePeerConnection& c) {
    val rtc_config = val::object();
    rtc_config.set("iceServers", js::ice_servers(c.ice_servers));
    rtc_config.set("iceTransportPolicy", std::string(c.relay_only ? "relay" : "all"));
    Peer& p = peers_[c.gen];
    p.pc = val::global("RTCPeerConnection").new_(rtc_config);
    p.pc.set("onicecandidate", js::callback("p2p_ice_candidate", c.gen));
    p.pc.set("ontrack", js::callback("p2p_track", c.gen));
    p.pc.set("oniceconnectionstatechange", js::callback("p2p_ice_state", c.gen));
    p.pc.set("onicecandidateerror", js::callback("p2p_ice_error", c.gen));
    p.pc.set("onnegotiationneeded", js::callback("p2p_negotiation_needed", c.gen));
    p.pc.set("ondatachannel", js::callback("p2p_data_channel", c.gen));
}

void BrowserClient::run(const SetIceServers& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    // Only iceServers may change; the rest (policy, certificates) must be passed back unchanged.
    val rtc_config = p->pc.call<val>("getConfiguration");
    rtc_config.set("iceServers", js::ice_servers(c.ice_servers));
    p->pc.call<void>("setConfiguration", rtc_config);
}

void BrowserClient::run(const PrepareSenders& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    // The far side sees both tracks in one stream, as with addTrack(track, stream).
    val stream = val::global("MediaStream").new_();
    p->audio_sender = prepared_sender(*p, "audio", stream);
    p->video_sender = prepared_sender(*p, "video", stream);
}

// The sender that carries our `kind` track: the transceiver a remote offer made for it (it has a
// mid), turned sendrecv; else a new one for our own offer. A transceiver of ours that the remote
// offer left unassociated (our offer rolled back by one of the Node demo page's) is stopped: only
// an offer of ours could negotiate it, and this page never renegotiates a session it did not start.
val BrowserClient::prepared_sender(Peer& p, const char* kind, const val& stream) {
    val transceivers = p.pc.call<val>("getTransceivers");
    const int count = js::to_int(transceivers["length"], 0);
    val chosen = val::undefined();
    for (int i = 0; i < count && chosen.isUndefined(); ++i) {
        val t = transceivers[i];
        if (js::to_string(t["receiver"]["track"]["kind"]) != kind || t["mid"].isNull()) continue;
        if (js::to_string(t["currentDirection"]) != "stopped") chosen = t;
    }
    if (chosen.isUndefined()) {
        val streams = val::array();
        streams.call<void>("push", stream);
        val init = val::object();
        init.set("direction", std::string("sendrecv"));
        init.set("streams", streams);
        return p.pc.call<val>("addTransceiver", std::string(kind), init)["sender"];
    }
    for (int i = 0; i < count; ++i) {
        val t = transceivers[i];
        if (js::to_string(t["receiver"]["track"]["kind"]) == kind && t["mid"].isNull()) t.call<void>("stop");
    }
    chosen.set("direction", std::string("sendrecv"));
    val sender = chosen["sender"];
    if (!sender["setStreams"].isUndefined()) sender.call<void>("setStreams", stream);
    return sender;
}

// The camera's tracks onto the senders PrepareSenders made (replaceTrack: no new offer).
void BrowserClient::run(const AddLocalTracks& c) {
    Peer* p = peer(c.gen);
    if (!p || local_stream_.isUndefined() || p->audio_sender.isUndefined()) return;
    put_microphone_on(*p);
    update_video_senders();  // the camera, or the screen, or nothing while the camera is off
}

void BrowserClient::open_channel(Generation gen) {
    if (Peer* p = peer(gen)) watch_channel(gen, p->pc.call<val>("createDataChannel", std::string("chat")));
}

void BrowserClient::watch_channel(Generation gen, val channel) {
    Peer* p = peer(gen);
    if (!p) return;
    p->channel = channel;
    channel.set("onopen", js::callback("p2p_data_open", gen, 1));
    channel.set("onclose", js::callback("p2p_data_open", gen, 0));
    channel.set("onmessage", js::callback("p2p_data_message", gen));
}

void BrowserClient::on_data_channel(Generation gen, const val& event) {
    watch_channel(gen, event["channel"]);
}

void BrowserClient::run(const ClosePeerConnection& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    for (const char* handler : {"onicecandidate", "ontrack", "oniceconnectionstatechange", "onicecandidateerror",
                                "onnegotiationneeded", "ondatachannel"}) {
        p->pc.set(handler, val::null());
    }
    if (!p->channel.isUndefined()) {
        for (const char* handler : {"onopen", "onclose", "onmessage"}) p->channel.set(handler, val::null());
    }
    p->pc.call<void>("close");
    peers_.erase(c.gen);
}

void BrowserClient::run(const SetLocalDescription& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    js::then(p->pc.call<val>("setLocalDescription"), js::callback("p2p_local_set", c.gen),
             failed(c.gen, PeerOperation::SetLocalDescription));
}

void BrowserClient::on_local_description_set(Generation gen) {
    Peer* p = peer(gen);
    if (!p) return;
    val desc = p->pc["localDescription"];
    if (desc.isNull() || desc.isUndefined()) return;
    SdpType type = js::to_string(desc["type"]) == "answer" ? SdpType::Answer : SdpType::Offer;
    dispatch(LocalDescriptionSet{gen, type, js::to_string(desc["sdp"])});
}

void BrowserClient::run(const SetRemoteDescription& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    val d = val::object();
    d.set("type", std::string(sdp_type_name(c.type)));
    d.set("sdp", c.sdp);
    js::then(p->pc.call<val>("setRemoteDescription", d), js::callback("p2p_remote_set", c.gen, static_cast<int>(c.type)),
             failed(c.gen, PeerOperation::SetRemoteDescription));
}

void BrowserClient::run(const AddIceCandidate& c) {
    Peer* p = peer(c.gen);
    if (!p) return;
    js::on_reject(p->pc.call<val>("addIceCandidate", candidate_to_js(c.candidate)),
                  failed(c.gen, PeerOperation::AddIceCandidate));
}

void BrowserClient::run(const RestartIce& c) {
    if (Peer* p = peer(c.gen)) p->pc.call<void>("restartIce");
}

void BrowserClient::run(const SendData& c) {
    Peer* p = peer(c.gen);
    if (p && !p->channel.isUndefined() && js::to_string(p->channel["readyState"]) == "open") {
        p->channel.call<void>("send", c.text);
    }
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

void BrowserClient::on_ice_candidate_error(Generation gen, const val& event) {
    dispatch(IceCandidateError{gen, js::to_string(event["url"]), js::to_int(event["errorCode"], 0),
                               js::to_string(event["errorText"])});
}

void BrowserClient::run(const ShowRemoteVideo& c) {
    Peer* p = peer(c.gen);
    if (p && !p->remote_stream.isUndefined()) view_.show_remote(p->remote_stream);
}

void BrowserClient::run(const ClearRemoteVideo&) {
    view_.clear_remote();
}

}  // namespace p2p::client
