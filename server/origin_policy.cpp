#include "server/origin_policy.hpp"

#include <algorithm>
#include <cctype>

namespace p2p::relay {
namespace {

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// "HTTPS://Host:443/" and "https://host" are the same origin.
std::string normalized(std::string_view origin) {
    std::string out = lowercase(origin);
    if (out.ends_with('/')) out.pop_back();
    if (out.starts_with("https://") && out.ends_with(":443")) out.resize(out.size() - 4);
    return out;
}

}  // namespace

bool origin_allowed(std::string_view origin, std::string_view host,
                    const std::vector<std::string>& allowed) {
    if (origin.empty()) return true;
    const std::string wanted = normalized(origin);
    if (!host.empty() && wanted == normalized("https://" + std::string(host))) return true;
    return std::any_of(allowed.begin(), allowed.end(),
                       [&](const std::string& entry) { return normalized(entry) == wanted; });
}

}  // namespace p2p::relay
