// Session ids as one string, for the tab's sessionStorage (RememberHangup): space-separated,
// since a session id is 1-64 of [A-Za-z0-9_.-] and never holds a space.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace p2p::client {

inline std::string join_session_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
    return out;
}

// The ids of a joined string; empty pieces (doubled or edge spaces) are skipped.
inline std::vector<std::string> split_session_ids(const std::string& text) {
    std::vector<std::string> ids;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = std::min(text.find(' ', at), text.size());
        if (end > at) ids.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return ids;
}

}  // namespace p2p::client
