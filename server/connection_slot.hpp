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
    ConnectionSlot(std::shared_ptr<ConnectionGate> gate, std::string ip)
        : gate_(std::move(gate)), ip_(std::move(ip)) {}
    ~ConnectionSlot();
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;

    const std::string& ip() const { return ip_; }
    // The TLS handshake is over (or there is none): the connection no longer counts as one in its
    // handshake. Once; from the connection's strand.
    void handshake_done();

private:
    std::shared_ptr<ConnectionGate> gate_;
    std::string ip_;
    bool in_handshake_ = true;
};

}  // namespace p2p::relay
