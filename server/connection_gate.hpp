// The thread-safe front of ConnectionLimiter: the listener asks it for a slot per accepted socket.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "server/connection_limiter.hpp"

namespace p2p::relay {

class ConnectionSlot;
class Metrics;

// Hands out ConnectionSlots, which give themselves back when the connection's last owner ends.
class ConnectionGate : public std::enable_shared_from_this<ConnectionGate> {
public:
    // `metrics` must outlive the gate and every slot.
    ConnectionGate(std::size_t max_total, std::size_t max_per_ip, Metrics& metrics)
        : limiter_(max_total, max_per_ip), metrics_(metrics) {}

    // A slot for a connection from `ip` (outcome admitted), or none when a cap refuses it.
    struct Entry {
        ConnectionLimiter::Outcome outcome;
        std::shared_ptr<ConnectionSlot> slot;
    };
    Entry enter(const std::string& ip);

    // Called by ~ConnectionSlot.
    void leave(const std::string& ip);

private:
    std::mutex mutex_;
    ConnectionLimiter limiter_;
    Metrics& metrics_;
};

}  // namespace p2p::relay
