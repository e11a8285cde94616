#include "bench/load/load_options.hpp"

#include <charconv>
#include <functional>
#include <map>

namespace p2p::load {
namespace {

using Setter = std::function<std::string(LoadOptions&, std::string_view)>;

template <typename Number>
std::optional<Number> parse_number(std::string_view text, Number min, Number max) {
    Number value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
    return value;
}

template <typename Field, typename Number>
Setter number(Field LoadOptions::*field, std::string_view flag, Number min, Number max) {
    return [=](LoadOptions& options, std::string_view value) -> std::string {
        auto parsed = parse_number<Number>(value, min, max);
        if (!parsed) {
            return std::string(flag) + ": '" + std::string(value) + "' must be a number " + std::to_string(min) + "-" +
                   std::to_string(max);
        }
        options.*field = static_cast<Field>(*parsed);
        return {};
    };
}

std::string set_target(LoadOptions& options, std::string_view value) {
    auto target = LoadTarget::parse(value);
    if (!target) return "--target: '" + std::string(value) + "' must be relay, echo, node or node-seed";
    options.target = *target;
    return {};
}

std::string set_mode(LoadOptions& options, std::string_view value) {
    if (value == "pingpong") options.mode = LoadOptions::Mode::pingpong;
    else if (value == "stream") options.mode = LoadOptions::Mode::stream;
    else if (value == "idle") options.mode = LoadOptions::Mode::idle;
    else return "--mode: '" + std::string(value) + "' must be pingpong, stream or idle";
    return {};
}

std::string set_connections(LoadOptions& options, std::string_view value) {
    if (value == "max") {
        options.connections_max = true;
        return {};
    }
    auto count = parse_number<std::size_t>(value, 2, 1'000'000);
    if (!count || *count % 2 != 0) return "--connections: '" + std::string(value) + "' must be an even number or 'max'";
    options.connections = *count;
    return {};
}

Setter process_id(std::optional<pid_t> LoadOptions::*field, std::string_view flag) {
    return [=](LoadOptions& options, std::string_view value) -> std::string {
        auto pid = parse_number<pid_t>(value, 1, 1 << 30);
        if (!pid) return std::string(flag) + ": '" + std::string(value) + "' is not a process id";
        options.*field = *pid;
        return {};
    };
}

std::string set_answer_port(LoadOptions& options, std::string_view value) {
    auto port = parse_number<std::uint16_t>(value, 1, 65535);
    if (!port) return "--answer-port: '" + std::string(value) + "' must be a number 1-65535";
    options.answer_port = *port;
    return {};
}

// Options that only make sense together; empty when the combination is fine.
std::string combination_problem(const LoadOptions& options) {
    if (options.port == 0) return "--port is required (the server listens on 127.0.0.1:PORT)";
    if (options.mode != LoadOptions::Mode::idle && (options.connections || options.connections_max)) {
        return "--connections is for --mode idle; traffic modes open --rooms * 2 connections";
    }
    // Only the relay pairs a room's two connections by name, so only it can split them over two servers.
    if (options.answer_port && options.target.kind() != LoadTarget::Kind::relay) {
        return "--answer-port is for --target relay (a room's answer side on a second relay), not " +
               std::string(options.target.name());
    }
    if (options.server_pid_b && !options.answer_port) return "--server-pid-b needs --answer-port (it is that relay's pid)";
    return {};
}

const std::map<std::string_view, Setter>& setters() {
    static const std::map<std::string_view, Setter> table = {
        {"--target", set_target},
        {"--mode", set_mode},
        {"--port", number(&LoadOptions::port, "--port", 1u, 65535u)},
        {"--answer-port", set_answer_port},
        {"--rooms", number(&LoadOptions::rooms, "--rooms", std::size_t{1}, std::size_t{500'000})},
        {"--seconds", number(&LoadOptions::seconds, "--seconds", 0.1, 3600.0)},
        {"--warmup", number(&LoadOptions::warmup, "--warmup", 0.0, 600.0)},
        {"--rate", number(&LoadOptions::rate, "--rate", 1.0, 10'000'000.0)},
        {"--window", number(&LoadOptions::window, "--window", std::size_t{1}, std::size_t{10'000})},
        {"--connections", set_connections},
        {"--server-pid", process_id(&LoadOptions::server_pid, "--server-pid")},
        {"--server-pid-b", process_id(&LoadOptions::server_pid_b, "--server-pid-b")},
        {"--json", [](LoadOptions& o, std::string_view v) { o.json_file = std::string(v); return std::string(); }},
        {"--client-threads", number(&LoadOptions::client_threads, "--client-threads", std::size_t{1}, std::size_t{64})},
        {"--message-bytes", number(&LoadOptions::message_bytes, "--message-bytes", std::size_t{512}, std::size_t{65536})},
        {"--handshakes", number(&LoadOptions::handshakes_in_flight, "--handshakes", std::size_t{1}, std::size_t{4096})},
        {"--open-timeout", number(&LoadOptions::open_timeout, "--open-timeout", 1.0, 3600.0)},
        {"--room-prefix", [](LoadOptions& o, std::string_view v) { o.room_prefix = std::string(v); return std::string(); }},
    };
    return table;
}

ParsedLoadOptions failure(std::string error) {
    ParsedLoadOptions out;
    out.error = std::move(error);
    return out;
}

std::string join_command(const std::vector<std::string_view>& args) {
    std::string line = "p2p-load";
    for (std::string_view arg : args) line += " " + std::string(arg);
    return line;
}

}  // namespace

std::string_view LoadOptions::mode_name() const {
    switch (mode) {
        case Mode::pingpong: return "pingpong";
        case Mode::stream: return "stream";
        case Mode::idle: return "idle";
    }
    return "?";
}

ParsedLoadOptions parse_load_options(const std::vector<std::string_view>& args) {
    LoadOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view flag = args[i];
        if (flag == "--help" || flag == "-h") return ParsedLoadOptions{std::nullopt, {}, true};
        auto setter = setters().find(flag);
        if (setter == setters().end()) return failure("unknown option '" + std::string(flag) + "'");
        if (i + 1 >= args.size()) return failure(std::string(flag) + " needs a value");
        if (std::string problem = setter->second(options, args[++i]); !problem.empty()) return failure(problem);
    }
    if (std::string problem = combination_problem(options); !problem.empty()) return failure(problem);
    options.command_line = join_command(args);
    return ParsedLoadOptions{std::move(options), {}, false};
}

std::string load_usage() {
    return "Usage: p2p-load --target relay|echo|node|node-seed --port N [options]\n"
           "Loads a WSS server on 127.0.0.1 with N rooms x 2 connections from one process and reports\n"
           "messages/s, one-way latency (p50/p99/p99.9), the server's CPU and RSS; exits non-zero when a\n"
           "message was lost, duplicated or misrouted, or anything else went wrong.\n\n"
           "  --target T          relay (/ws?room=R, waits for peer_joined), echo (each connection gets\n"
           "                      its own frames back), node (the express-ws baseline, /?room=R),\n"
           "                      node-seed (the same server as the seed demo uses it: /, every\n"
           "                      message to every other client)\n"
           "  --port N            the server's port on 127.0.0.1 (required)\n"
           "  --answer-port N     relay only: the answer side of every room (odd connections) joins the\n"
           "                      relay on this port instead, so each room spans two relays sharing\n"
           "                      rooms through Redis (--redis); the offer side stays on --port\n"
           "  --mode M            pingpong: each delivery makes the sender's partner send the next\n"
           "                      stream:   --rate frames/s in total, evenly paced, round-robin\n"
           "                      idle:     open --connections, then stay silent and watch the server\n"
           "  --rooms N           rooms of two connections (default 100)\n"
           "  --seconds S         measured time (default 10)\n"
           "  --warmup S          traffic (or, idle: settling) before measuring, excluded (default 2)\n"
           "  --rate R            stream: frames per second over all connections (default 10000)\n"
           "  --window W          pingpong: frames in flight per room (default 1)\n"
           "  --connections K|max idle: connections to open, even; max = as many as the open-file\n"
           "                      limits of this process and the server (--server-pid) allow\n"
           "  --server-pid PID    sample the server's CPU, RSS and open files from /proc\n"
           "  --server-pid-b PID  with --answer-port: also sample that relay; reported as server_b, and\n"
           "                      messages per server CPU-second count both relays' CPU\n"
           "  --json FILE         also write the result as JSON\n"
           "  --client-threads T  client threads, each with its own connections (default 1)\n"
           "  --message-bytes B   frame size (default 1024)\n"
           "  --handshakes H      TLS handshakes in flight per client thread (default 16)\n"
           "  --open-timeout S    time allowed to open every connection (default 300)\n"
           "  --room-prefix P     room names are P0, P1, ... (default load-)\n";
}

}  // namespace p2p::load
