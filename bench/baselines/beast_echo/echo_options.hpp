// p2p-echo-baseline's command line: where to listen, with which certificate, on how many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace p2p::echo {

// Defaults match the relay's: one I/O thread; loopback only, since it exists to be measured.
struct EchoOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;
    unsigned threads = 1;
    std::string cert;
    std::string key;
};

// The options, or why they are wrong, or a request for help.
struct ParsedEchoOptions {
    std::optional<EchoOptions> options;
    std::string error;
    bool help = false;
};

ParsedEchoOptions parse_echo_options(const std::vector<std::string_view>& args);
std::string echo_usage();

}  // namespace p2p::echo
