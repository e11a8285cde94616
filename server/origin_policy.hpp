// Pure check of a WebSocket upgrade's Origin header, the browser's defence against other sites
// opening signalling connections in a visitor's name (cross-site WebSocket hijacking).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace p2p::relay {

// True when `origin` may open a WebSocket: no Origin at all (not a browser), the relay's own
// origin (https:// plus the request's Host), or one of `allowed` (exact, case-insensitive,
// default port and trailing slash ignored).
bool origin_allowed(std::string_view origin, std::string_view host,
                    const std::vector<std::string>& allowed);

}  // namespace p2p::relay
