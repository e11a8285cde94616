// Turns two successive getStats() samples into what a person reads: bitrates, loss, fps, RTT.
#pragma once

#include <cstdint>
#include <string>

namespace p2p::client {

// The few counters read from one RTCStatsReport (cumulative, as the browser reports them).
struct StatsSample {
    double at_ms = 0;  // report timestamp
    std::uint64_t bytes_sent = 0;
    std::uint64_t bytes_received = 0;
    std::uint64_t packets_received = 0;
    std::int64_t packets_lost = 0;  // may go negative on duplicates, as RTP allows
    double frames_decoded = 0;
    int frame_width = 0;
    int frame_height = 0;
    double rtt_ms = -1;          // selected candidate pair currentRoundTripTime; -1 unknown
    std::string candidate_type;  // local candidate type of the selected pair: host/srflx/prflx/relay
    bool operator==(const StatsSample&) const = default;
};

// What the stats panel shows, computed from the current and the previous sample.
struct StatsView {
    double rtt_ms = -1;
    double in_kbps = 0;
    double out_kbps = 0;
    double fps = 0;
    double loss_percent = 0;  // over the interval
    int width = 0;
    int height = 0;
    std::string candidate_type;
};

StatsView compute_stats(const StatsSample& previous, const StatsSample& current);

// "12.3" style fixed-point text without printf (keeps the wasm small).
std::string format_decimal(double value, int decimals);

}  // namespace p2p::client
