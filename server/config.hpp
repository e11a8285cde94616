// Relay settings with working defaults, and the pure command-line parser that fills them.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/log.hpp"
#include "server/ice_servers.hpp"
#include "server/redis_url.hpp"
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
    IceServerSettings ice;  // none by default: on a LAN host candidates are all a call needs

    ProtocolLimits limits;  // --max-message-bytes sets limits.max_message_bytes
    std::size_t max_request_header_bytes = 8 * 1024;
    // A peer that stops reading is dropped rather than letting its queue grow without bound.
    std::size_t max_queued_bytes = 1024 * 1024;
    std::size_t max_queued_messages = 1024;
    std::chrono::seconds http_timeout{30};                 // one whole request (slowloris)
    std::chrono::seconds tls_handshake_timeout{30};
    std::chrono::seconds websocket_handshake_timeout{30};
    // A peer silent this long (pulled cable, frozen tab) is dropped; it is pinged when an eighth is
    // left (KeepAlive::ping_after).
    std::chrono::seconds websocket_idle_timeout{20};
    // The page's own check that its socket still reaches us (sent in "joined"): a Ping every
    // interval, and a socket that has not answered within the deadline is replaced. Browsers keep a
    // socket on a dead path "open" for minutes (Wi-Fi to mobile data), so only the page can tell.
    std::chrono::milliseconds page_ping_interval{5000};
    std::chrono::milliseconds page_pong_deadline{4000};
    // A page whose socket goes silent (its network went) or that reconnects at once keeps its
    // seat this long: the other page hears "peer_away", not "peer_left", and the returning page
    // (same token) takes the seat back. 0: every departure is final at once.
    std::chrono::seconds resume_window{60};

    // Abuse limits. Per-IP is generous: homes and offices share one address behind NAT.
    std::size_t max_connections = 1024;
    std::size_t max_connections_per_ip = 32;
    // TLS handshakes under way (each holds ~48 KiB until it completes or times out): overall, and
    // per address, so that one address's slow handshakes leave room for everyone else's.
    std::size_t max_handshakes = 256;
    std::size_t max_handshakes_per_ip = 16;  // a page load opens up to 6 at once per tab
    std::size_t max_rooms = 512;
    // Token bucket per WebSocket: trickle ICE sends bursts of dozens of candidates at once.
    double message_rate = 50;
    double message_burst = 200;

    // Extra origins allowed to open a WebSocket besides the relay's own (same-origin).
    std::vector<std::string> allowed_origins;
    std::optional<std::uint16_t> http_redirect_port;  // plain HTTP that only redirects to HTTPS

    // Rooms across relays: membership and routing through this Redis (none: this relay alone).
    std::optional<RedisUrl> redis;
    // A seat in Redis lives this long unless its relay refreshes it, so a crashed relay's peers
    // are gone (and their rooms free) within redis_ttl + redis_refresh: 20 s, the idle timeout.
    std::chrono::seconds redis_ttl{15};
    std::chrono::seconds redis_refresh{5};
    LogLevel log_level = LogLevel::info;
};

// What main() should do after reading the command line.
struct ParsedOptions {
    enum class Action { run, show_help, fail };
    Action action = Action::run;
    Config config;
    std::string error;  // set when action == fail
    std::vector<std::string> warnings;  // to log at start (e.g. a secret given on the command line)
};

inline constexpr unsigned kMaxThreads = 64;
// Idle detection must drop a dead peer within 30 s, the promise the other peer relies on.
inline constexpr unsigned kMaxIdleTimeoutSeconds = 30;
// --page-ping and --page-pong-deadline, in ms ("joined" carries them in 16 bits).
inline constexpr unsigned kMinPagePingMs = 500;
inline constexpr unsigned kMaxPagePingMs = 60000;
// --resume-window: up to an hour (a seat held longer only keeps a third page out).
inline constexpr unsigned kMaxResumeWindowSeconds = 3600;
// Seats in Redis: at least 2 s (one refresh may be late), at most 5 min (a dead relay's rooms
// must free up); refreshed at least twice per TTL.
inline constexpr unsigned kMinRedisTtlSeconds = 2;
inline constexpr unsigned kMaxRedisTtlSeconds = 300;

// Parses argv[1..]; `defaults` supplies the values of flags that are not given.
ParsedOptions parse_options(const std::vector<std::string_view>& args, Config defaults);

// The --help text: every flag with its default as taken from `defaults`.
std::string usage_text(const Config& defaults);

}  // namespace p2p::relay
