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

// How a page's connection ended: closed (its side ended it: a close frame, a FIN or a reset, as
// when a tab closes or reloads; or the relay refused it), or lost (its packets stopped coming: it
// was dropped as silent or as not reading, TCP timed out, or the page closed it with
// close_code::kReconnecting). A lost page's seat is held for the resume window.
enum class Departure { closed, lost };

// Rooms of at most `capacity` seats, keyed by name; a room exists only while a seat is taken.
// A seat is either present (its page is connected) or held: its page's socket went silent and
// the page, known by its token, may come back for it (the resume window is the
// caller's timer, which ends a held seat with leave()).
class RoomRegistry {
public:
    explicit RoomRegistry(std::size_t capacity = kPeersPerRoom) : capacity_(capacity) {}

    struct Admission {
        PeerId peer = 0;
        std::size_t peers_in_room = 0;  // present peers, the new one included
        std::vector<PeerId> others;     // present peers already there, to be told someone joined
        std::size_t held = 0;           // seats held for absent peers, for the newcomer to know
        // The same page's previous seat, taken over: held since its socket died, or still present
        // because its connection died silently (no FIN, no RST) and nobody noticed yet. A page must
        // never be locked out by its own ghost.
        std::optional<PeerId> replaced;
        bool replaced_was_present = false;
    };
    // Adds a new peer to `room`, or nullopt when the room is full. A page whose non-empty `token`
    // matches a seat's takes that seat over (Admission::replaced), full room or not.
    std::optional<Admission> join(std::string_view room, std::string_view token = {});

    // The peer's socket went silent: its seat is held for its return, when it has a token to
    // come back with. Returns the present others (to be told it is away), or nullopt when
    // the seat cannot be held (no token, unknown or already held peer): leave() it instead.
    std::optional<std::vector<PeerId>> hold(PeerId peer);
    bool is_held(PeerId peer) const;

    // Frees `peer`'s seat, present or held (unknown ids are ignored), and returns the present
    // peers still in its room, to be told.
    std::vector<PeerId> leave(PeerId peer);

    // The other present peers in `peer`'s room (empty if alone or unknown).
    std::vector<PeerId> others_in_room(PeerId peer) const;

    bool contains(std::string_view room) const { return members_.contains(std::string(room)); }
    std::size_t room_count() const { return members_.size(); }
    std::size_t peer_count() const { return seats_.size(); }  // held seats included

private:
    struct Seat {
        std::string room;
        std::string token;
        bool held = false;
    };
    // The member of `members` holding `token`, if any.
    std::optional<PeerId> holder_of(const std::vector<PeerId>& members, std::string_view token) const;
    // `members` without `except` and without held seats.
    std::vector<PeerId> present(const std::vector<PeerId>& members, PeerId except) const;

    std::size_t capacity_;
    PeerId next_peer_ = 1;
    std::unordered_map<std::string, std::vector<PeerId>> members_;
    std::unordered_map<PeerId, Seat> seats_;
};

}  // namespace p2p::relay
