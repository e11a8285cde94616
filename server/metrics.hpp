// Counters for /metrics: lock-free atomics bumped from any thread, read in one snapshot.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace p2p::relay {

// Why the relay refused or dropped a connection or a peer.
enum class Rejection {
    origin, rate_limited, per_ip, max_connections, max_rooms, room_full, bad_room, too_large,
    binary, slow_reader, idle_timeout, request_timeout, unavailable, handshakes, kCount
};
std::string_view rejection_name(Rejection reason);

// Every value /metrics shows, copied out at one moment.
struct MetricsSnapshot {
    bool accepting = true;
    std::uint64_t connections_open = 0;
    std::uint64_t connections_total = 0;
    std::uint64_t peers = 0;
    std::uint64_t rooms = 0;
    std::uint64_t messages_relayed = 0;
    std::uint64_t bytes_relayed = 0;
    std::uint64_t handshake_failures = 0;
    std::vector<std::pair<std::string_view, std::uint64_t>> errors_by_code;
    std::vector<std::pair<std::string_view, std::uint64_t>> rejected_by_reason;
    // Seats of lost pages: held for the resume window, taken back by their page, or freed at its end.
    std::vector<std::pair<std::string_view, std::uint64_t>> seats_by_outcome;
    // Heap the relay holds (server/free_memory.hpp), where the C library can say.
    std::optional<std::uint64_t> heap_in_use_bytes;
};

// The relay's counters; every method is thread-safe and wait-free.
class Metrics {
public:
    void connection_opened();
    void connection_closed();
    void relayed(std::size_t bytes);
    void handshake_failed() { handshake_failures_.fetch_add(1, std::memory_order_relaxed); }
    // Counts one error reply by its code (unknown codes count as "other").
    void error_sent(std::string_view code);
    void rejected(Rejection reason);
    void seat_held() { seats_[0].fetch_add(1, std::memory_order_relaxed); }
    void seat_resumed() { seats_[1].fetch_add(1, std::memory_order_relaxed); }
    void seat_expired() { seats_[2].fetch_add(1, std::memory_order_relaxed); }
    void stop_accepting() { accepting_ = false; }
    bool accepting() const { return accepting_; }

    // Peers and rooms come from the room registry, so the caller supplies them.
    MetricsSnapshot snapshot(std::uint64_t peers, std::uint64_t rooms) const;

private:
    using Counter = std::atomic<std::uint64_t>;
    static constexpr std::size_t kErrorCodes = 10;

    std::atomic<bool> accepting_{true};
    Counter connections_open_{0};
    Counter connections_total_{0};
    Counter messages_relayed_{0};
    Counter bytes_relayed_{0};
    Counter handshake_failures_{0};
    std::array<Counter, kErrorCodes> errors_{};
    std::array<Counter, static_cast<std::size_t>(Rejection::kCount)> rejected_{};
    std::array<Counter, 3> seats_{};  // held, resumed, expired
};

}  // namespace p2p::relay
