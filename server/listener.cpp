#include "server/listener.hpp"

#include "server/http_session.hpp"
#include "server/log.hpp"

namespace p2p::relay {

Listener::Listener(net::io_context& io, ssl::context& tls, const tcp::endpoint& endpoint,
                   std::shared_ptr<SharedState> state)
    : io_(io), tls_(tls), acceptor_(net::make_strand(io)), state_(std::move(state)) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::run() {
    net::dispatch(acceptor_.get_executor(),
                  beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
}

void Listener::stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ignored;
        self->acceptor_.close(ignored);
    });
}

void Listener::do_accept() {
    // Each connection gets its own strand, so its handlers never run concurrently.
    acceptor_.async_accept(net::make_strand(io_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
        log_line("accept failed: " + ec.message());
    } else {
        std::make_shared<HttpSession>(std::move(socket), tls_, state_)->run();
    }
    do_accept();
}

}  // namespace p2p::relay
