// Signalling messages that carry their own delivery stamp, so a receiver can tell lost, duplicated,
// reordered and misrouted messages apart and measure latency without any side channel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "shared/messages.hpp"

namespace p2p::load {

// Who sent a message, which one it was, and when (microseconds on the sender's steady clock).
struct SequenceStamp {
    std::uint32_t room = 0;
    std::uint32_t side = 0;  // 0 = the offer side (sends offer_ice), 1 = the answer side (answer_ice)
    std::uint64_t sequence = 0;
    std::int64_t sent_us = 0;
    bool operator==(const SequenceStamp&) const = default;
};

// An offer_ice (side 0) or answer_ice (side 1) in the seed's shape whose candidate string ends
// with the stamp, encoded by the shared codec.
std::string encode_sequenced(const SequenceStamp& stamp);

// The stamp inside an offer_ice/answer_ice made by encode_sequenced(), or nullopt for any other
// message. The side comes from the message type, so a type swapped in transit is caught as well.
std::optional<SequenceStamp> read_sequenced(const Message& message);

}  // namespace p2p::load
