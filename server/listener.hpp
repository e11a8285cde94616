// Accepts TCP connections and starts an HttpSession for each on its own strand.
#pragma once

#include <memory>

#include "server/net_types.hpp"

namespace p2p::relay {

class SharedState;

// The listening socket; binding happens in the constructor so errors surface before start-up.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    // Throws boost::system::system_error when the endpoint cannot be bound.
    Listener(net::io_context& io, ssl::context& tls, const tcp::endpoint& endpoint,
             std::shared_ptr<SharedState> state);

    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
    void run();
    // Stops accepting; callable from any thread.
    void stop();

private:
    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);

    net::io_context& io_;
    ssl::context& tls_;
    tcp::acceptor acceptor_;
    std::shared_ptr<SharedState> state_;
};

}  // namespace p2p::relay
