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
#include "wasm/call_machine.hpp"

namespace p2p::client {

class BrowserClient {
public:
    BrowserClient(CallConfig config, DomView& view);

    void start();

    // Browser callbacks (see main.cpp for the JS side of each).
    void on_socket_open(unsigned socket);
    void on_socket_close(unsigned socket, const emscripten::val& event);
    void on_socket_error(unsigned socket);
    void on_socket_message(unsigned socket, const emscripten::val& event);
    void on_start_click();
    void on_media_ready(const emscripten::val& stream);
    void on_media_failed(const emscripten::val& error);
    void on_sdp_created(Generation gen, const emscripten::val& description);
    void on_local_description_set(Generation gen);
    void on_remote_description_set(Generation gen);
    void on_peer_failed(Generation gen, int op, const emscripten::val& error);
    void on_ice_candidate(Generation gen, const emscripten::val& event);
    void on_track(Generation gen, const emscripten::val& event);
    void on_ice_state(Generation gen);
    void on_connection_state(Generation gen);

    // Command execution, one overload per command (public for std::visit).
    void run(const OpenSignalling&);
    void run(const SendMessage&);
    void run(const RequestMedia&);
    void run(const ShowLocalVideo&);
    void run(const CreatePeerConnection&);
    void run(const ClosePeerConnection&);
    void run(const CreateOffer&);
    void run(const CreateAnswer&);
    void run(const SetLocalDescription&);
    void run(const SetRemoteDescription&);
    void run(const AddIceCandidate&);
    void run(const ShowRemoteVideo&);
    void run(const ClearRemoteVideo&);
    void run(const ShowStartButton&);
    void run(const SetSignallingState&);
    void run(const SetCallState&);
    void run(const Log&);

private:
    // A live RTCPeerConnection and the remote stream its ontrack delivered.
    struct Peer {
        emscripten::val pc = emscripten::val::undefined();
        emscripten::val remote_stream = emscripten::val::undefined();
    };

    void dispatch(CallEvent event);
    void run_all(const CallCommands& commands);
    // The connection of `gen`, or nullptr once it was closed.
    Peer* peer(Generation gen);
    // pc.createOffer()/createAnswer(), reported to p2p_sdp_created.
    void describe(Generation gen, const char* method, PeerOperation op);
    // pc.setLocalDescription()/setRemoteDescription(), reported to `on_done`.
    void set_description(Generation gen, const char* method, SdpType type, const std::string& sdp,
                         const char* on_done, PeerOperation op);

    CallConfig config_;
    DomView& view_;
    CallMachine machine_;
    emscripten::val socket_ = emscripten::val::undefined();
    unsigned socket_id_ = 0;  // bumps per WebSocket so a future reconnect can drop old events
    emscripten::val local_stream_ = emscripten::val::undefined();
    std::map<Generation, Peer> peers_;
    std::deque<CallEvent> pending_;
    bool dispatching_ = false;
};

}  // namespace p2p::client
