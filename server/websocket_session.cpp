#include "server/websocket_session.hpp"

#include "server/log.hpp"
#include "server/shared_state.hpp"
#include "shared/codec.hpp"

namespace p2p::relay {
namespace {

// Ways a connection ends that are part of normal life (tabs closed, networks dropped).
bool is_normal_end(const beast::error_code& ec) {
    return ec == websocket::error::closed || ec == net::error::operation_aborted ||
           ec == net::error::eof || ec == beast::error::timeout || ec == ssl::error::stream_truncated;
}

}  // namespace

WebsocketSession::WebsocketSession(TlsStream&& stream, std::shared_ptr<SharedState> state,
                                   std::string room)
    : ws_(std::move(stream)), state_(std::move(state)), room_(std::move(room)) {}

WebsocketSession::~WebsocketSession() { leave_room(); }

void WebsocketSession::run(Request request) {
    const Config& config = state_->config();
    // The WebSocket layer has its own timeouts (with pings); the TCP one would cut idle peers.
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = config.websocket_handshake_timeout;
    timeout.idle_timeout = config.websocket_idle_timeout;
    timeout.keep_alive_pings = true;
    ws_.set_option(timeout);
    ws_.read_message_max(config.limits.max_message_bytes);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "p2p-relay"); }));
    ws_.async_accept(request, beast::bind_front_handler(&WebsocketSession::on_accept,
                                                        shared_from_this()));
}

void WebsocketSession::on_accept(beast::error_code ec) {
    if (ec) return log_line("websocket handshake failed: " + ec.message());
    peer_ = state_->join(room_, shared_from_this());
    if (!peer_) {
        log_line("refused a third peer in room '" + room_ + "'");
        enqueue(std::make_shared<const std::string>(
            encode_error(error_code::kRoomFull, "room '" + room_ + "' already has two people")));
        return request_close({websocket::close_code::policy_error, "room_full"});
    }
    log_line("peer " + std::to_string(*peer_) + " joined room '" + room_ + "'");
    do_read();
}

void WebsocketSession::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WebsocketSession::on_read, shared_from_this()));
}

void WebsocketSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) {
        if (!is_normal_end(ec)) log_line("peer read failed: " + ec.message());
        return leave_room();
    }
    if (!ws_.got_text()) {
        leave_room();
        return request_close({websocket::close_code::unknown_data, "binary frames are not supported"});
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    handle_text(std::move(text));
    do_read();
}

void WebsocketSession::handle_text(std::string text) {
    DecodeResult decoded = decode(text, state_->config().limits);
    if (!decoded.ok()) {
        const DecodeError& error = decoded.error();
        return enqueue(std::make_shared<const std::string>(encode_error(error.code, error.detail)));
    }
    if (!is_peer_message(decoded.message())) {
        return enqueue(std::make_shared<const std::string>(encode_error(
            error_code::kNotAllowed, "'" + std::string(type_name(decoded.message())) +
                                         "' is sent only by the relay")));
    }
    // Forward the original bytes: re-serialising could change them and costs time.
    state_->forward(*peer_, std::make_shared<const std::string>(std::move(text)));
}

void WebsocketSession::send(std::shared_ptr<const std::string> text) {
    net::post(ws_.get_executor(), beast::bind_front_handler(&WebsocketSession::enqueue,
                                                            shared_from_this(), std::move(text)));
}

void WebsocketSession::close(websocket::close_reason reason) {
    net::post(ws_.get_executor(), beast::bind_front_handler(&WebsocketSession::request_close,
                                                            shared_from_this(), std::move(reason)));
}

void WebsocketSession::enqueue(std::shared_ptr<const std::string> text) {
    if (closing_ || pending_close_) return;
    if (queued_bytes_ + text->size() > state_->config().max_queued_bytes) {
        log_line("dropping a peer that does not read its messages");
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().close(ignored);  // pending reads fail, so it leaves
        return;
    }
    queued_bytes_ += text->size();
    queue_.push_back(std::move(text));
    if (queue_.size() == 1) do_write();  // otherwise on_write continues with it
}

void WebsocketSession::do_write() {
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&WebsocketSession::on_write, shared_from_this()));
}

void WebsocketSession::on_write(beast::error_code ec, std::size_t) {
    if (ec) {
        queue_.clear();
        queued_bytes_ = 0;
        if (!is_normal_end(ec)) log_line("peer write failed: " + ec.message());
        return leave_room();
    }
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
    if (!queue_.empty()) return do_write();
    if (pending_close_) request_close(*pending_close_);
}

void WebsocketSession::request_close(websocket::close_reason reason) {
    if (closing_) return;
    if (!queue_.empty()) {
        pending_close_ = std::move(reason);  // one write at a time: close after the queue drains
        return;
    }
    closing_ = true;
    ws_.async_close(reason, beast::bind_front_handler(&WebsocketSession::on_close, shared_from_this()));
}

void WebsocketSession::on_close(beast::error_code ec) {
    if (ec && !is_normal_end(ec)) log_line("websocket close failed: " + ec.message());
    leave_room();
}

void WebsocketSession::leave_room() {
    if (!peer_) return;
    log_line("peer " + std::to_string(*peer_) + " left room '" + room_ + "'");
    state_->leave(*peer_);
    peer_.reset();
}

}  // namespace p2p::relay
