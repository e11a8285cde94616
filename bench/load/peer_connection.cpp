#include "bench/load/peer_connection.hpp"

#include <chrono>

#include "bench/load/wss_client.hpp"

namespace p2p::load {

PeerConnection::PeerConnection(net::io_context& io, ssl::context& tls, std::size_t index,
                               const PeerHandlers& handlers)
    : ws_(io, tls), index_(index), handlers_(handlers) {}

void PeerConnection::open(const tcp::endpoint& relay, std::string target) {
    relay_ = relay;
    target_ = std::move(target);
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    tcp_connect(beast::get_lowest_layer(ws_), relay_,
                beast::bind_front_handler(&PeerConnection::on_connect, shared_from_this()));
}

void PeerConnection::on_connect(beast::error_code ec) {
    if (ec) return handlers_.opened(index_, ec);
    // A load client must not hold back small writes (Nagle): that delay would be the client's.
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ignored);
    tls_client_handshake(ws_.next_layer(),
                         beast::bind_front_handler(&PeerConnection::on_tls_handshake, shared_from_this()));
}

void PeerConnection::on_tls_handshake(beast::error_code ec) {
    if (ec) return handlers_.opened(index_, ec);
    // From here the WebSocket layer keeps time; the relay's pings are answered while a read waits.
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    wss_upgrade(ws_, relay_.address().to_string() + ":" + std::to_string(relay_.port()), target_,
                beast::bind_front_handler(&PeerConnection::on_upgrade, shared_from_this()));
}

void PeerConnection::on_upgrade(beast::error_code ec) {
    if (!ec) {
        open_ = true;
        do_read();
    }
    handlers_.opened(index_, ec);
}

void PeerConnection::do_read() {
    wss_read(ws_, buffer_, beast::bind_front_handler(&PeerConnection::on_read, shared_from_this()));
}

void PeerConnection::on_read(beast::error_code ec, std::size_t) {
    // Beast aborts the pending read while our close handshake runs; the close reports the end.
    if (ec == net::error::operation_aborted && closing_) return;
    if (ec) return end(ec);
    const auto data = buffer_.cdata();
    handlers_.message(index_, std::string_view(static_cast<const char*>(data.data()), data.size()));
    buffer_.consume(buffer_.size());
    do_read();
}

void PeerConnection::send(std::string text) {
    if (!open_) return;
    queue_.push_back(std::move(text));
    if (queue_.size() == 1) do_write();
}

void PeerConnection::do_write() {
    ws_.text(true);
    wss_write(ws_, net::buffer(queue_.front()),
              beast::bind_front_handler(&PeerConnection::on_write, shared_from_this()));
}

void PeerConnection::on_write(beast::error_code ec, std::size_t) {
    if (ec) {
        queue_.clear();
        return;  // the pending read fails too and reports the end
    }
    queue_.pop_front();
    if (!queue_.empty()) return do_write();
    if (close_requested_) start_close();
}

void PeerConnection::close() {
    if (!open_) return;
    open_ = false;
    close_requested_ = true;
    // One write at a time: a close frame waits for the queued messages to go out first.
    if (queue_.empty()) start_close();
}

void PeerConnection::start_close() {
    close_requested_ = false;
    closing_ = true;
    wss_close(ws_, websocket::close_code::normal, [self = shared_from_this()](beast::error_code ec) { self->end(ec); });
}

void PeerConnection::end(beast::error_code ec) {
    open_ = false;
    if (ended_) return;
    ended_ = true;
    handlers_.ended(index_, ec);
}

}  // namespace p2p::load
