// One counted connection; passed from the HTTP session to the WebSocket session that takes over.
#pragma once

#include <memory>
#include <string>

#include "server/connection_limiter.hpp"

namespace p2p::relay {

class ConnectionGate;

// Gives its place back to the gate when destroyed, however the connection ended.
class ConnectionSlot {
public:
    ConnectionSlot(std::shared_ptr<ConnectionGate> gate, std::string ip, ConnectionLimiter::Outcome outcome)
        : gate_(std::move(gate)), ip_(std::move(ip)), outcome_(outcome) {}
    ~ConnectionSlot();
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;

    // True when this client already has its share of connections: answer 429 and close.
    bool over_per_ip() const { return outcome_ == ConnectionLimiter::Outcome::over_per_ip; }
    const std::string& ip() const { return ip_; }

private:
    std::shared_ptr<ConnectionGate> gate_;
    std::string ip_;
    ConnectionLimiter::Outcome outcome_;
};

}  // namespace p2p::relay
