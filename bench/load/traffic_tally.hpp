// What one client thread's connections saw during a p2p-load run; tallies of several threads
// merge into the run's totals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/load/hdr_histogram.hpp"

namespace p2p::load {

// Counts for the whole run (warm-up included) except where a field says "measured".
struct TrafficTally {
    std::size_t connections = 0;
    std::size_t opened = 0;
    std::size_t ready = 0;  // opened and, for our relay, paired
    std::size_t closed_cleanly = 0;
    std::uint64_t sent = 0;
    std::uint64_t delivered = 0;  // in order, exactly once, at the right connection
    std::uint64_t measured_delivered = 0;  // delivered inside the measured window
    std::uint64_t measured_sent = 0;       // sent inside the measured window
    std::uint64_t lost = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t misrouted = 0;
    std::uint64_t broadcast_dropped = 0;  // node-seed only: other rooms' frames, received and dropped
    std::uint64_t errors = 0;
    std::vector<std::string> first_errors;
    std::size_t max_write_queue = 0;
    HdrHistogram latency;  // one-way, for messages sent and delivered inside the measured window

    static constexpr std::size_t kErrorsKept = 10;

    void add_error(std::string what);
    void merge(const TrafficTally& other);
    bool clean() const { return lost == 0 && duplicated == 0 && misrouted == 0 && errors == 0; }
};

}  // namespace p2p::load
