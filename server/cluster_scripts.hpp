// The Redis commands behind rooms across relays. Membership changes only inside Lua scripts, so a
// join (drop expired seats, take back a token's seat, cap of two, add) is atomic across relays,
// and the scripts PUBLISH the resulting control frames themselves, so every relay's channel
// carries them in the order the room changed.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "server/cluster_roster.hpp"

namespace p2p::relay {

// The sorted set of a room's seats: member "relay/peer/token", score = expiry in Unix ms.
std::string room_key(std::string_view room);
// The channel a relay subscribes to; others publish frames for its peers there.
std::string relay_channel(std::string_view relay_id);

// EVAL join: 1 = admitted ("joined" follows on the channel), 0 = room full.
std::vector<std::string> join_command(const std::string& room, const ClusterMember& member,
                                      std::chrono::milliseconds ttl, std::size_t capacity);
// EVAL away: the seat's socket died; it stays, and the rest of the room hears "peer_away".
std::vector<std::string> away_command(const std::string& room, const std::string& member,
                                      std::chrono::milliseconds ttl);
// EVAL leave: removes the seat and tells the rest of the room "peer_left" (nothing if gone).
std::vector<std::string> leave_command(const std::string& room, const std::string& member,
                                       std::chrono::milliseconds ttl);
// EVAL refresh: extends each lease by `ttl`; an array with 1 per lease still held, 0 per lease
// lost (expired or taken over). Expired seats met on the way are dropped and their rooms told.
std::vector<std::string> refresh_command(const std::vector<ClusterRoster::Lease>& leases,
                                         std::chrono::milliseconds ttl);

}  // namespace p2p::relay
