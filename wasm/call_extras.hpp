// What rides along a call session besides media: the chat/state data channel, the peer's mic and
// camera as it reports them, stats sampled twice a second (the panel shows them once a second; the
// media watch needs the finer grain), and the verification code. All of it belongs to the current
// session and is reset with it.
#pragma once

#include <string>
#include <vector>

#include "wasm/call_events.hpp"
#include "wasm/data_message.hpp"
#include "wasm/media_watch.hpp"
#include "wasm/outbox.hpp"
#include "wasm/stats_math.hpp"

namespace p2p::client {

enum class ChatState { Closed, Open };

class CallExtras {
public:
    explicit CallExtras(Outbox& out) : out_(out) {}

    // A new session started (stats run from now) or the current one closed (everything resets).
    void session_started();
    void session_closed();

    void channel_changed(Generation gen, bool open, bool mic_on, bool camera_on);
    void send(Generation gen, const DataMessage& message);
    void chat_submitted(Generation gen, const std::string& text);
    void data_received(const std::string& text);

    void toggle_stats();
    void stats_due(Generation gen);  // TimerKind::Stats fired
    // A sample of the current session; says whether media stopped or came back with it.
    MediaChange stats_collected(StatsSample sample);
    // A candidate the peer signalled: what a remote "prflx" in the stats really is.
    void remote_candidate(const std::string& line);
    MediaFlow media_flow() const { return media_.flow(); }

    static constexpr int kStatsPeriodMs = 500;
    // While media is stalled: the moment it returns, the held video restarts with a key frame
    // (RefreshVideo), and the other page decodes nothing until it has one, so every 100 ms of
    // sampling here is up to 100 ms of frozen picture there (lab, link down 5 s: 1.6-1.9 s at 500 ms).
    static constexpr int kStalledStatsPeriodMs = 100;
    static constexpr double kPanelPeriodMs = 1000;

    // After each completed exchange: the code of the fingerprints both sides use now.
    void show_code(const std::string& local_fingerprint, const std::string& remote_fingerprint);

    bool chat_open() const { return chat_ == ChatState::Open; }

private:
    Outbox& out_;
    ChatState chat_ = ChatState::Closed;
    bool peer_mic_on_ = true;
    bool peer_camera_on_ = true;
    bool stats_visible_ = false;
    bool have_stats_ = false;
    StatsSample last_stats_;  // the sample the panel's rates were last computed from
    StatsView last_view_;
    MediaWatch media_;
    // The peer's signalled candidates of this session (at most kRemembered of them).
    std::vector<SignalledCandidate> remote_candidates_;
    static constexpr std::size_t kRemembered = 64;
    std::string shown_code_;
};

}  // namespace p2p::client
