// One signalling peer over WSS: joins a room, relays its messages, writes queued messages in order.
#pragma once

#include <chrono>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/keep_alive.hpp"
#include "server/log.hpp"
#include "server/metrics.hpp"
#include "server/net_types.hpp"
#include "server/room_name.hpp"
#include "server/room_registry.hpp"
#include "server/tls_server_stream.hpp"
#include "server/token_bucket.hpp"

namespace p2p::relay {

class ConnectionSlot;
class SharedState;

// A peer's WebSocket; all its state is touched only on its own strand.
class WebsocketSession : public std::enable_shared_from_this<WebsocketSession>, public KeepAliveTarget {
public:
    WebsocketSession(TlsServerStream&& stream, std::shared_ptr<SharedState> state, RoomChoice seat,
                     std::shared_ptr<ConnectionSlot> slot);
    ~WebsocketSession();

    // Completes the upgrade `request` asked for, then joins the room.
    void run(Request request);

    // Queues a text message; callable from any thread.
    void send(std::shared_ptr<const std::string> text);

    // Closes with `reason` once the messages already queued are written; callable from any thread.
    void close(websocket::close_reason reason);

    // KeepAlive's check, from any thread: pings a quiet peer, drops one that did not answer.
    void check_alive() override;

private:
    void on_accept(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void release_read_buffer();
    void on_read_error(const beast::error_code& ec);
    void handle_text(std::string text);
    void send_error(std::string_view code, const std::string& detail);
    // {"type":"pong"}, encoded once for every session.
    static const std::shared_ptr<const std::string>& pong_text();
    void enqueue(std::shared_ptr<const std::string> text);
    // Ends the connection without a close frame, counted as `reason`.
    void drop(Rejection reason, LogLevel level, std::string_view message);
    void do_write();
    void on_write(beast::error_code ec, std::size_t bytes);
    void request_close(websocket::close_reason reason);
    void on_close(beast::error_code ec);
    void leave_room(Departure how);
    void on_keep_alive();
    void heard_from_peer();

    // Bytes asked for by the read left pending between messages (see do_read).
    static constexpr std::size_t kFirstReadBytes = 128;

    websocket::stream<TlsServerStream> ws_;
    beast::flat_buffer buffer_;
    std::shared_ptr<SharedState> state_;
    std::string room_;
    std::string peer_token_;  // the page's reconnect token, "" if it sent none
    std::shared_ptr<ConnectionSlot> slot_;  // counted against the connection caps while we live
    std::optional<PeerId> peer_;
    TokenBucket bucket_;
    // front() is being written; nullptr is a keep-alive ping. A list, because an empty std::deque
    // already holds ~600 bytes.
    std::list<std::shared_ptr<const std::string>> queue_;
    std::size_t queued_bytes_ = 0;
    std::optional<websocket::close_reason> pending_close_;  // sent after the queue drains
    bool closing_ = false;
    // Keep-alive (KeepAlive): when a frame last came in, and whether a ping went out since.
    std::chrono::steady_clock::time_point last_heard_ = std::chrono::steady_clock::now();
    bool pinged_ = false;
};

}  // namespace p2p::relay
