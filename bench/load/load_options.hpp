// p2p-load's command line: which server, which traffic, how long, where to write the result.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/load/load_target.hpp"

namespace p2p::load {

// Every knob of one run; defaults are the benchmark settings (100 pairs, 1 KiB frames).
struct LoadOptions {
    enum class Mode { pingpong, stream, idle };

    LoadTarget target{LoadTarget::Kind::relay};
    std::uint16_t port = 0;
    // relay only: the answer side of every room (odd connections) uses this relay instead, so
    // each room spans two relays sharing rooms through Redis.
    std::optional<std::uint16_t> answer_port;
    std::size_t rooms = 100;
    Mode mode = Mode::pingpong;
    double seconds = 10;
    double warmup = 2;
    double rate = 10'000;       // stream: frames per second over all connections
    std::size_t window = 1;     // pingpong: frames in flight per room
    std::size_t connections = 0;  // idle: 0 = use --rooms * 2
    bool connections_max = false;  // idle: as many as both processes' open-file limits allow
    std::optional<pid_t> server_pid;
    std::optional<pid_t> server_pid_b;  // the --answer-port relay, sampled like --server-pid
    std::optional<std::string> json_file;
    std::size_t client_threads = 1;
    std::size_t message_bytes = 1024;
    std::size_t handshakes_in_flight = 16;
    double open_timeout = 300;
    std::string room_prefix = "load-";
    std::string command_line;  // as typed, for the report

    std::string_view mode_name() const;
};

// The options, or why they are wrong, or a request for help.
struct ParsedLoadOptions {
    std::optional<LoadOptions> options;
    std::string error;
    bool help = false;
};

ParsedLoadOptions parse_load_options(const std::vector<std::string_view>& args);
std::string load_usage();

}  // namespace p2p::load
