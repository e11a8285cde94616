#include "bench/baselines/beast_echo/echo_options.hpp"

#include <charconv>

namespace p2p::echo {
namespace {

template <typename Number>
bool parse_number(std::string_view text, Number min, Number max, Number& out) {
    Number value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return false;
    out = value;
    return true;
}

ParsedEchoOptions failure(std::string error) {
    ParsedEchoOptions out;
    out.error = std::move(error);
    return out;
}

// Applies one flag; the error message, or "".
std::string apply(EchoOptions& options, std::string_view flag, std::string_view value) {
    unsigned number = 0;
    if (flag == "--address") options.address = value;
    else if (flag == "--cert") options.cert = value;
    else if (flag == "--key") options.key = value;
    else if (flag == "--port") {
        if (!parse_number(value, 0u, 65535u, number)) return "--port: '" + std::string(value) + "' must be 0-65535";
        options.port = static_cast<std::uint16_t>(number);
    } else if (flag == "--threads") {
        if (!parse_number(value, 1u, 64u, options.threads)) return "--threads: '" + std::string(value) + "' must be 1-64";
    } else {
        return "unknown option '" + std::string(flag) + "'";
    }
    return {};
}

}  // namespace

ParsedEchoOptions parse_echo_options(const std::vector<std::string_view>& args) {
    EchoOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") return ParsedEchoOptions{std::nullopt, {}, true};
        if (i + 1 >= args.size()) return failure(std::string(args[i]) + " needs a value");
        if (std::string problem = apply(options, args[i], args[i + 1]); !problem.empty()) return failure(problem);
        ++i;
    }
    if (options.cert.empty() || options.key.empty()) return failure("--cert and --key are required");
    return ParsedEchoOptions{std::move(options), {}, false};
}

std::string echo_usage() {
    return "Usage: p2p-echo-baseline --cert FILE --key FILE [--port N] [--threads N] [--address A]\n"
           "A bare Beast TLS WebSocket echo server, the floor p2p-load measures our relay against: the\n"
           "relay's TLS profile and stream stack, no limits, no parsing; each message goes back as is.\n\n"
           "  --port N     port, 0 = any free one (default 0); prints 'listening on ADDR:PORT'\n"
           "  --threads N  I/O threads, 1-64 (default 1, as the relay)\n"
           "  --address A  address to listen on (default 127.0.0.1)\n";
}

}  // namespace p2p::echo
