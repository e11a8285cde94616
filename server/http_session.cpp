#include "server/http_session.hpp"

#include "server/http_responses.hpp"
#include "server/log.hpp"
#include "server/request_target.hpp"
#include "server/room_name.hpp"
#include "server/shared_state.hpp"
#include "server/static_files.hpp"
#include "server/websocket_session.hpp"

namespace p2p::relay {

HttpSession::HttpSession(tcp::socket&& socket, ssl::context& tls, std::shared_ptr<SharedState> state)
    : stream_(std::move(socket), tls), state_(std::move(state)) {}

void HttpSession::run() {
    beast::get_lowest_layer(stream_).expires_after(state_->config().http_timeout);
    stream_.async_handshake(ssl::stream_base::server,
                            beast::bind_front_handler(&HttpSession::on_handshake, shared_from_this()));
}

void HttpSession::on_handshake(beast::error_code ec) {
    // Browsers probing a self-signed certificate often drop the first connection: not worth a log.
    if (ec) return;
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
    if (ec) return;  // timeout, reset or garbage: drop the connection
    handle(parser_->release());
}

void HttpSession::handle(Request request) {
    if (websocket::is_upgrade(request)) return upgrade(std::move(request));
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        return send(text_response(http::status::method_not_allowed, "only GET and HEAD", request));
    }
    serve_file(request);
}

void HttpSession::upgrade(Request request) {
    std::string_view path = target_path(request.target());
    if (path != "/ws" && path != "/") {
        return send(text_response(http::status::not_found, "WebSocket lives at /ws", request));
    }
    RoomChoice choice = room_from_target(request.target());
    if (!choice.ok()) return send(text_response(http::status::bad_request, choice.error, request));
    beast::get_lowest_layer(stream_).expires_never();
    std::make_shared<WebsocketSession>(std::move(stream_), state_, std::move(choice.room))
        ->run(std::move(request));
}

void HttpSession::serve_file(const Request& request) {
    std::optional<std::filesystem::path> file;
    if (auto relative = static_relative_path(request.target())) {
        file = resolve_in_root(state_->config().web_root, *relative);
    }
    if (!file) return send(text_response(http::status::not_found, "not found", request));
    if (request.method() == http::verb::head) {
        std::error_code ec;
        std::uintmax_t size = std::filesystem::file_size(*file, ec);
        if (ec) return send(text_response(http::status::not_found, "not found", request));
        return send(head_response(*file, size, request));
    }
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
