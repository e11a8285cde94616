#include "server/redirect_location.hpp"

#include <algorithm>
#include <cctype>

namespace p2p::relay {
namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

bool is_ipv6_char(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
}

// The host part of a Host header, without any ":port".
std::optional<std::string_view> host_name(std::string_view host) {
    if (host.starts_with('[')) {
        auto close = host.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        std::string_view inside = host.substr(1, close - 1);
        if (inside.empty() || !std::all_of(inside.begin(), inside.end(), is_ipv6_char)) return std::nullopt;
        return host.substr(0, close + 1);
    }
    std::string_view name = host.substr(0, host.find(':'));
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_char)) return std::nullopt;
    return name;
}

}  // namespace

std::optional<std::string> redirect_location(std::string_view host, std::uint16_t https_port,
                                             std::string_view target) {
    auto name = host_name(host);
    if (!name || !target.starts_with('/')) return std::nullopt;
    return "https://" + std::string(*name) + ":" + std::to_string(https_port) + std::string(target);
}

}  // namespace p2p::relay
