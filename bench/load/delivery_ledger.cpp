#include "bench/load/delivery_ledger.hpp"

namespace p2p::load {

void DeliveryLedger::record(const SequenceStamp& stamp) {
    if (stamp.room != room_ || stamp.side != sender_side_) {
        ++misrouted_;
        return;
    }
    if (stamp.sequence < next_) {
        ++duplicated_;
        return;
    }
    if (stamp.sequence == next_) ++in_order_;
    else skipped_ += stamp.sequence - next_;
    next_ = stamp.sequence + 1;
}

}  // namespace p2p::load
