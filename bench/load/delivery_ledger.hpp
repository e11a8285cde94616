// What one connection received from its room's other peer, judged message by message.
#pragma once

#include <cstdint>

#include "bench/load/sequenced_message.hpp"

namespace p2p::load {

// Expects stamps from exactly one sender (room, side) numbered 0, 1, 2, ... and classifies each
// arrival; after the run, expected() must equal what that sender sent.
class DeliveryLedger {
public:
    DeliveryLedger(std::uint32_t room, std::uint32_t sender_side) : room_(room), sender_side_(sender_side) {}

    void record(const SequenceStamp& stamp);

    std::uint64_t in_order() const { return in_order_; }
    std::uint64_t skipped() const { return skipped_; }        // sequence numbers jumped over
    std::uint64_t duplicated() const { return duplicated_; }  // at or below one already seen
    std::uint64_t misrouted() const { return misrouted_; }    // from another room or our own side
    std::uint64_t expected() const { return next_; }          // the next sequence number due

private:
    std::uint32_t room_;
    std::uint32_t sender_side_;
    std::uint64_t next_ = 0;
    std::uint64_t in_order_ = 0;
    std::uint64_t skipped_ = 0;
    std::uint64_t duplicated_ = 0;
    std::uint64_t misrouted_ = 0;
};

}  // namespace p2p::load
