#include "server/http_session.hpp"

#include "server/connection_slot.hpp"
#include "server/http_cache.hpp"
#include "server/http_responses.hpp"
#include "server/metrics_text.hpp"
#include "server/origin_policy.hpp"
#include "server/request_target.hpp"
#include "server/room_name.hpp"
#include "server/shared_state.hpp"
#include "server/websocket_session.hpp"

namespace p2p::relay {

HttpSession::HttpSession(tcp::socket&& socket, ssl::context& tls, std::shared_ptr<SharedState> state,
                         std::shared_ptr<ConnectionSlot> slot)
    : stream_(std::move(socket), tls), state_(std::move(state)), slot_(std::move(slot)) {}

void HttpSession::run() {
    beast::get_lowest_layer(stream_).expires_after(state_->config().tls_handshake_timeout);
    stream_.async_handshake(beast::bind_front_handler(&HttpSession::on_handshake, shared_from_this()));
}

void HttpSession::on_handshake(beast::error_code ec) {
    // Browsers probing a self-signed certificate often drop the first connection: a metric, no log.
    if (ec) return state_->metrics().handshake_failed();
    slot_->handshake_done();
    do_read();
}

void HttpSession::do_read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_->config().max_request_header_bytes));
    parser_->body_limit(0);
    beast::get_lowest_layer(stream_).expires_after(state_->config().http_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return do_shutdown();
    if (ec == http::error::header_limit) {
        return send_and_close(http::status::request_header_fields_too_large, "request header too large");
    }
    if (ec == http::error::body_limit || ec == http::error::unexpected_body) {
        return send_and_close(http::status::payload_too_large, "requests carry no body");
    }
    // Timeout (slowloris, or an idle keep-alive), reset or garbage: drop the connection.
    if (ec == beast::error::timeout) state_->metrics().rejected(Rejection::request_timeout);
    if (ec) return;
    handle(parser_->release());
}

void HttpSession::handle(Request request) {
    if (websocket::is_upgrade(request)) return upgrade(std::move(request));
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        return send(text_response(http::status::method_not_allowed, "only GET and HEAD", request));
    }
    if (!serve_operations(request)) serve_file(request);
}

bool HttpSession::serve_operations(const Request& request) {
    std::string_view path = target_path(request.target());
    if (path == "/healthz") {
        const bool up = state_->metrics().accepting();
        send(text_response(up ? http::status::ok : http::status::service_unavailable,
                           up ? "ok" : "shutting down", request));
        return true;
    }
    if (path != "/metrics") return false;
    send(body_response(render_metrics(state_->metrics_snapshot()), "text/plain; version=0.0.4; charset=utf-8",
                       request));
    return true;
}

void HttpSession::upgrade(Request request) {
    std::string_view path = target_path(request.target());
    if (path != "/ws" && path != "/") {
        return send(text_response(http::status::not_found, "WebSocket lives at /ws", request));
    }
    if (!origin_allowed(request[http::field::origin], request[http::field::host],
                        state_->config().allowed_origins)) {
        state_->metrics().rejected(Rejection::origin);
        return send(text_response(http::status::forbidden, "this origin may not connect", request));
    }
    RoomChoice choice = room_from_target(request.target());
    if (!choice.ok()) {
        state_->metrics().rejected(Rejection::bad_room);
        return send(text_response(http::status::bad_request, choice.error, request));
    }
    beast::get_lowest_layer(stream_).expires_never();
    // Not make_shared: the keep-alive wheel keeps a weak_ptr to each session until the session's
    // slot comes round, up to an idle timeout after it closed. With make_shared that weak_ptr would
    // keep the whole session's memory (~450 B) allocated meanwhile; this way only the control block.
    std::shared_ptr<WebsocketSession>(new WebsocketSession(std::move(stream_), state_, std::move(choice), std::move(slot_)))
        ->run(std::move(request));
}

void HttpSession::serve_file(const Request& request) {
    auto file = choose_served_file(state_->config().web_root, request.target(),
                                   request[http::field::accept_encoding]);
    if (!file) return send(text_response(http::status::not_found, "not found", request));
    if (is_not_modified(request[http::field::if_none_match], request[http::field::if_modified_since],
                        file->etag, file->mtime)) {
        return send(not_modified_response(*file, request));
    }
    if (request.method() == http::verb::head) return send(head_response(*file, request));
    auto response = file_response(*file, request);
    if (!response) return send(text_response(http::status::not_found, "not found", request));
    send(std::move(*response));
}

template <typename Body>
void HttpSession::send(http::response<Body> response) {
    auto owned = std::make_shared<http::response<Body>>(std::move(response));
    response_ = owned;
    http::async_write(stream_, *owned,
                      beast::bind_front_handler(&HttpSession::on_write, shared_from_this(),
                                                owned->keep_alive()));
}

void HttpSession::send_and_close(http::status status, std::string_view text) {
    // The request was not fully read, so the connection cannot be reused.
    auto response = text_response(status, text, Request{});
    response.keep_alive(false);
    send(std::move(response));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    response_.reset();
    if (ec) return;
    if (!keep_alive) return do_shutdown();
    do_read();
}

void HttpSession::do_shutdown() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {});
}

}  // namespace p2p::relay
