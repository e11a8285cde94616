// One client thread of p2p-load: its own io_context and a slice of the connections, driven phase
// by phase (open -> traffic -> drain -> close) by the thread that owns it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "bench/load/delivery_ledger.hpp"
#include "bench/load/engine_slice.hpp"
#include "bench/load/load_frame.hpp"
#include "bench/load/peer_connection.hpp"
#include "bench/load/traffic_tally.hpp"

namespace p2p::load {

// Sends stamped frames in ping-pong (each delivery makes the sender's partner send the next) or
// stream (a fixed total rate, round-robin) fashion and judges every delivery. Phases return false
// when their deadline passed first; the tally says what went wrong.
class TrafficEngine {
public:
    using Clock = std::chrono::steady_clock;

    explicit TrafficEngine(EngineSlice slice);
    ~TrafficEngine();
    TrafficEngine(const TrafficEngine&) = delete;
    TrafficEngine& operator=(const TrafficEngine&) = delete;

    // Opens every connection and waits until each is ready (for our relay: its room is paired).
    bool open_all(Clock::time_point deadline);
    // Deliveries inside [from, to) count as measured; latency only for frames also sent after `from`.
    void set_window(Clock::time_point from, Clock::time_point to);
    // Each room's offer side sends `window` frames; from then on every delivery triggers the next.
    void start_pingpong(std::size_t window);
    // Sends `messages_per_second` frames (this slice's share) spread evenly from `start` on.
    void start_stream(double messages_per_second, Clock::time_point start);
    // Runs handlers (deliveries, pings, pacing) until `until`.
    void run_until(Clock::time_point until);
    void stop_sending();
    // Waits until every frame sent has been delivered.
    bool drain(Clock::time_point deadline);
    // Closes every connection with a close handshake and waits for all of them to end.
    bool close_all(Clock::time_point deadline);

    std::size_t ready() const { return ready_; }
    TrafficTally tally() const;

private:
    // Everything known about one connection; ledger judges what it receives.
    struct Connection {
        Connection(std::shared_ptr<PeerConnection> p, LoadFrame f, DeliveryLedger l)
            : peer(std::move(p)), frame(std::move(f)), ledger(l) {}
        std::shared_ptr<PeerConnection> peer;
        LoadFrame frame;
        DeliveryLedger ledger;
        bool opened = false;
        bool ready = false;
        bool ended = false;
        std::uint64_t sent = 0;
    };

    void open_next();
    void on_opened(std::size_t index, beast::error_code ec);
    void on_message(std::size_t index, std::string_view text);
    void on_frame(std::size_t index, const LoadFrame::Stamp& stamp);
    void on_control(std::size_t index, std::string_view text);
    void on_ended(std::size_t index, beast::error_code ec);
    void mark_ready(std::size_t index);
    bool send_from(std::size_t index);
    void schedule_pace();
    void on_pace();
    bool in_window(Clock::time_point t) const { return t >= window_from_ && t < window_to_; }
    // Runs handlers until `done()` holds or `deadline` passes; returns done().
    template <typename Done>
    bool run_until_done(Done done, Clock::time_point deadline);

    EngineSlice slice_;
    net::io_context io_;
    net::executor_work_guard<net::io_context::executor_type> keep_running_;
    ssl::context tls_{ssl::context::tls_client};
    tcp::endpoint server_;
    tcp::endpoint answer_server_;  // where odd (answer-side) connections go; server_ unless split
    PeerHandlers handlers_;
    std::vector<Connection> connections_;
    net::steady_timer pace_timer_;
    std::size_t next_to_open_ = 0;
    std::size_t failed_ = 0;
    std::size_t ready_ = 0;
    std::size_t ended_ = 0;
    std::uint64_t skipped_ = 0;  // sequence numbers the ledgers saw jumped over
    bool closing_ = false;
    bool sending_ = false;
    bool pingpong_ = false;
    double rate_ = 0;
    Clock::time_point stream_start_;
    std::uint64_t paced_ = 0;
    std::size_t send_cursor_ = 0;
    Clock::time_point window_from_ = Clock::time_point::max();
    Clock::time_point window_to_ = Clock::time_point::max();
    TrafficTally tally_;
};

}  // namespace p2p::load
