// What differs between the servers p2p-load measures: the URL a connection opens, whether the
// server announces pairing, and which connection receives what another one sends.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace p2p::load {

// relay: our relay (/ws?room=R, replies joined then peer_joined, forwards to the room's other
// peer). echo: the bare Beast echo floor (each connection gets its own messages back). node: the
// express-ws baseline (/?room=R, silent on join, forwards to the room's other clients).
// node-seed: the same server exactly as the seed demo uses it (/, no rooms): every message goes
// to every other client, so each connection also receives the other rooms' frames and drops them.
class LoadTarget {
public:
    enum class Kind { relay, echo, node, node_seed };

    explicit LoadTarget(Kind kind) : kind_(kind) {}
    static std::optional<LoadTarget> parse(std::string_view name);

    Kind kind() const { return kind_; }
    std::string_view name() const;
    // The request target connection `index` upgrades at; room r holds connections 2r and 2r+1.
    std::string path_for(std::size_t index, std::string_view room_prefix) const;
    // True when a connection counts as ready only after the server said its room is paired.
    bool announces_pairing() const { return kind_ == Kind::relay; }
    // The connection that receives what connection `sender` sends.
    std::size_t receiver_of(std::size_t sender) const { return kind_ == Kind::echo ? sender : sender ^ 1; }
    // True when connections also receive frames meant for other rooms (to be dropped, not faults).
    bool broadcasts() const { return kind_ == Kind::node_seed; }

private:
    Kind kind_;
};

}  // namespace p2p::load
