#include "server/listener.hpp"

#include "server/connection_slot.hpp"
#include "server/log.hpp"
#include "server/shared_state.hpp"

namespace p2p::relay {
namespace {

// What /metrics counts for a connection the gate refused.
Rejection rejection_for(ConnectionLimiter::Outcome outcome) {
    switch (outcome) {
        case ConnectionLimiter::Outcome::over_per_ip: return Rejection::per_ip;
        case ConnectionLimiter::Outcome::over_handshakes: return Rejection::handshakes;
        case ConnectionLimiter::Outcome::over_total:
        case ConnectionLimiter::Outcome::admitted: break;  // admitted never reaches here
    }
    return Rejection::max_connections;
}

}  // namespace

Listener::Listener(net::io_context& io, const tcp::endpoint& endpoint, std::shared_ptr<SharedState> state,
                   StartSession start)
    : io_(io), acceptor_(net::make_strand(io)), state_(std::move(state)), start_(std::move(start)) {
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
        log(LogLevel::warn, "accept failed", {{"error", ec.message()}});
    } else {
        start_session(std::move(socket));
    }
    do_accept();
}

void Listener::start_session(tcp::socket socket) {
    beast::error_code ec;
    const std::string ip = socket.remote_endpoint(ec).address().to_string();
    if (ec) return;  // already gone
    // Signalling is many small writes (an answer, then its candidates at once): with Nagle on, each
    // one after the first waits for the peer's delayed ACK, up to 40 ms a message.
    socket.set_option(tcp::no_delay(true), ec);
    auto [outcome, slot] = state_->gate().enter(ip);
    // Refused here, before TLS: a refusal costs no handshake, so an address that keeps opening
    // connections costs the relay an accept and a close each, and holds nothing.
    if (!slot) {
        const Rejection reason = rejection_for(outcome);
        state_->metrics().rejected(reason);
        // Only the overall cap is logged: the per-address refusals are one address's to flood.
        if (reason == Rejection::max_connections) {
            log(LogLevel::warn, "connection cap reached; closing a new connection", {{"ip", ip}});
        }
        return;  // the socket closes as it goes out of scope
    }
    start_(std::move(socket), std::move(slot));
}

}  // namespace p2p::relay
