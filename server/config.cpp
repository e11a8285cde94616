#include "server/config.hpp"

#include <boost/asio/ip/address.hpp>

#include <charconv>
#include <functional>
#include <map>

namespace p2p::relay {
namespace {

using Setter = std::function<std::string(Config&, std::string_view value)>;

template <typename Number>
std::optional<Number> parse_number(std::string_view text, Number min, Number max) {
    Number value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

std::string set_address(Config& config, std::string_view value) {
    boost::system::error_code ec;
    boost::asio::ip::make_address(std::string(value), ec);
    if (ec) return "--address: '" + std::string(value) + "' is not an IPv4 or IPv6 address";
    config.address = value;
    return {};
}

// Reads a port for `flag` (from `min` to 65535) into `out`; the error message, or "".
std::string read_port(std::string_view flag, std::string_view value, unsigned min, std::uint16_t& out) {
    auto port = parse_number<unsigned>(value, min, 65535);
    if (!port) {
        return std::string(flag) + ": '" + std::string(value) + "' is not a port number (" +
               std::to_string(min) + "-65535)";
    }
    out = static_cast<std::uint16_t>(*port);
    return {};
}

std::string set_port(Config& config, std::string_view value) {
    return read_port("--port", value, 0, config.port);
}

std::string set_threads(Config& config, std::string_view value) {
    auto threads = parse_number<unsigned>(value, 1, kMaxThreads);
    if (!threads) {
        return "--threads: '" + std::string(value) + "' must be 1-" + std::to_string(kMaxThreads);
    }
    config.threads = *threads;
    return {};
}

Setter set_path(std::optional<std::filesystem::path> Config::*field) {
    return [field](Config& config, std::string_view value) {
        config.*field = std::filesystem::path(value);
        return std::string();
    };
}

Setter set_path(std::filesystem::path Config::*field) {
    return [field](Config& config, std::string_view value) {
        config.*field = std::filesystem::path(value);
        return std::string();
    };
}

std::string range_error(std::string_view flag, std::string_view value, std::size_t min, std::size_t max) {
    return std::string(flag) + ": '" + std::string(value) + "' must be a whole number " +
           std::to_string(min) + "-" + std::to_string(max);
}

// A whole number within [min, max] into `field` (sizes, counts, rates).
template <typename Field>
Setter set_number(Field Config::*field, std::string_view flag, std::size_t min, std::size_t max) {
    return [=](Config& config, std::string_view value) {
        auto number = parse_number<std::size_t>(value, min, max);
        if (!number) return range_error(flag, value, min, max);
        config.*field = static_cast<Field>(*number);
        return std::string();
    };
}

Setter set_seconds(std::chrono::seconds Config::*field, std::string_view flag, std::size_t max,
                   std::size_t min = 1) {
    return [=](Config& config, std::string_view value) {
        auto seconds = parse_number<std::size_t>(value, min, max);
        if (!seconds) return range_error(flag, value, min, max);
        config.*field = std::chrono::seconds(*seconds);
        return std::string();
    };
}

Setter set_millis(std::chrono::milliseconds Config::*field, std::string_view flag, std::size_t min, std::size_t max) {
    return [=](Config& config, std::string_view value) {
        auto millis = parse_number<std::size_t>(value, min, max);
        if (!millis) return range_error(flag, value, min, max);
        config.*field = std::chrono::milliseconds(*millis);
        return std::string();
    };
}

std::string set_message_bytes(Config& config, std::string_view value) {
    // Below 4 KiB an offer SDP would not fit; above 1 MiB one peer could pin a lot of memory.
    auto bytes = parse_number<std::size_t>(value, 4096, 1024 * 1024);
    if (!bytes) return "--max-message-bytes: '" + std::string(value) + "' must be 4096-1048576";
    config.limits.max_message_bytes = *bytes;
    return {};
}

std::string add_allowed_origin(Config& config, std::string_view value) {
    if (!value.starts_with("https://") && !value.starts_with("http://")) {
        return "--allowed-origin: '" + std::string(value) + "' must look like https://host[:port]";
    }
    config.allowed_origins.emplace_back(value);
    return {};
}

std::string set_redirect_port(Config& config, std::string_view value) {
    std::uint16_t port = 0;
    std::string problem = read_port("--http-redirect-port", value, 1, port);
    if (problem.empty()) config.http_redirect_port = port;
    return problem;
}

std::string set_log_level(Config& config, std::string_view value) {
    auto level = parse_log_level(value);
    if (!level) return "--log-level: '" + std::string(value) + "' must be debug, info, warn or error";
    config.log_level = *level;
    return {};
}

std::string set_redis(Config& config, std::string_view value) {
    RedisUrl url;
    std::string problem = parse_redis_url(value, url);
    if (problem.empty()) config.redis = std::move(url);
    return problem;
}

// The Redis flags belong together: timings without --redis, or a refresh that would let a live
// seat expire between two refreshes, are mistakes worth stopping for.
std::string check_redis_settings(const Config& config, const Config& defaults) {
    bool timings_given = config.redis_ttl != defaults.redis_ttl || config.redis_refresh != defaults.redis_refresh;
    if (!config.redis && timings_given) return "--redis-ttl and --redis-refresh need --redis";
    if (config.redis_refresh * 2 > config.redis_ttl) {
        return "--redis-refresh (" + std::to_string(config.redis_refresh.count()) +
               ") must be at most half of --redis-ttl (" + std::to_string(config.redis_ttl.count()) + ")";
    }
    return {};
}

std::map<std::string_view, Setter> limit_setters() {
    constexpr std::size_t kMany = 1'000'000;
    return {
        {"--max-message-bytes", set_message_bytes},
        {"--max-header-bytes", set_number(&Config::max_request_header_bytes, "--max-header-bytes", 1024, 65536)},
        {"--max-queued-bytes", set_number(&Config::max_queued_bytes, "--max-queued-bytes", 4096, 256 * 1024 * 1024)},
        {"--max-queued-messages", set_number(&Config::max_queued_messages, "--max-queued-messages", 8, kMany)},
        {"--max-connections", set_number(&Config::max_connections, "--max-connections", 1, kMany)},
        {"--max-connections-per-ip", set_number(&Config::max_connections_per_ip, "--max-connections-per-ip", 1, kMany)},
        {"--max-handshakes", set_number(&Config::max_handshakes, "--max-handshakes", 1, kMany)},
        {"--max-handshakes-per-ip", set_number(&Config::max_handshakes_per_ip, "--max-handshakes-per-ip", 1, kMany)},
        {"--max-rooms", set_number(&Config::max_rooms, "--max-rooms", 1, kMany)},
        {"--rate", set_number(&Config::message_rate, "--rate", 1, 100'000)},
        {"--burst", set_number(&Config::message_burst, "--burst", 1, 100'000)},
        {"--http-timeout", set_seconds(&Config::http_timeout, "--http-timeout", 300)},
        {"--handshake-timeout", set_seconds(&Config::tls_handshake_timeout, "--handshake-timeout", 300)},
        {"--idle-timeout", set_seconds(&Config::websocket_idle_timeout, "--idle-timeout", kMaxIdleTimeoutSeconds)},
        {"--page-ping", set_millis(&Config::page_ping_interval, "--page-ping", kMinPagePingMs, kMaxPagePingMs)},
        {"--page-pong-deadline",
         set_millis(&Config::page_pong_deadline, "--page-pong-deadline", kMinPagePingMs, kMaxPagePingMs)},
        {"--resume-window", set_seconds(&Config::resume_window, "--resume-window", kMaxResumeWindowSeconds, 0)},
        {"--redis-ttl", [](Config& config, std::string_view value) {
             auto seconds = parse_number<std::size_t>(value, kMinRedisTtlSeconds, kMaxRedisTtlSeconds);
             if (!seconds) return range_error("--redis-ttl", value, kMinRedisTtlSeconds, kMaxRedisTtlSeconds);
             config.redis_ttl = std::chrono::seconds(*seconds);
             return std::string();
         }},
        {"--redis-refresh", set_seconds(&Config::redis_refresh, "--redis-refresh", kMaxRedisTtlSeconds / 2)},
    };
}

Setter set_optional_string(std::optional<std::string> IceServerSettings::*field) {
    return [field](Config& config, std::string_view value) {
        config.ice.*field = std::string(value);
        return std::string();
    };
}

const std::map<std::string_view, Setter>& setters() {
    static const std::map<std::string_view, Setter> table = [] {
      std::map<std::string_view, Setter> all = limit_setters();
      all.insert({
        {"--address", set_address},
        {"--port", set_port},
        {"--cert", set_path(&Config::cert_file)},
        {"--key", set_path(&Config::key_file)},
        {"--web-root", set_path(&Config::web_root)},
        {"--state-dir", set_path(&Config::state_dir)},
        {"--threads", set_threads},
        {"--stun", [](Config& c, std::string_view v) { return add_stun_url(c.ice, v); }},
        {"--turn", [](Config& c, std::string_view v) { return add_turn_url(c.ice, v); }},
        {"--turn-username", set_optional_string(&IceServerSettings::turn_username)},
        {"--turn-credential", set_optional_string(&IceServerSettings::turn_credential)},
        {"--turn-secret", set_optional_string(&IceServerSettings::turn_secret)},
        {"--turn-secret-file", [](Config& c, std::string_view v) {
             c.ice.turn_secret_file = std::filesystem::path(v);
             return std::string();
         }},
        {"--turn-ttl", [](Config& c, std::string_view v) { return set_turn_ttl(c.ice, v); }},
        {"--allowed-origin", add_allowed_origin},
        {"--http-redirect-port", set_redirect_port},
        {"--log-level", set_log_level},
        {"--redis", set_redis},
      });
      return all;
    }();
    return table;
}

ParsedOptions failure(std::string message) {
    ParsedOptions out;
    out.action = ParsedOptions::Action::fail;
    out.error = std::move(message);
    return out;
}

}  // namespace

std::filesystem::path default_state_dir(const char* xdg_state_home, const char* home) {
    // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
    if (xdg_state_home && xdg_state_home[0] == '/') {
        return std::filesystem::path(xdg_state_home) / "p2p-call";
    }
    if (home && home[0] != '\0') return std::filesystem::path(home) / ".local/state/p2p-call";
    return "p2p-call-state";
}

std::filesystem::path default_web_root() {
#ifdef P2P_DEFAULT_WEB_ROOT
    return P2P_DEFAULT_WEB_ROOT;
#else
    return "www";
#endif
}

ParsedOptions parse_options(const std::vector<std::string_view>& args, Config defaults) {
    ParsedOptions out;
    const Config given_defaults = defaults;
    out.config = std::move(defaults);
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view flag = args[i];
        if (flag == "--help" || flag == "-h") {
            out.action = ParsedOptions::Action::show_help;
            return out;
        }
        std::optional<std::string_view> value;
        if (auto eq = flag.find('='); eq != std::string_view::npos && flag.starts_with("--")) {
            value = flag.substr(eq + 1);
            flag = flag.substr(0, eq);
        }
        auto setter = setters().find(flag);
        if (setter == setters().end()) return failure("unknown option '" + std::string(flag) + "'");
        if (!value) {
            if (i + 1 >= args.size()) return failure(std::string(flag) + " needs a value");
            value = args[++i];
        }
        if (value->empty()) return failure(std::string(flag) + " needs a non-empty value");
        if (std::string problem = setter->second(out.config, *value); !problem.empty()) {
            return failure(problem);
        }
    }
    if (out.config.cert_file.has_value() != out.config.key_file.has_value()) {
        return failure("--cert and --key must be given together");
    }
    if (std::string problem = check_ice_settings(out.config.ice); !problem.empty()) {
        return failure(problem);
    }
    if (std::string problem = check_redis_settings(out.config, given_defaults); !problem.empty()) {
        return failure(problem);
    }
    if (out.config.redis && out.config.redis_ttl + out.config.redis_refresh > out.config.websocket_idle_timeout) {
        out.warnings.push_back("--redis-ttl + --redis-refresh exceed --idle-timeout: a crashed relay's peers "
                               "take longer to be noticed than a dead connection");
    }
    if (out.config.ice.turn_secret) {
        out.warnings.push_back("--turn-secret is visible to every local user in `ps` and /proc; "
                               "prefer --turn-secret-file");
    }
    if (std::string problem = load_turn_secret(out.config.ice); !problem.empty()) return failure(problem);
    // The WebSocket handshake is part of "getting connected", so it shares the TLS bound.
    out.config.websocket_handshake_timeout = out.config.tls_handshake_timeout;
    return out;
}

namespace {

std::string limits_usage(const Config& d) {
    auto n = [](auto value) { return std::to_string(static_cast<std::size_t>(value)); };
    return "\nLimits (each protects the relay on the open internet):\n"
           "  --max-message-bytes N    largest WebSocket message; bigger closes with 1009 (default " +
           n(d.limits.max_message_bytes) + ")\n"
           "  --max-header-bytes N     largest HTTP request header; bigger gets 431 (default " +
           n(d.max_request_header_bytes) + ")\n"
           "  --max-queued-bytes N     unsent bytes per peer before it is dropped as a non-reader (default " +
           n(d.max_queued_bytes) + ")\n"
           "  --max-queued-messages N  unsent messages per peer before it is dropped (default " +
           n(d.max_queued_messages) + ")\n"
           "  --max-connections N      open connections overall; more are closed at once (default " +
           n(d.max_connections) + ")\n"
           "  --max-connections-per-ip N  open connections per client IP; more are closed at once, before TLS (default " +
           n(d.max_connections_per_ip) + ")\n"
           "  --max-handshakes N       TLS handshakes under way overall; more are closed at once (default " +
           n(d.max_handshakes) + ")\n"
           "  --max-handshakes-per-ip N  TLS handshakes under way per client IP; more are closed at once\n"
           "                           (default " + n(d.max_handshakes_per_ip) + ")\n"
           "  --max-rooms N            rooms at once; more get error server_full (default " + n(d.max_rooms) + ")\n"
           "  --rate N                 messages per second per peer, token bucket (default " + n(d.message_rate) + ")\n"
           "  --burst N                messages a peer may send at once (default " + n(d.message_burst) + ")\n"
           "  --handshake-timeout S    seconds for the TLS and WebSocket handshakes (default " +
           n(d.tls_handshake_timeout.count()) + ")\n"
           "  --http-timeout S         seconds to receive one HTTP request (default " + n(d.http_timeout.count()) + ")\n"
           "  --idle-timeout S         a WebSocket silent this long is dropped (pinged first, with 1/8\n"
           "                           of it left for the pong), 1-" +
           std::to_string(kMaxIdleTimeoutSeconds) + " (default " + n(d.websocket_idle_timeout.count()) + ")\n"
           "  --page-ping MS           pages ping the relay this often, to find a dead socket, " +
           std::to_string(kMinPagePingMs) + "-" + std::to_string(kMaxPagePingMs) + " (default " +
           n(d.page_ping_interval.count()) + ")\n"
           "  --page-pong-deadline MS  a page replaces a socket whose pong takes longer, same range (default " +
           n(d.page_pong_deadline.count()) + ")\n"
           "  --resume-window S        a page whose socket goes silent keeps its seat this long\n"
           "                           (the other page hears peer_away), 0-" +
           std::to_string(kMaxResumeWindowSeconds) + "; 0: none (default " + n(d.resume_window.count()) + ")\n"
           "  --allowed-origin O       also accept WebSockets from origin O (repeatable; default: only\n"
           "                           the relay's own origin and clients that send no Origin)\n"
           "\nRooms across relays:\n"
           "  --redis URL              keep rooms in Redis (redis://[[user]:password@]host[:port][/db]) so\n"
           "                           the two peers of a room may use different relays; --max-rooms then\n"
           "                           counts this relay's rooms (default: none, this relay alone)\n"
           "  --redis-ttl S            a seat lives this long in Redis unless refreshed, " +
           std::to_string(kMinRedisTtlSeconds) + "-" + std::to_string(kMaxRedisTtlSeconds) + " (default " +
           n(d.redis_ttl.count()) + ")\n"
           "  --redis-refresh S        how often this relay refreshes its seats, at most half the TTL (default " +
           n(d.redis_refresh.count()) + ")\n";
}

}  // namespace

std::string usage_text(const Config& defaults) {
    const std::string port = std::to_string(defaults.port);
    return "Usage: p2p-relay [options]\n"
           "Serves the call page over HTTPS and relays signalling over WSS on one port.\n\n"
           "  --address A      address to listen on (default " + defaults.address + ")\n"
           "  --port N         port to listen on, 0 = any free port (default " + port + ")\n"
           "  --cert FILE      TLS certificate chain, PEM (default: generated self-signed)\n"
           "  --key FILE       TLS private key, PEM; give with --cert (default: generated)\n"
           "  --web-root DIR   directory of the client files (default " +
           defaults.web_root.string() + ")\n"
           "  --state-dir DIR  where the generated certificate is kept (default " +
           defaults.state_dir.string() + ")\n"
           "  --threads N      I/O threads, 1-" + std::to_string(kMaxThreads) + " (default " +
           std::to_string(defaults.threads) + ")\n"
           "  --stun URL       STUN server for the pages, repeatable (default none)\n"
           "  --turn URL       TURN server for the pages, repeatable (default none)\n"
           "  --turn-secret-file F  file holding the secret shared with coturn (use-auth-secret,\n"
           "                   static-auth-secret): each page gets its own TURN credentials, renewed\n"
           "                   before they expire (default none)\n"
           "  --turn-secret S  the same secret on the command line (visible in ps; prefer the file)\n"
           "  --turn-ttl S     lifetime of those credentials in seconds, " +
           std::to_string(kMinTurnTtl.count()) + "-" + std::to_string(kMaxTurnTtl.count()) + " (default " +
           std::to_string(kDefaultTurnTtl.count()) + " = 6 h)\n"
           "  --turn-username U, --turn-credential C\n"
           "                   static TURN credentials instead, the same for every page\n"
           "  --log-level L    debug, info, warn or error; logs go to stderr (default " +
           std::string(log_level_name(defaults.log_level)) + ")\n"
           "  --http-redirect-port N  also listen on plain HTTP port N, redirecting to HTTPS (default off)\n"
           "  --help           show this help and exit\n" +
           limits_usage(defaults);
}

}  // namespace p2p::relay
