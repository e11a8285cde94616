// What travels on the call's own RTCDataChannel (peer to peer, never through the relay): chat
// lines and the sender's mic/camera state. One letter of kind, then the payload.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/limits.hpp"

namespace p2p::client {

struct DataMessage {
    enum class Kind { Chat, Mic, Camera };
    Kind kind = Kind::Chat;
    std::string text;  // chat only
    bool on = false;   // mic/camera only
};

// A chat line is at most kMaxChatBytes (shared/limits.hpp), as both pages agree.
std::string encode_data(const DataMessage& message);
// nullopt for anything else (an unknown kind from a newer page is ignored, not an error).
std::optional<DataMessage> decode_data(std::string_view text);

}  // namespace p2p::client
