// This relay's own peers when rooms live in Redis: their seats, who shares their room (as the
// relay's channel reported it, in order), and what they sent before Redis admitted them.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/cluster_member.hpp"
#include "server/room_registry.hpp"

namespace p2p::relay {

// Plain bookkeeping with no I/O and no locking (ClusterState locks), so the rules are unit-tested.
class ClusterRoster {
public:
    // `max_held`: messages a peer may send before its "joined" arrives; more are dropped.
    ClusterRoster(std::string relay_id, std::size_t max_held);

    struct Seat {
        std::string room;
        ClusterMember self;
        bool admitted = false;  // Redis gave it the seat ("joined" came through the channel)
        std::vector<ClusterMember> others;  // the rest of the room, on any relay
        std::vector<std::string> others_away;  // those of `others` whose sockets died (member texts)
        // Our page's socket died and its seat waits for it (the resume window): no session.
        bool away = false;
        std::vector<std::shared_ptr<const std::string>> held;  // sent before admission
    };

    // A new peer asking for a seat in `room`; it waits for admit().
    PeerId add(const std::string& room, const std::string& token);
    // Forgets `peer`; its seat, or nullopt if unknown.
    std::optional<Seat> remove(PeerId peer);
    const Seat* find(PeerId peer) const;

    // "joined": the peer has its seat next to `others`. Returns the messages it sent meanwhile,
    // to forward now; nullopt for an unknown or already admitted peer.
    std::optional<std::vector<std::shared_ptr<const std::string>>> admit(PeerId peer,
                                                                         std::vector<ClusterMember> others);
    // "peer_joined" / "peer_left" for an admitted peer; false when there is nothing to tell it
    // (unknown or unadmitted peer, a member it already has, or one it never had).
    // A member with the same page token as one already known is that page come back: it takes
    // the old member's place.
    bool add_other(PeerId peer, ClusterMember other);
    bool remove_other(PeerId peer, std::string_view other_text);
    // "peer_away": false when there is nothing to tell (unknown other, or known to be away).
    bool other_away(PeerId peer, std::string_view other_text);

    // Our admitted peer's socket died: its seat waits for the page (which has a token to come
    // back with). False when it cannot: unknown, not admitted, no token, or away already.
    bool set_away(PeerId peer);

    // Keeps a message sent before admission; false (dropped) once `max_held` are waiting or
    // when the peer is unknown or already admitted.
    bool hold(PeerId peer, std::shared_ptr<const std::string> text);

    // One admitted seat to keep alive in Redis.
    struct Lease {
        PeerId peer = 0;
        std::string room;
        std::string member;
    };
    std::vector<Lease> leases() const;
    std::vector<PeerId> peers() const;

    bool has_room(const std::string& room) const { return rooms_.contains(room); }
    std::size_t room_count() const { return rooms_.size(); }  // rooms with a peer of ours
    std::size_t peer_count() const { return seats_.size(); }
    const std::string& relay_id() const { return relay_id_; }

private:
    Seat* admitted_seat(PeerId peer);
    // `peer`'s admitted seat if its room has the member `other_text` (then at `known`), else null.
    Seat* seat_knowing(PeerId peer, std::string_view other_text, std::vector<ClusterMember>::iterator& known);

    std::string relay_id_;
    std::size_t max_held_;
    PeerId next_peer_ = 1;
    std::unordered_map<PeerId, Seat> seats_;
    std::map<std::string, std::size_t, std::less<>> rooms_;  // room -> our peers in it
};

}  // namespace p2p::relay
