// What relays publish to each other's Redis channel: a one-line header naming the kind and the
// target peer, then the body. A forwarded message's body is the page's bytes, never re-serialised.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/room_registry.hpp"

namespace p2p::relay {

// The header's first character; the Lua scripts in cluster_scripts.cpp write the same letters.
enum class FrameKind : char {
    message = 'm',      // body: a page's message for the target
    joined = 'j',       // body: the members already in the room, '\n'-separated (target admitted)
    peer_joined = '+',  // body: the member who joined the target's room
    peer_left = '-',    // body: the member who left the target's room
    replaced = 'r',     // body: empty; the same page took the target's seat from elsewhere
    peer_away = 'a',    // body: the member whose socket died; its seat is held for its return
};

// One parsed frame; `body` points into the text it was parsed from.
struct ClusterFrame {
    FrameKind kind = FrameKind::message;
    PeerId target = 0;
    std::string_view body;
};

// "<kind> <target>\n<body>"
std::string encode_frame(FrameKind kind, PeerId target, std::string_view body);

// The frame in `text`, or nullopt if it is malformed (unknown kind, bad peer id, no header line).
std::optional<ClusterFrame> parse_frame(std::string_view text);

}  // namespace p2p::relay
