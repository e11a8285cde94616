// The echo server's listening socket: accepts forever, one EchoSession per connection.
#pragma once

#include <memory>

#include "bench/baselines/beast_echo/echo_session.hpp"

namespace p2p::echo {

// Binds in the constructor (errors surface before "listening on" is printed), like the relay's.
class EchoListener : public std::enable_shared_from_this<EchoListener> {
public:
    EchoListener(net::io_context& io, ssl::context& tls, const tcp::endpoint& endpoint);
    void run();
    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

private:
    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);

    net::io_context& io_;
    ssl::context& tls_;
    tcp::acceptor acceptor_;
};

}  // namespace p2p::echo
