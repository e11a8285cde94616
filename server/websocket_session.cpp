#include "server/websocket_session.hpp"

#include "server/connection_slot.hpp"
#include "server/keep_alive.hpp"
#include "server/shared_state.hpp"
#include "server/shared_text.hpp"
#include "shared/codec.hpp"

namespace p2p::relay {
namespace {

// Ways a connection ends that are part of normal life (tabs closed, networks dropped).
bool is_normal_end(const beast::error_code& ec) {
    return ec == websocket::error::closed || ec == net::error::operation_aborted ||
           ec == net::error::eof || ec == beast::error::timeout || ec == ssl::error::stream_truncated;
}

// What an ended read says about the page. An end its side said (a close frame, a FIN, a reset)
// is a goodbye: Chromium closing or reloading a tab just ends the TCP connection. The page is
// lost, and its seat held, only when it says it reconnects at once, or when its packets stopped
// coming (a TCP timeout here; KeepAlive drops silent peers itself).
Departure departure_of(const beast::error_code& ec, const websocket::close_reason& reason) {
    if (ec == websocket::error::closed) {
        return reason.code == close_code::kReconnecting ? Departure::lost : Departure::closed;
    }
    return ec == net::error::timed_out ? Departure::lost : Departure::closed;
}

LogFields peer_fields(std::optional<PeerId> peer, const std::string& room) {
    return {{"peer", peer ? std::to_string(*peer) : "-"}, {"room", room}};
}

}  // namespace

WebsocketSession::WebsocketSession(TlsServerStream&& stream, std::shared_ptr<SharedState> state,
                                   RoomChoice seat, std::shared_ptr<ConnectionSlot> slot)
    : ws_(std::move(stream)),
      state_(std::move(state)),
      room_(std::move(seat.room)),
      peer_token_(std::move(seat.peer_token)),
      slot_(std::move(slot)),
      bucket_(state_->config().message_rate, state_->config().message_burst, TokenBucket::Clock::now()) {}

WebsocketSession::~WebsocketSession() { leave_room(Departure::closed); }  // no timers while tearing down

void WebsocketSession::run(Request request) {
    const Config& config = state_->config();
    // The WebSocket layer has its own handshake timeout; the TCP one would cut idle peers, and
    // KeepAlive pings quiet peers and drops silent ones (one timer for all, not one each).
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = config.websocket_handshake_timeout;
    timeout.idle_timeout = websocket::stream_base::none();
    timeout.keep_alive_pings = false;
    ws_.set_option(timeout);
    ws_.control_callback([this](websocket::frame_type, beast::string_view) { heard_from_peer(); });
    ws_.read_message_max(config.limits.max_message_bytes);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "p2p-relay"); }));
    ws_.async_accept(request, beast::bind_front_handler(&WebsocketSession::on_accept,
                                                        shared_from_this()));
}

void WebsocketSession::on_accept(beast::error_code ec) {
    if (ec) return log(LogLevel::info, "websocket handshake failed", {{"error", ec.message()}});
    auto joined = state_->join(room_, peer_token_, shared_from_this());
    if (const Rejection* refused = std::get_if<Rejection>(&joined)) {
        state_->metrics().rejected(*refused);
        log(LogLevel::info, "refused a peer", {{"room", room_}, {"reason", std::string(rejection_name(*refused))}});
        if (*refused == Rejection::room_full) {
            send_error(error_code::kRoomFull, "room '" + room_ + "' already has two people");
        } else {
            send_error(error_code::kServerFull, "the relay has too many rooms; try again later");
        }
        return request_close({websocket::close_code::policy_error, std::string(rejection_name(*refused))});
    }
    peer_ = std::get<PeerId>(joined);
    log(LogLevel::debug, "peer joined", peer_fields(peer_, room_));
    heard_from_peer();
    state_->keep_alive().watch(weak_from_this(), state_->keep_alive().ping_after());
    do_read();
}

void WebsocketSession::heard_from_peer() {
    last_heard_ = std::chrono::steady_clock::now();
    pinged_ = false;
}

void WebsocketSession::check_alive() {
    net::post(ws_.get_executor(), beast::bind_front_handler(&WebsocketSession::on_keep_alive, shared_from_this()));
}

// Quiet for KeepAlive::ping_after(): ping; still silent at the idle timeout: drop. A peer that
// sends anything (data, pong, ping) counts as alive.
void WebsocketSession::on_keep_alive() {
    if (closing_ || !peer_) return;  // ending anyway: nothing more to watch
    KeepAlive& keep_alive = state_->keep_alive();
    const auto quiet = std::chrono::steady_clock::now() - last_heard_;
    if (pinged_ && quiet >= keep_alive.idle_timeout()) {
        return drop(Rejection::idle_timeout, LogLevel::info, "dropping a peer that stopped answering pings");
    }
    if (!pinged_ && quiet >= keep_alive.ping_after()) {
        pinged_ = true;
        queue_.push_back(nullptr);  // written in turn with the messages (one write at a time)
        if (queue_.size() == 1) do_write();
    }
    keep_alive.watch(weak_from_this(), (pinged_ ? keep_alive.idle_timeout() : keep_alive.ping_after()) - quiet);
}

void WebsocketSession::do_read() {
    // Between messages this read stays pending as long as the peer is quiet, holding whatever
    // buffer space it prepared: ask for the first few bytes only (Beast would prepare 1.5 KB), and
    // for the rest of a message (0: Beast's usual sizes) once it has started.
    const std::size_t limit = buffer_.size() == 0 ? kFirstReadBytes : 0;
    ws_.async_read_some(buffer_, limit,
                        beast::bind_front_handler(&WebsocketSession::on_read, shared_from_this()));
}

void WebsocketSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    heard_from_peer();
    if (!ws_.got_text()) {
        state_->metrics().rejected(Rejection::binary);
        leave_room(Departure::closed);
        return request_close({websocket::close_code::unknown_data, "binary frames are not supported"});
    }
    if (!ws_.is_message_done()) return do_read();
    std::string text = beast::buffers_to_string(buffer_.data());
    release_read_buffer();
    handle_text(std::move(text));
    do_read();
}

void WebsocketSession::release_read_buffer() {
    // A flat_buffer keeps its largest size forever; idle peers should cost nothing here.
    buffer_.clear();
    buffer_.shrink_to_fit();
}

void WebsocketSession::on_read_error(const beast::error_code& ec) {
    // Beast closes with 1009 itself when a message passes read_message_max, before buffering it.
    // Silent peers never end here: KeepAlive drops (and counts) them by closing the socket.
    if (ec == websocket::error::message_too_big) {
        state_->metrics().rejected(Rejection::too_large);
        return leave_room(Departure::closed);
    }
    if (!is_normal_end(ec)) log(LogLevel::info, "peer read failed", {{"error", ec.message()}});
    leave_room(departure_of(ec, ws_.reason()));
}

void WebsocketSession::handle_text(std::string text) {
    // Left (write failed) or refused already: the rest is not worth decoding, nor forwardable.
    if (!peer_ || closing_ || pending_close_) return;
    if (!bucket_.try_take(TokenBucket::Clock::now())) {
        state_->metrics().rejected(Rejection::rate_limited);
        log(LogLevel::warn, "peer over its message rate", peer_fields(peer_, room_));
        send_error(error_code::kRateLimited, "more messages than the relay allows per second");
        leave_room(Departure::closed);
        return request_close({websocket::close_code::policy_error, "rate_limited"});
    }
    // Validated without building the message (nothing is allocated for a good one): only its bytes
    // are forwarded.
    PageCheck checked = check_page_message(text, state_->config().limits);
    if (auto* problem = std::get_if<DecodeError>(&checked)) return send_error(problem->code, problem->detail);
    // The page checks that its socket still reaches us (a dead network keeps it "open" for long).
    if (std::get<MessageKind>(checked) == MessageKind::ping) return enqueue(pong_text());
    // Forward the original bytes: re-serialising could change them and costs time.
    state_->forward(*peer_, std::make_shared<const std::string>(std::move(text)));
}

const std::shared_ptr<const std::string>& WebsocketSession::pong_text() {
    static const std::shared_ptr<const std::string> text = shared_text(encode(Pong{}));
    return text;
}

void WebsocketSession::send_error(std::string_view code, const std::string& detail) {
    state_->metrics().error_sent(code);
    enqueue(shared_text(encode_error(code, detail)));
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
    const Config& config = state_->config();
    if (queued_bytes_ + text->size() > config.max_queued_bytes || queue_.size() >= config.max_queued_messages) {
        // No close frame: it could not be written past the full queue anyway.
        return drop(Rejection::slow_reader, LogLevel::warn, "dropping a peer that does not read its messages");
    }
    queued_bytes_ += text->size();
    queue_.push_back(std::move(text));
    if (queue_.size() == 1) do_write();  // otherwise on_write continues with it
}

void WebsocketSession::drop(Rejection reason, LogLevel level, std::string_view message) {
    state_->metrics().rejected(reason);
    log(level, message, peer_fields(peer_, room_));
    closing_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);  // pending reads and writes fail
    leave_room(Departure::lost);  // silent or not reading: most likely a network that went
}

void WebsocketSession::do_write() {
    if (!queue_.front()) {
        return ws_.async_ping({}, [self = shared_from_this()](beast::error_code ec) { self->on_write(ec, 0); });
    }
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&WebsocketSession::on_write, shared_from_this()));
}

void WebsocketSession::on_write(beast::error_code ec, std::size_t) {
    if (ec) {
        queue_.clear();
        queued_bytes_ = 0;
        if (!is_normal_end(ec)) log(LogLevel::info, "peer write failed", {{"error", ec.message()}});
        return leave_room(ec == net::error::timed_out ? Departure::lost : Departure::closed);
    }
    queued_bytes_ -= queue_.front() ? queue_.front()->size() : 0;
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
    if (ec && !is_normal_end(ec)) log(LogLevel::info, "websocket close failed", {{"error", ec.message()}});
    leave_room(Departure::closed);  // we closed it: a refusal, a replaced connection, shutdown
}

void WebsocketSession::leave_room(Departure how) {
    if (!peer_) return;
    log(LogLevel::debug, how == Departure::lost ? "peer lost" : "peer left", peer_fields(peer_, room_));
    state_->leave(*peer_, how);
    peer_.reset();
}

}  // namespace p2p::relay
