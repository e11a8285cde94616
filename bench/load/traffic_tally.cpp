#include "bench/load/traffic_tally.hpp"

#include <algorithm>

namespace p2p::load {

void TrafficTally::add_error(std::string what) {
    ++errors;
    if (first_errors.size() < kErrorsKept) first_errors.push_back(std::move(what));
}

void TrafficTally::merge(const TrafficTally& other) {
    connections += other.connections;
    opened += other.opened;
    ready += other.ready;
    closed_cleanly += other.closed_cleanly;
    sent += other.sent;
    delivered += other.delivered;
    measured_delivered += other.measured_delivered;
    measured_sent += other.measured_sent;
    lost += other.lost;
    duplicated += other.duplicated;
    misrouted += other.misrouted;
    broadcast_dropped += other.broadcast_dropped;
    errors += other.errors;
    for (const std::string& error : other.first_errors) {
        if (first_errors.size() < kErrorsKept) first_errors.push_back(error);
    }
    max_write_queue = std::max(max_write_queue, other.max_write_queue);
    latency.merge(other.latency);
}

}  // namespace p2p::load
