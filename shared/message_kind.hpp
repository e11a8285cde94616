// Each message type as a small enum with its wire name: the one table type_name(),
// is_peer_message(), decode() and check_page_message() all read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "shared/messages.hpp"

namespace p2p {

// In the order of Message's alternatives, so a Message's kind is its variant index.
enum class MessageKind : std::uint8_t {
    offer,
    answer,
    offer_ice,
    answer_ice,
    hangup,
    ready,
    restart,
    ping,
    joined,
    ice_servers,
    peer_joined,
    peer_left,
    error,
    pong,
    peer_away,
};

inline constexpr std::array<std::string_view, 15> kMessageKindNames = {
    "offer", "answer",      "offer_ice",   "answer_ice", "hangup", "ready", "restart", "ping",
    "joined", "ice_servers", "peer_joined", "peer_left", "error", "pong", "peer_away"};
static_assert(kMessageKindNames.size() == std::variant_size_v<Message>, "one name per Message alternative");

inline MessageKind kind_of(const Message& message) { return static_cast<MessageKind>(message.index()); }

inline std::string_view kind_name(MessageKind kind) { return kMessageKindNames[static_cast<std::size_t>(kind)]; }

// Messages a page sends its peer (the relay forwards them).
inline bool is_peer_kind(MessageKind kind) { return kind <= MessageKind::restart; }
// Messages a page may send at all: those for its peer, and Ping for the relay. The rest only the
// relay sends.
inline bool is_page_kind(MessageKind kind) { return kind <= MessageKind::ping; }

}  // namespace p2p
