// The room-name rule both the relay (on upgrade) and the page (before connecting) apply.
#pragma once

#include <algorithm>
#include <string_view>

#include "shared/limits.hpp"

namespace p2p {

// 1..kMaxRoomNameBytes bytes of [A-Za-z0-9_-]: safe in URLs, logs and file names alike.
inline bool is_valid_room_name(std::string_view name) {
    auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    };
    return !name.empty() && name.size() <= kMaxRoomNameBytes &&
           std::all_of(name.begin(), name.end(), allowed);
}

// A page's reconnect token (?peer=): 16..64 bytes of the same safe alphabet. The page makes one
// at random per load and sends it on every (re)connect, so the relay can tell a returning page
// from a stranger.
inline bool is_valid_peer_token(std::string_view token) {
    return token.size() >= 16 && is_valid_room_name(token);
}

}  // namespace p2p
