// The one long-lived controller of the page: turns browser callbacks into CallMachine events and
// executes the machine's commands on WebSocket, getUserMedia, RTCPeerConnection and the DOM.
// JS only ever reaches it through the functions bound in main.cpp, by socket id or generation,
// so a late callback can never touch a closed connection.
#pragma once

#include <emscripten/val.h>

#include <deque>
#include <map>
#include <string>

#include "wasm/browser/dom_view.hpp"
#include "wasm/browser/js.hpp"
#include "wasm/call_machine.hpp"

namespace p2p::client {

// The sessionStorage key of RememberHangup (read back by main.cpp after a reload).
inline constexpr const char* kHungUpKey = "p2p-call-hung-up";
// sessionStorage key of this tab's reconnect token (?peer=).
inline constexpr const char* kPeerTokenKey = "p2p-peer-token";

// This tab's reconnect token, kept in sessionStorage so that a reload takes back the seat its
// previous load may still hold (its socket went silent with the network: the relay keeps the seat
// for the resume window) instead of finding the room full. `fresh`: a new one replaces it.
std::string tab_peer_token(bool fresh = false);

class BrowserClient {
public:
    BrowserClient(CallConfig config, DomView& view);

    void start();
    void dispatch(CallEvent event);

    // Browser callbacks (see main.cpp for the JS side of each).
    void on_socket_open(unsigned socket);
    void on_socket_close(unsigned socket, const emscripten::val& event);
    void on_socket_error(unsigned socket);
    void on_socket_message(unsigned socket, const emscripten::val& event);
    void on_probe_offer(unsigned probe);
    void on_probe_candidate(unsigned probe, const emscripten::val& event);
    void on_probe_failed(unsigned probe);
    void on_media_ready(const emscripten::val& stream);
    void on_share_ready(const emscripten::val& stream);
    void on_device_ready(bool video, const emscripten::val& stream);
    void on_local_description_set(Generation gen);
    void on_ice_candidate(Generation gen, const emscripten::val& event);
    void on_track(Generation gen, const emscripten::val& event);
    void on_ice_state(Generation gen);
    void on_ice_candidate_error(Generation gen, const emscripten::val& event);
    void on_data_channel(Generation gen, const emscripten::val& event);
    void on_stats(Generation gen, const emscripten::val& report);
    void on_chat_submit(const emscripten::val& event);
    void on_device_change();
    void download_diagnostics();
    void on_track_replaced();

    // Command execution, one overload per command (public for std::visit).
    void run(const OpenSignalling&);
    void run(const CloseSignalling&);
    void run(const HoldVideo&);
    void run(const RefreshVideo&);
    void on_video_paused(Generation gen);
    void run(const RunProbe&);
    void run(const EndProbes&);
    void run(const ShowCheck&);
    void run(const SendMessage&);
    void run(const StartTimer&);
    void run(const RequestMedia&);
    void run(const StopMedia&);
    void run(const ShowLocalVideo&);
    void run(const CreatePeerConnection&);
    void run(const SetIceServers&);
    void run(const PrepareSenders&);
    void run(const AddLocalTracks&);
    void run(const OpenDataChannel& c) { open_channel(c.gen); }
    void run(const ClosePeerConnection&);
    void run(const SetLocalDescription&);
    void run(const SetRemoteDescription&);
    void run(const AddIceCandidate&);
    void run(const RestartIce&);
    void run(const SendData&);
    void run(const SetMicEnabled&);
    void run(const SetCameraEnabled&);
    void run(const StartShare&);
    void run(const StopShare&);
    void run(const SwitchDevice&);
    void run(const CollectStats&);
    void run(const ShowRemoteVideo&);
    void run(const ClearRemoteVideo&);
    void run(const ShowControls& c) { view_.show_controls(c); }
    void run(const ShowToggles& c) { view_.show_toggles(c); }
    void run(const ShowPeerState& c) { view_.show_peer_state(c); }
    void run(const ShowChat& c) { view_.show_chat(c.mine, c.text); }
    void run(const EnableChat& c) { view_.enable_chat(c.enabled); }
    void run(const ShowVerifyCode& c) { view_.show_verify_code(c.code); }
    void run(const ShowNegotiations& c) {
        view_.set_attribute("negotiations", std::to_string(c.count));
        view_.set_attribute("session", c.session.value_or(""));
    }
    void run(const ShowStats&);
    void run(const SetSignallingState& c) { view_.set_attribute("signalling", state_name(c.state)); }
    void run(const SetCallState& c) { view_.set_attribute("call", state_name(c.state)); }
    void run(const Log&);
    void run(const ClearNotice&) { view_.clear_notice(); }
    void run(const RememberHangup&);

private:
    // The setParameters promise that sets encodings[0].active, or undefined without a video sender.
    emscripten::val set_video_active(Generation gen, bool active);
    void listen_for_network_changes();
    // A live RTCPeerConnection, its senders, data channel and the remote stream ontrack delivered.
    struct Peer {
        emscripten::val pc = emscripten::val::undefined();
        emscripten::val remote_stream = emscripten::val::undefined();
        emscripten::val video_sender = emscripten::val::undefined();
        emscripten::val audio_sender = emscripten::val::undefined();
        emscripten::val channel = emscripten::val::undefined();
    };

    void run_all(const CallCommands& commands);
    // The connection of `gen`, or nullptr once it was closed.
    Peer* peer(Generation gen);
    void open_channel(Generation gen);
    emscripten::val prepared_sender(Peer& p, const char* kind, const emscripten::val& stream);
    void watch_channel(Generation gen, emscripten::val channel);
    // The local microphone track onto the audio sender PrepareSenders made (replaceTrack).
    void put_microphone_on(Peer& p);
    // The track every video sender should carry now: screen, camera, or none (camera off).
    emscripten::val outgoing_video() const;
    void update_video_senders();
    // sender.replaceTrack(track): a new source without renegotiation; counted once it resolves.
    void replace_track(const emscripten::val& sender, const emscripten::val& track);
    void stop_share_track();

    CallConfig config_;
    DomView& view_;
    CallMachine machine_;
    emscripten::val socket_ = emscripten::val::undefined();
    unsigned socket_id_ = 0;  // bumps per WebSocket so events of an older one are dropped
    // Sent as ?peer= on every (re)connect of this tab, so the relay gives our seat back to us
    // even while our previous connection still looks alive (dead network, no FIN) or is held.
    std::string peer_token_ = tab_peer_token();
    emscripten::val local_stream_ = emscripten::val::undefined();
    emscripten::val screen_track_ = emscripten::val::undefined();
    bool camera_on_ = true;
    std::map<Generation, Peer> peers_;
    // The connection check's probes (RunProbe::id, its RTCPeerConnection) and its last result.
    std::vector<std::pair<unsigned, emscripten::val>> probes_;
    CheckReport last_check_;
    std::deque<CallEvent> pending_;
    bool dispatching_ = false;
    ShowStats last_stats_;
    unsigned replaced_tracks_ = 0;
};

}  // namespace p2p::client
