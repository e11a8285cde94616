// Who is in which room: plain bookkeeping with no sockets, so the rules are unit-testable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shared/limits.hpp"

namespace p2p::relay {

// Opaque handle for one connected peer; never reused within a registry.
using PeerId = std::uint64_t;

// Rooms of at most `capacity` peers, keyed by name; a room exists only while someone is in it.
class RoomRegistry {
public:
    explicit RoomRegistry(std::size_t capacity = kPeersPerRoom) : capacity_(capacity) {}

    struct Admission {
        PeerId peer = 0;
        std::size_t peers_in_room = 0;  // the new peer included
        std::vector<PeerId> others;     // who was already there, to be told someone joined
        // The same page's previous connection, removed to make room: a tab whose old connection
        // died silently (no FIN, no RST) must not be locked out by its own ghost.
        std::optional<PeerId> replaced;
    };
    // Adds a new peer to `room`, or nullopt when the room is full. A full room still admits a peer
    // whose non-empty `token` matches a member's; that member is removed (Admission::replaced).
    std::optional<Admission> join(std::string_view room, std::string_view token = {});

    // Removes `peer` (unknown ids are ignored) and returns who is still in its room, to be told.
    std::vector<PeerId> leave(PeerId peer);

    // The other peers in `peer`'s room (empty if alone or unknown).
    std::vector<PeerId> others_in_room(PeerId peer) const;

    bool contains(std::string_view room) const { return members_.contains(std::string(room)); }
    std::size_t room_count() const { return members_.size(); }
    std::size_t peer_count() const { return room_of_.size(); }

private:
    std::size_t capacity_;
    PeerId next_peer_ = 1;
    std::unordered_map<std::string, std::vector<PeerId>> members_;
    struct Seat {
        std::string room;
        std::string token;
    };
    // The member of `members` holding `token`, if any.
    std::optional<PeerId> holder_of(const std::vector<PeerId>& members, std::string_view token) const;

    std::unordered_map<PeerId, Seat> room_of_;
};

}  // namespace p2p::relay
