// One call page in a simulated browser: the real CallMachine, and every CallCommand executed the
// way wasm/browser/browser_client*.cpp executes it, on a simulated WebSocket, RTCPeerConnections,
// getUserMedia/getDisplayMedia and timers. Each browser result comes back as the CallEvent the real
// shell would dispatch, after a random latency, through the one task queue of the run.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/wasm/model/sim_core.hpp"
#include "tests/wasm/model/sim_ice.hpp"
#include "tests/wasm/model/sim_peer.hpp"
#include "tests/wasm/model/sim_relay.hpp"
#include "wasm/call_machine.hpp"

namespace p2p::client::model {

// What the page shows, as the machine's commands left it: the invariants judge from this.
struct PageView {
    ShowControls controls{};
    CallState call = CallState::Idle;
    SignallingState signalling = SignallingState::Connecting;
    bool chat_enabled = false;
    std::string verify_code;
    Generation remote_video = 0;  // the connection whose stream #remote-video shows, 0 for none
};

// Injected device faults: the next request of that kind fails.
struct PageFaults {
    bool media = false;   // getUserMedia: NotReadableError (camera in use elsewhere)
    bool share = false;   // getDisplayMedia: the person cancels the picker
    bool device = false;  // switching to the chosen device fails
};

// What a page needs from the world around it.
struct BrowserDeps {
    SimEnv env;
    SimRelay& relay;
    IceFabric& fabric;
    std::function<SimPeer*(int page, Engine engine, Generation gen, SimPeer::Hooks hooks)> make_peer;
    std::function<void(const OpFailure&)> failed;
    std::function<void(int page)> media_fault_used;
    std::vector<std::string>* session_storage;  // the tab's sessionStorage: kept by the world across reloads
};

class SimBrowser : public RelayClient {
public:
    SimBrowser(BrowserDeps deps, int slot, int incarnation, Engine engine, CallConfig config);

    void start();
    // A person's action on this page, dispatched now.
    void user(CallEvent event);
    // Reload: this page and everything it held go; its socket closes, its connections close.
    void unload();
    // The person ends the screen capture from the browser's own UI.
    void end_share_from_browser();

    std::string label() const override;
    void socket_opened(int socket) override;
    void socket_message(int socket, const std::string& text) override;
    void socket_failed(int socket) override;
    void socket_closed(int socket, int code) override;

    int slot() const { return slot_; }
    Engine engine() const { return engine_; }
    const PageView& view() const { return view_; }
    PageFaults faults;
    std::vector<SimPeer*> open_peers() const;
    int open_tracks() const { return (local_stream_ ? 2 : 0) + (screen_track_ ? 1 : 0); }
    bool sharing() const { return screen_track_; }

private:
    void dispatch(const CallEvent& event);
    void from_peer(Generation gen, CallEvent event);
    void later(SimTime delay, std::function<void()> task);
    SimPeer* peer(Generation gen);
    void note(const std::string& kind, const std::string& text);

    // sim_browser.cpp: signalling, timers, connections.
    void run(const OpenSignalling&);
    void run(const CloseSignalling&);
    void run(const SendMessage&);
    void run(const StartTimer&);
    void run(const CreatePeerConnection&);
    void run(const SetIceServers&) {}
    void run(const PrepareSenders&);
    void run(const AddLocalTracks&);
    void run(const OpenDataChannel&);
    void run(const ClosePeerConnection&);
    void run(const SetLocalDescription&);
    void run(const SetRemoteDescription&);
    void run(const AddIceCandidate&);
    void run(const RestartIce&);
    void run(const HoldVideo&) {}
    void run(const RefreshVideo&) {}
    void run(const SendData&);
    void run(const CollectStats&);
    void run(const ShowRemoteVideo&);
    void run(const ClearRemoteVideo&) { view_.remote_video = 0; }
    // sim_browser_media.cpp: camera, microphone, screen, devices.
    void run(const RequestMedia&);
    void run(const StopMedia&);
    void run(const ShowLocalVideo&) {}
    void run(const SetMicEnabled&) {}
    void run(const SetCameraEnabled& c) { camera_on_ = c.on; }
    void run(const StartShare&);
    void run(const StopShare&) { screen_track_ = false; }
    void run(const SwitchDevice&);
    void media_ready();
    // What only the page's look records.
    void run(const ShowControls& c) { view_.controls = c; }
    void run(const SetCallState& c) { view_.call = c.state; }
    void run(const SetSignallingState& c) { view_.signalling = c.state; }
    void run(const EnableChat& c) { view_.chat_enabled = c.enabled; }
    void run(const ShowVerifyCode& c) { view_.verify_code = c.code; }
    void run(const ShowToggles&) {}
    void run(const ShowPeerState&) {}
    void run(const ShowChat&) {}
    void run(const ShowNegotiations&) {}
    void run(const ShowStats&) {}
    void run(const RunProbe&) {}  // the model's pages never check their connection
    void run(const EndProbes&) {}
    void run(const ShowCheck&) {}
    void run(const Log&) {}
    void run(const ClearNotice&) {}
    // sessionStorage: survives a reload of this page (World::load_page reads it back).
    void run(const RememberHangup& c) { *deps_.session_storage = c.sessions; }

    BrowserDeps deps_;
    int slot_;
    int incarnation_;
    Engine engine_;
    CallMachine machine_;
    std::string peer_token_;
    bool alive_ = true;
    int socket_ = 0;  // the current WebSocket, 0 for none
    bool socket_open_ = false;
    std::map<Generation, SimPeer*> peers_;
    bool local_stream_ = false;
    bool screen_track_ = false;
    bool camera_on_ = true;
    PageView view_;
    std::uint64_t stats_bytes_ = 0;
};

}  // namespace p2p::client::model
