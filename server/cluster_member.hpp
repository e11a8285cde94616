// One seat in a room as Redis stores it: "relayId/peerId/token", readable by the Lua scripts too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/room_registry.hpp"

namespace p2p::relay {

// Which relay holds the seat, that relay's id for the peer, and the page's reconnect token.
struct ClusterMember {
    std::string relay;  // the owning relay's random id (hex, no '/')
    PeerId peer = 0;
    std::string token;  // "" when the page sent none; tokens never contain '/'
    bool operator==(const ClusterMember&) const = default;

    std::string text() const;
};

// The member written by ClusterMember::text(), or nullopt if `text` is not one.
std::optional<ClusterMember> parse_cluster_member(std::string_view text);

}  // namespace p2p::relay
