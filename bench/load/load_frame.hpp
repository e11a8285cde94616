// The message every load run sends: a 1 KiB offer_ice (offer side) or answer_ice (answer side) in
// the seed's shape, encoded once by the shared codec and re-stamped in place for each send, so the
// relay, the echo floor and the Node baseline all receive byte-for-byte the same traffic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bench/load/sequenced_message.hpp"

namespace p2p::load {

// One sender's template; the stamp ("... p2p-load room R seq S sent T", as sequenced_message.hpp
// writes it, with S and T zero-padded to a fixed width) sits at the end of the candidate string.
class LoadFrame {
public:
    // What a receiver reads back: who sent it, which one, and the sender's steady clock in ns.
    struct Stamp {
        SequenceStamp sender;  // sender.sent_us is unused; see sent_ns
        std::int64_t sent_ns = 0;
    };

    static constexpr std::size_t kDefaultBytes = 1024;

    // Throws std::invalid_argument when `bytes` is too small to hold the message without padding.
    LoadFrame(std::uint32_t room, std::uint32_t side, std::size_t bytes = kDefaultBytes);

    // The template with this sequence number and send time written in; valid until the next call.
    const std::string& stamped(std::uint64_t sequence, std::int64_t sent_ns);

    // Reads a frame without a full JSON parse (the client must stay cheaper than the servers it
    // measures); nullopt when `text` is not a load frame.
    static std::optional<Stamp> read(std::string_view text);

private:
    std::string text_;
    std::size_t sequence_at_ = 0;
    std::size_t sent_at_ = 0;
};

}  // namespace p2p::load
