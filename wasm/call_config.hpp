// What one call page needs to know before it starts; every field has a working default.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "shared/limits.hpp"
#include "wasm/role.hpp"

namespace p2p::client {

struct CallConfig {
    Role role = Role::Offer;
    std::string room = kDefaultRoom;
    // STUN/TURN URLs for RTCPeerConnection; empty is enough on a LAN or loopback.
    std::vector<std::string> ice_servers;
    // Remote candidates held while no remote description is set; a peer that sends more is broken.
    std::size_t max_queued_candidates = 256;
};

}  // namespace p2p::client
