// What one call page needs to know before it starts; every field has a working default.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "shared/limits.hpp"
#include "shared/messages.hpp"
#include "wasm/log_text.hpp"
#include "wasm/role.hpp"

namespace p2p::client {

struct CallConfig {
    Role role = Role::Offer;
    std::string room = kDefaultRoom;
    Lang lang = Lang::Zh;
    // ?ice=relay: only TURN relay candidates (iceTransportPolicy "relay"), to check a TURN set-up.
    bool relay_only = false;
    // Seeds the reconnect jitter (the page passes a random value; tests a fixed one).
    std::uint32_t seed = 1;
    // Names this page load's call sessions ("<page_id>-<n>"). Random per load (the page makes 8
    // letters and digits), so a reloaded page never reuses a session id of its previous load.
    std::string page_id = "page";
    // The sessions this tab's last hang-up named before a reload (RememberHangup), said again at
    // the next meeting.
    std::vector<std::string> hung_up_before = {};
    // Remote candidates held while no remote description is set; a peer that sends more is broken.
    std::size_t max_queued_candidates = 256;
};

}  // namespace p2p::client
