#include "bench/baselines/beast_echo/echo_listener.hpp"

namespace p2p::echo {

EchoListener::EchoListener(net::io_context& io, ssl::context& tls, const tcp::endpoint& endpoint)
    : io_(io), tls_(tls), acceptor_(net::make_strand(io)) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

void EchoListener::run() {
    net::dispatch(acceptor_.get_executor(), beast::bind_front_handler(&EchoListener::do_accept, shared_from_this()));
}

void EchoListener::do_accept() {
    // A strand per connection, as the relay has, so the comparison includes that cost too.
    acceptor_.async_accept(net::make_strand(io_), beast::bind_front_handler(&EchoListener::on_accept, shared_from_this()));
}

void EchoListener::on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);  // as our relay and Node do
        std::make_shared<EchoSession>(std::move(socket), tls_)->run();
    }
    do_accept();
}

}  // namespace p2p::echo
