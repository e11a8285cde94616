#include "server/redis_url.hpp"

#include <charconv>

namespace p2p::relay {
namespace {

constexpr std::string_view kScheme = "redis://";
// Redis' default configuration has 16 databases; larger servers are configured for more.
constexpr unsigned kMaxDb = 1'000'000;

template <typename Number>
bool read_number(std::string_view text, Number min, Number max, Number& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty() && out >= min && out <= max;
}

// "user:password" or ":password" or "password" before the '@'.
void read_credentials(std::string_view userinfo, RedisUrl& out) {
    auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) {
        out.password = userinfo;
        return;
    }
    out.user = userinfo.substr(0, colon);
    out.password = userinfo.substr(colon + 1);
}

// "host", "host:port", "[v6]" or "[v6]:port" into `out`; the error or "".
std::string read_host_port(std::string_view authority, RedisUrl& out) {
    std::string_view port;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return "unclosed '[' in the host";
        out.host = authority.substr(1, close - 1);
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) return "unexpected text after ']'";
        if (!rest.empty()) port = rest.substr(1);
        if (rest == ":") return "empty port";
    } else {
        auto colon = authority.rfind(':');
        out.host = authority.substr(0, colon);
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            if (port.empty()) return "empty port";
        }
    }
    if (out.host.empty()) return "no host";
    if (!port.empty() && !read_number<std::uint16_t>(port, 1, 65535, out.port)) {
        return "port must be 1-65535";
    }
    return {};
}

}  // namespace

std::string RedisUrl::redacted() const {
    std::string text(kScheme);
    if (!password.empty()) text += user + ":***@";
    text += host.find(':') == std::string::npos ? host : "[" + host + "]";
    return text + ":" + std::to_string(port) + "/" + std::to_string(db);
}

std::string parse_redis_url(std::string_view text, RedisUrl& out) {
    auto fail = [text](std::string_view why) {
        return "--redis: '" + std::string(text) + "' " + std::string(why) + " (expected redis://[:password@]host[:port][/db])";
    };
    if (!text.starts_with(kScheme)) return fail("does not start with redis://");
    RedisUrl url;
    std::string_view rest = text.substr(kScheme.size());
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        if (!read_number<unsigned>(rest.substr(slash + 1), 0, kMaxDb, url.db)) return fail("has a bad database number");
        rest = rest.substr(0, slash);
    }
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        read_credentials(rest.substr(0, at), url);
        rest = rest.substr(at + 1);
    }
    if (std::string problem = read_host_port(rest, url); !problem.empty()) return fail(problem);
    out = std::move(url);
    return {};
}

}  // namespace p2p::relay
