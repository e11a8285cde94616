// Every protocol limit in one place: the relay and the browser client enforce the same numbers.
#pragma once

#include <cstddef>

namespace p2p {

// Size and shape limits applied to every signalling message before it is parsed or relayed.
struct ProtocolLimits {
    // A full offer SDP with audio, video and a data channel is 5-8 KB; 64 KiB leaves ample room.
    std::size_t max_message_bytes = 64 * 1024;
    // Our deepest message is 2 levels (message -> iceCandidate); anything far deeper is an attack.
    std::size_t max_json_depth = 8;
};

inline constexpr std::size_t kMaxRoomNameBytes = 64;
// A peer message's "session": 1-64 of [A-Za-z0-9_.-] (our pages send "<page id>-<n>", ~12 bytes).
inline constexpr std::size_t kMaxSessionIdBytes = 64;
inline constexpr std::size_t kPeersPerRoom = 2;
// A chat line on the call's data channel (peer to peer; wasm/data_message.hpp): longer ones are cut
// by the sender and refused by the receiver, whichever build of the page each side runs.
inline constexpr std::size_t kMaxChatBytes = 2000;
inline constexpr const char* kDefaultRoom = "default";

}  // namespace p2p
