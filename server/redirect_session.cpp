#include "server/redirect_session.hpp"

#include "server/connection_slot.hpp"
#include "server/http_responses.hpp"
#include "server/redirect_location.hpp"
#include "server/shared_state.hpp"

namespace p2p::relay {

RedirectSession::RedirectSession(tcp::socket&& socket, std::shared_ptr<SharedState> state,
                                 std::shared_ptr<ConnectionSlot> slot, std::uint16_t https_port)
    : stream_(std::move(socket)), state_(std::move(state)), slot_(std::move(slot)), https_port_(https_port) {}

void RedirectSession::run() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_->config().max_request_header_bytes));
    parser_->body_limit(0);
    stream_.expires_after(state_->config().http_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&RedirectSession::on_read, shared_from_this()));
}

void RedirectSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) return;  // timeouts, garbage, oversized headers: nothing worth answering
    Request request = parser_->release();
    auto location = redirect_location(request[http::field::host], https_port_, request.target());
    response_ = text_response(location ? http::status::moved_permanently : http::status::bad_request,
                              location ? "moved to HTTPS" : "bad Host header", request);
    if (location) response_.set(http::field::location, *location);
    response_.keep_alive(false);
    http::async_write(stream_, response_,
                      beast::bind_front_handler(&RedirectSession::on_write, shared_from_this()));
}

void RedirectSession::on_write(beast::error_code, std::size_t) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace p2p::relay
