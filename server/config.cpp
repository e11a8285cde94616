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

std::string set_port(Config& config, std::string_view value) {
    auto port = parse_number<unsigned>(value, 0, 65535);
    if (!port) return "--port: '" + std::string(value) + "' is not a port number (0-65535)";
    config.port = static_cast<std::uint16_t>(*port);
    return {};
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

const std::map<std::string_view, Setter>& setters() {
    static const std::map<std::string_view, Setter> table = {
        {"--address", set_address},
        {"--port", set_port},
        {"--cert", set_path(&Config::cert_file)},
        {"--key", set_path(&Config::key_file)},
        {"--web-root", set_path(&Config::web_root)},
        {"--state-dir", set_path(&Config::state_dir)},
        {"--threads", set_threads},
    };
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
    return out;
}

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
           "  --help           show this help and exit\n";
}

}  // namespace p2p::relay
