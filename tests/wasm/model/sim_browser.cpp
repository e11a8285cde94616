#include "tests/wasm/model/sim_browser.hpp"

#include <charconv>
#include <utility>

#include "tests/wasm/model/sim_describe.hpp"

namespace p2p::client::model {

SimBrowser::SimBrowser(BrowserDeps deps, int slot, int incarnation, Engine engine, CallConfig config)
    : deps_(std::move(deps)),
      slot_(slot),
      incarnation_(incarnation),
      engine_(engine),
      machine_(std::move(config)),
      // Kept by the tab (sessionStorage), so the same across reloads, as the shell does.
      peer_token_("token-" + std::to_string(slot)) {}

std::string SimBrowser::label() const {
    return std::string(slot_ == 0 ? "A" : "B") + std::to_string(incarnation_);
}

void SimBrowser::note(const std::string& kind, const std::string& text) {
    if (deps_.env.trace.on() && !text.empty()) deps_.env.trace.add(deps_.env.clock.now(), label() + " " + kind + text);
}

void SimBrowser::start() {
    for (const CallCommand& command : machine_.start()) {
        note("cmd ", describe(command));
        std::visit([this](const auto& c) { run(c); }, command);
    }
}

void SimBrowser::user(CallEvent event) {
    if (!alive_) return;
    note("USER ", describe(event));
    dispatch(event);
}

// As BrowserClient::dispatch: the machine sees one event, then its commands all run.
void SimBrowser::dispatch(const CallEvent& event) {
    if (!alive_) return;
    note("ev  ", describe(event));
    CallCommands commands = machine_.handle(event);
    for (const CallCommand& command : commands) {
        note("cmd ", describe(command));
        std::visit([this](const auto& c) { run(c); }, command);
    }
}

void SimBrowser::later(SimTime delay, std::function<void()> task) {
    deps_.env.clock.after(delay, [this, task = std::move(task)] {
        if (alive_) task();
    });
}

// Connection events come as browser tasks of their own. Handlers of a closed connection are
// gone and the shell's own callbacks look the generation up; only the two promise callbacks
// that do not (p2p_remote_set, p2p_peer_failed) still reach the machine.
void SimBrowser::from_peer(Generation gen, CallEvent event) {
    later(0, [this, gen, event = std::move(event)] {
        bool promise_result = std::holds_alternative<RemoteDescriptionSet>(event) ||
                              std::holds_alternative<PeerOperationFailed>(event);
        if (!promise_result && !peer(gen)) return;
        dispatch(event);
    });
}

SimPeer* SimBrowser::peer(Generation gen) {
    auto it = peers_.find(gen);
    return it == peers_.end() ? nullptr : it->second;
}

std::vector<SimPeer*> SimBrowser::open_peers() const {
    std::vector<SimPeer*> out;
    for (const auto& [gen, p] : peers_) {
        if (!p->closed()) out.push_back(p);
    }
    return out;
}

void SimBrowser::unload() {
    if (!alive_) return;
    note("", "unloads (reload)");
    alive_ = false;
    for (auto& [gen, p] : peers_) p->close();
    peers_.clear();
    local_stream_ = screen_track_ = false;
    if (socket_ != 0) deps_.relay.page_closed(socket_, false);
    socket_ = 0;
}

// ---- signalling WebSocket ----

void SimBrowser::socket_opened(int socket) {
    if (!alive_ || socket != socket_) return;
    socket_open_ = true;
    dispatch(SignallingOpened{});
}

void SimBrowser::socket_message(int socket, const std::string& text) {
    if (alive_ && socket == socket_) dispatch(SignallingMessage{text});
}

void SimBrowser::socket_failed(int socket) {
    if (alive_ && socket == socket_) dispatch(SignallingFailed{});
}

void SimBrowser::socket_closed(int socket, int code) {
    if (!alive_ || socket != socket_) return;
    socket_ = 0;
    socket_open_ = false;
    dispatch(SignallingClosed{code, {}});
}

void SimBrowser::run(const OpenSignalling&) {
    socket_ = deps_.relay.connect(*this, slot_, peer_token_);
    socket_open_ = false;
}

// As the shell does: the abandoned socket's close goes to the relay, its events are stale.
void SimBrowser::run(const CloseSignalling&) {
    if (socket_ != 0) deps_.relay.page_closed(socket_, true);
    socket_ = 0;
    socket_open_ = false;
}

void SimBrowser::run(const SendMessage& c) {
    if (socket_ == 0 || !socket_open_) return;  // readyState is not OPEN: the shell drops it
    // A description leaving the page: its connection is no longer a never-sent prepared one.
    constexpr std::string_view kPc = "a=x-sim-pc:";
    if (std::size_t at = c.text.find(kPc); at != std::string::npos) {
        int pc = 0;
        const char* start = c.text.data() + at + kPc.size();
        std::from_chars(start, c.text.data() + c.text.size(), pc);
        if (SimPeer* p = deps_.fabric.find(pc)) p->mark_description_sent();
    }
    deps_.relay.send(socket_, c.text);
}

void SimBrowser::run(const StartTimer& c) {
    later(SimTime{c.delay_ms} * kMs, [this, c] { dispatch(TimerFired{c.kind, c.token}); });
}

// ---- RTCPeerConnection ----

void SimBrowser::run(const CreatePeerConnection& c) {
    Generation gen = c.gen;
    SimPeer::Hooks hooks{[this, gen](CallEvent e) { from_peer(gen, std::move(e)); }, deps_.failed};
    peers_[gen] = deps_.make_peer(slot_, engine_, gen, std::move(hooks));
}

void SimBrowser::run(const PrepareSenders& c) {
    if (SimPeer* p = peer(c.gen)) p->prepare_senders();
}

void SimBrowser::run(const AddLocalTracks& c) {
    SimPeer* p = peer(c.gen);
    if (p && local_stream_) p->add_tracks();
}

void SimBrowser::run(const OpenDataChannel& c) {
    if (SimPeer* p = peer(c.gen)) p->create_data_channel();
}

void SimBrowser::run(const ClosePeerConnection& c) {
    SimPeer* p = peer(c.gen);
    if (!p) return;
    p->close();
    peers_.erase(c.gen);
}

void SimBrowser::run(const SetLocalDescription& c) {
    if (SimPeer* p = peer(c.gen)) p->set_local_description();
}

void SimBrowser::run(const SetRemoteDescription& c) {
    if (SimPeer* p = peer(c.gen)) p->set_remote_description(c.type, c.sdp);
}

void SimBrowser::run(const AddIceCandidate& c) {
    if (SimPeer* p = peer(c.gen)) p->add_ice_candidate(c.candidate);
}

void SimBrowser::run(const RestartIce& c) {
    if (SimPeer* p = peer(c.gen)) p->restart_ice();
}

void SimBrowser::run(const SendData& c) {
    if (SimPeer* p = peer(c.gen)) deps_.fabric.send_data(*p, c.text);
}

void SimBrowser::run(const CollectStats& c) {
    if (!peer(c.gen)) return;
    later(deps_.env.rng.ms(1, 5), [this, gen = c.gen] {
        if (!peer(gen)) return;
        StatsSample sample;
        sample.at_ms = static_cast<double>(deps_.env.clock.now()) / kMs;
        sample.bytes_sent = sample.bytes_received = (stats_bytes_ += 100000);
        sample.candidate_type = "host";
        dispatch(StatsCollected{gen, sample});
    });
}

void SimBrowser::run(const ShowRemoteVideo& c) {
    SimPeer* p = peer(c.gen);
    if (p && p->remote_stream()) view_.remote_video = c.gen;
}

}  // namespace p2p::client::model
