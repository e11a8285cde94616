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
    ConnectionGate(ConnectionLimiter::Caps caps, Metrics& metrics) : limiter_(caps), metrics_(metrics) {}

    // A slot for a connection from `ip` (outcome admitted), or none when a cap refuses it.
    struct Entry {
        ConnectionLimiter::Outcome outcome;
        std::shared_ptr<ConnectionSlot> slot;
    };
    Entry enter(const std::string& ip);

    // Called by ConnectionSlot::handshake_done and ~ConnectionSlot.
    void handshake_done(const std::string& ip);
    void leave(const std::string& ip, bool in_handshake);

private:
    std::mutex mutex_;
    ConnectionLimiter limiter_;
    Metrics& metrics_;
};

}  // namespace p2p::relay
