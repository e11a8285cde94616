// Drives N rooms x 2 peers against a relay on loopback, phase by phase, on the calling thread:
// open (paced TLS handshakes) -> stream stamped messages at a steady rate -> drain -> close.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/load/delivery_ledger.hpp"
#include "bench/load/latency_histogram.hpp"
#include "bench/load/load_plan.hpp"
#include "bench/load/load_report.hpp"
#include "bench/load/peer_connection.hpp"

namespace p2p::load {

// Peer 2r is room r's offer side, 2r+1 its answer side. Each phase returns false on timeout; the
// report says what went wrong. Phases must be called in order, each at most once.
class RoomLoad {
public:
    explicit RoomLoad(LoadPlan plan);
    ~RoomLoad();
    RoomLoad(const RoomLoad&) = delete;
    RoomLoad& operator=(const RoomLoad&) = delete;

    // Opens every connection and waits until each room's two peers know about each other.
    bool open_all();
    // Sends stamped offer_ice/answer_ice for `duration`; `each_second` runs once a second (e.g. to
    // sample the relay's memory).
    void stream(std::chrono::milliseconds duration, const std::function<void()>& each_second = {});
    // Waits until every message sent has been accounted for at its receiver.
    bool drain(std::chrono::milliseconds timeout);
    // Closes every connection with a close handshake and waits for all of them to end.
    bool close_all(std::chrono::milliseconds timeout);

    LoadReport report() const;

private:
    // Everything known about one connection.
    struct PeerTally {
        explicit PeerTally(std::uint32_t room, std::uint32_t side) : from_other_side(room, 1 - side) {}
        bool opened = false;
        bool paired = false;
        bool ended = false;
        std::uint64_t sent = 0;
        DeliveryLedger from_other_side;
    };

    void open_next();
    void on_opened(std::size_t index, beast::error_code ec);
    void on_message(std::size_t index, std::string_view text);
    void on_ended(std::size_t index, beast::error_code ec);
    void send_due(std::chrono::steady_clock::time_point start);
    bool all_delivered() const;
    // Runs handlers until `done()` holds or `timeout` passes; returns done().
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);
    void error(std::string what);
    static std::uint32_t side_of(std::size_t index) { return static_cast<std::uint32_t>(index % 2); }
    static std::uint32_t room_of(std::size_t index) { return static_cast<std::uint32_t>(index / 2); }

    LoadPlan plan_;
    net::io_context io_;
    net::executor_work_guard<net::io_context::executor_type> keep_running_;
    ssl::context tls_{ssl::context::tls_client};
    tcp::endpoint relay_;
    PeerHandlers handlers_;
    std::vector<std::shared_ptr<PeerConnection>> peers_;
    std::vector<PeerTally> tallies_;
    std::size_t next_to_open_ = 0;
    std::size_t opening_ = 0;
    std::size_t opened_ = 0;
    std::size_t paired_ = 0;
    std::size_t ended_ = 0;
    bool closing_ = false;
    std::uint64_t sent_ = 0;
    std::size_t send_cursor_ = 0;
    std::size_t max_write_queue_ = 0;
    double streaming_seconds_ = 0;
    LatencyHistogram latency_;
    std::uint64_t errors_ = 0;
    std::vector<std::string> first_errors_;
};

}  // namespace p2p::load
