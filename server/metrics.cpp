#include "server/metrics.hpp"

#include "server/free_memory.hpp"
#include "shared/messages.hpp"

namespace p2p::relay {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Rejection::kCount)> kRejectionNames{
    "origin", "rate_limited", "per_ip", "max_connections", "max_rooms", "room_full", "bad_room",
    "too_large", "binary", "slow_reader", "idle_timeout", "request_timeout", "unavailable", "handshakes"};

// The error codes the relay sends; the last slot counts anything else.
constexpr std::array<std::string_view, 10> kErrorCodeNames{
    error_code::kRoomFull, error_code::kBadMessage, error_code::kUnknownType, error_code::kTooLarge,
    error_code::kTooDeep,  error_code::kNotAllowed, error_code::kRateLimited, error_code::kServerFull,
    error_code::kUnavailable, "other"};

std::size_t error_index(std::string_view code) {
    for (std::size_t i = 0; i + 1 < kErrorCodeNames.size(); ++i) {
        if (kErrorCodeNames[i] == code) return i;
    }
    return kErrorCodeNames.size() - 1;
}

std::uint64_t load(const std::atomic<std::uint64_t>& counter) {
    return counter.load(std::memory_order_relaxed);
}

}  // namespace

std::string_view rejection_name(Rejection reason) {
    return kRejectionNames[static_cast<std::size_t>(reason)];
}

void Metrics::connection_opened() {
    connections_open_.fetch_add(1, std::memory_order_relaxed);
    connections_total_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::connection_closed() { connections_open_.fetch_sub(1, std::memory_order_relaxed); }

void Metrics::relayed(std::size_t bytes) {
    messages_relayed_.fetch_add(1, std::memory_order_relaxed);
    bytes_relayed_.fetch_add(bytes, std::memory_order_relaxed);
}

void Metrics::error_sent(std::string_view code) {
    errors_[error_index(code)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::rejected(Rejection reason) {
    rejected_[static_cast<std::size_t>(reason)].fetch_add(1, std::memory_order_relaxed);
}

MetricsSnapshot Metrics::snapshot(std::uint64_t peers, std::uint64_t rooms) const {
    MetricsSnapshot out{accepting_, load(connections_open_), load(connections_total_), peers, rooms,
                        load(messages_relayed_), load(bytes_relayed_), load(handshake_failures_), {}, {}, {}, {}};
    for (std::size_t i = 0; i < errors_.size(); ++i) out.errors_by_code.emplace_back(kErrorCodeNames[i], load(errors_[i]));
    for (std::size_t i = 0; i < rejected_.size(); ++i) {
        out.rejected_by_reason.emplace_back(kRejectionNames[i], load(rejected_[i]));
    }
    constexpr std::array<std::string_view, 3> kSeatOutcomes{"held", "resumed", "expired"};
    for (std::size_t i = 0; i < seats_.size(); ++i) out.seats_by_outcome.emplace_back(kSeatOutcomes[i], load(seats_[i]));
    out.heap_in_use_bytes = heap_in_use_bytes();
    return out;
}

}  // namespace p2p::relay
