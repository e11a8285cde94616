#include "bench/baselines/beast_echo/echo_session.hpp"

#include <chrono>

namespace p2p::echo {

EchoSession::EchoSession(tcp::socket&& socket, ssl::context& tls) : ws_(std::move(socket), tls) {}

void EchoSession::run() {
    // Same bound as the relay's default handshake timeout, so stuck clients do not pile up.
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    ws_.next_layer().async_handshake(ssl::stream_base::server,
                                     beast::bind_front_handler(&EchoSession::on_tls_handshake, shared_from_this()));
}

void EchoSession::on_tls_handshake(beast::error_code ec) {
    if (ec) return;
    beast::get_lowest_layer(ws_).expires_never();
    // No idle timeout and no pings: the floor does only the work every WebSocket must do.
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = std::chrono::seconds(30);
    timeout.idle_timeout = websocket::stream_base::none();
    timeout.keep_alive_pings = false;
    ws_.set_option(timeout);
    ws_.async_accept(beast::bind_front_handler(&EchoSession::on_accept, shared_from_this()));
}

void EchoSession::on_accept(beast::error_code ec) {
    if (!ec) do_read();
}

void EchoSession::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&EchoSession::on_read, shared_from_this()));
}

void EchoSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) return;  // closed, reset or failed: the session ends with its last handler
    ws_.text(ws_.got_text());
    ws_.async_write(buffer_.data(), beast::bind_front_handler(&EchoSession::on_write, shared_from_this()));
}

void EchoSession::on_write(beast::error_code ec, std::size_t) {
    if (ec) return;
    buffer_.consume(buffer_.size());
    do_read();
}

}  // namespace p2p::echo
