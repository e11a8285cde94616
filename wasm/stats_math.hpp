// Turns two successive getStats() samples into what a person reads: bitrates, loss, fps, RTT.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
    // The selected pair's ends: candidate types (host/srflx/prflx/relay), the transport (udp/tcp),
    // how a local relay candidate reaches its TURN server (udp/tcp/tls), and the remote
    // "address:port", by which a remote prflx is matched with a candidate the peer signalled.
    std::string candidate_type;
    std::string remote_candidate_type;
    std::string protocol;
    std::string relay_protocol;
    std::string remote_address;
    bool operator==(const StatsSample&) const = default;
};

// What the media path is, as a person would ask: "relay" when either end sends through a TURN
// server, "srflx" when it crosses a NAT directly (a reflexive candidate, or a peer-reflexive one
// that the peer did not signal as a relay), "host" between two local addresses; "" unknown.
// `remote_type` is the remote candidate's type with prflx already resolved where possible.
std::string media_path(const std::string& local_type, const std::string& remote_type);
// A candidate line as the peer signalled it ("candidate:1 1 udp 2122 192.0.2.1 5000 typ host ..."):
// where it is ("192.0.2.1:5000", as a stats report writes a remote candidate) and its type.
struct SignalledCandidate {
    std::string endpoint;
    std::string type;
};
std::optional<SignalledCandidate> parse_candidate(std::string_view line);

// How the media leaves this page: the TURN leg's udp/tcp/tls when we relay, else the pair's protocol.
std::string media_transport(const StatsSample& sample);

// What the stats panel shows, computed from the current and the previous sample.
struct StatsView {
    double rtt_ms = -1;
    double in_kbps = 0;
    double out_kbps = 0;
    double fps = 0;
    double loss_percent = 0;  // over the interval
    int width = 0;
    int height = 0;
    std::string path;       // media_path()
    std::string transport;  // media_transport()
    std::string local_type;
    std::string remote_type;
};

StatsView compute_stats(const StatsSample& previous, const StatsSample& current);

// "12.3" style fixed-point text without printf (keeps the wasm small).
std::string format_decimal(double value, int decimals);

}  // namespace p2p::client
