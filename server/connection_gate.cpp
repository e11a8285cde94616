#include "server/connection_gate.hpp"

#include "server/connection_slot.hpp"
#include "server/free_memory.hpp"
#include "server/metrics.hpp"

#include <utility>

namespace p2p::relay {

ConnectionGate::Entry ConnectionGate::enter(const std::string& ip) {
    ConnectionLimiter::Outcome outcome;
    {
        std::lock_guard lock(mutex_);
        outcome = limiter_.admit(ip);
    }
    if (outcome != ConnectionLimiter::Outcome::admitted) return {outcome, nullptr};
    metrics_.connection_opened();
    return {outcome, std::make_shared<ConnectionSlot>(shared_from_this(), ip)};
}

void ConnectionGate::handshake_done(const std::string& ip) {
    std::lock_guard lock(mutex_);
    limiter_.handshake_done(ip);
}

void ConnectionGate::leave(const std::string& ip, bool in_handshake) {
    bool none_left = false;
    {
        std::lock_guard lock(mutex_);
        limiter_.release(ip, in_handshake);
        none_left = limiter_.total() == 0;
    }
    metrics_.connection_closed();
    // The allocator keeps freed pages; once the last connection is gone (the busy spell is over),
    // give them back so an idle relay returns to its idle size rather than its peak.
    if (none_left) release_free_memory();
}

void ConnectionSlot::handshake_done() {
    if (std::exchange(in_handshake_, false)) gate_->handshake_done(ip_);
}

ConnectionSlot::~ConnectionSlot() { gate_->leave(ip_, in_handshake_); }

}  // namespace p2p::relay
