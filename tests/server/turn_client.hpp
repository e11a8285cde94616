// A minimal TURN client over UDP on loopback: enough to ask a TURN server for an allocation
// with given credentials and see whether it accepts them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tests/server/stun_message.hpp"

namespace p2p::relay::testing {

// What the server said to an authenticated Allocate.
struct AllocateOutcome {
    bool allocated = false;
    int error_code = 0;  // e.g. 401 when the credentials were refused; 0 on success or no answer
    std::string detail;  // for failure messages
};

// One UDP socket to 127.0.0.1:port; each exchange waits at most `timeout` per try, three tries.
class TurnClient {
public:
    explicit TurnClient(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::milliseconds(500));
    ~TurnClient();
    TurnClient(const TurnClient&) = delete;
    TurnClient& operator=(const TurnClient&) = delete;

    // True when a STUN Binding request is answered (the server is up).
    bool binding_answered();
    // Allocate (RFC 5766): the unauthenticated try for the realm and nonce, then the real one.
    AllocateOutcome allocate(std::string_view username, std::string_view password);

private:
    // Sends `request` and returns the response with the same transaction id, if one comes.
    std::optional<StunMessage> exchange(const StunMessage& request, std::string_view integrity_key = {});

    int fd_ = -1;
    std::chrono::milliseconds timeout_;
};

}  // namespace p2p::relay::testing
