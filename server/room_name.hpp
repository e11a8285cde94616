// Which room a WebSocket upgrade asks for, judged by the shared room-name rule.
#pragma once

#include <string>
#include <string_view>

namespace p2p::relay {

// The room named by a request target's ?room= (percent-decoded), or kDefaultRoom if absent, and
// the optional ?peer= reconnect token.
struct RoomChoice {
    std::string room;
    std::string error;  // non-empty when the name is unacceptable; says why
    std::string peer_token = {};  // ?peer=, "" when absent: lets a page replace its own dead connection
    bool ok() const { return error.empty(); }
};
RoomChoice room_from_target(std::string_view target);

}  // namespace p2p::relay
