// The whole relay process: certificate, TLS context, listener, worker threads and signals.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "server/config.hpp"
#include "server/credential_renewer.hpp"
#include "server/net_types.hpp"

namespace p2p::relay {

class Listener;
class SharedState;

// Sets up everything in the constructor (throws std::exception with a readable message), then
// serves in run() until SIGINT or SIGTERM.
class Relay {
public:
    explicit Relay(Config config);
    ~Relay();

    tcp::endpoint local_endpoint() const;
    // Blocks until a stop signal; returns after WebSockets were asked to close with 1001.
    void run();

private:
    void on_stop_signal();
    std::shared_ptr<Listener> make_https_listener();
    std::shared_ptr<Listener> make_redirect_listener();
    void wait_for_sessions(std::chrono::steady_clock::time_point deadline);
    // --redis: runs the loop until Redis answers; throws (refusing to start) when it does not.
    void connect_to_redis();

    Config config_;
    net::io_context io_;
    ssl::context tls_;
    std::shared_ptr<SharedState> state_;
    std::shared_ptr<Listener> listener_;
    std::shared_ptr<Listener> redirect_listener_;  // only with --http-redirect-port
    net::signal_set signals_;
    net::steady_timer grace_timer_;
    CredentialRenewer renewer_;  // only ticks with --turn-secret
};

}  // namespace p2p::relay
