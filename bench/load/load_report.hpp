// What a load run measured, summed over every connection, and whether it was clean.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace p2p::load {

// Totals of a run; `lost` counts messages sent but never seen by the room's other peer.
struct LoadReport {
    std::size_t rooms = 0;
    std::size_t connections = 0;
    std::size_t connections_opened = 0;
    std::size_t connections_paired = 0;
    std::uint64_t sent = 0;
    std::uint64_t received = 0;  // in order, exactly once, at the right peer
    std::uint64_t lost = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t misrouted = 0;
    std::uint64_t errors = 0;
    std::vector<std::string> first_errors;  // the first few, for the log
    double streaming_seconds = 0;
    std::int64_t latency_p50_us = 0;
    std::int64_t latency_p99_us = 0;
    std::int64_t latency_max_us = 0;
    std::size_t max_write_queue = 0;

    bool clean() const {
        return connections_paired == connections && lost == 0 && duplicated == 0 && misrouted == 0 &&
               errors == 0 && received == sent;
    }
    // Multi-line, human-readable figures.
    std::string summary() const;
};

}  // namespace p2p::load
