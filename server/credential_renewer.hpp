// Wakes up every SharedState::renewal_interval() and has the pages' TURN credentials renewed.
#pragma once

#include <chrono>
#include <memory>

#include "server/net_types.hpp"

namespace p2p::relay {

class SharedState;

// A repeating timer on its own strand of the relay's io_context (the stop signal may arrive on
// another thread); does nothing when credentials are static.
class CredentialRenewer {
public:
    CredentialRenewer(net::io_context& io, std::shared_ptr<SharedState> state);

    void start();
    void stop();

private:
    void schedule();

    net::steady_timer timer_;
    std::shared_ptr<SharedState> state_;
    bool running_ = false;
};

}  // namespace p2p::relay
