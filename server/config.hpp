// Relay settings with working defaults, and the pure command-line parser that fills them.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/limits.hpp"

namespace p2p::relay {

// Where the relay keeps its generated certificate: $XDG_STATE_HOME/p2p-call, else
// $HOME/.local/state/p2p-call, else ./p2p-call-state (pass nullptr for an unset variable).
std::filesystem::path default_state_dir(const char* xdg_state_home, const char* home);

// The built client bundle, fixed at compile time (P2P_DEFAULT_WEB_ROOT).
std::filesystem::path default_web_root();

// Everything the relay needs to run; every field has a usable default.
struct Config {
    std::string address = "0.0.0.0";
    std::uint16_t port = 8443;  // 0 picks any free port
    std::optional<std::filesystem::path> cert_file;  // both or neither of cert/key
    std::optional<std::filesystem::path> key_file;
    std::filesystem::path web_root = default_web_root();
    std::filesystem::path state_dir;
    // One thread: signalling is a few small messages per call, so a single event loop is never the
    // bottleneck and avoids cross-thread hand-offs; TLS handshakes are the only real CPU cost.
    unsigned threads = 1;

    ProtocolLimits limits;
    std::size_t max_request_header_bytes = 8 * 1024;
    // A peer that stops reading is dropped rather than letting its queue grow without bound.
    std::size_t max_queued_bytes = 1024 * 1024;
    std::chrono::seconds http_timeout{30};
    std::chrono::seconds websocket_handshake_timeout{30};
    std::chrono::seconds websocket_idle_timeout{20};  // pings keep a quiet but live peer open
};

// What main() should do after reading the command line.
struct ParsedOptions {
    enum class Action { run, show_help, fail };
    Action action = Action::run;
    Config config;
    std::string error;  // set when action == fail
};

inline constexpr unsigned kMaxThreads = 64;

// Parses argv[1..]; `defaults` supplies the values of flags that are not given.
ParsedOptions parse_options(const std::vector<std::string_view>& args, Config defaults);

// The --help text: every flag with its default as taken from `defaults`.
std::string usage_text(const Config& defaults);

}  // namespace p2p::relay
