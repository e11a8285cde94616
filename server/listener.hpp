// Accepts TCP connections, counts each against the connection caps, and starts a session for it
// on its own strand.
#pragma once

#include <functional>
#include <memory>

#include "server/net_types.hpp"

namespace p2p::relay {

class ConnectionSlot;
class SharedState;

// The listening socket; binding happens in the constructor so errors surface before start-up.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    // Starts the session for an accepted, admitted connection (HTTPS or the redirect port).
    using StartSession = std::function<void(tcp::socket&&, std::shared_ptr<ConnectionSlot>)>;

    // Throws boost::system::system_error when the endpoint cannot be bound.
    Listener(net::io_context& io, const tcp::endpoint& endpoint, std::shared_ptr<SharedState> state,
             StartSession start);

    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
    void run();
    // Stops accepting; callable from any thread.
    void stop();

private:
    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);
    // Counts the connection against the caps and starts its session (or drops it).
    void start_session(tcp::socket socket);

    net::io_context& io_;
    tcp::acceptor acceptor_;
    std::shared_ptr<SharedState> state_;
    StartSession start_;
};

}  // namespace p2p::relay
