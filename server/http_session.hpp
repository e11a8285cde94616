// One HTTPS connection: TLS handshake, then static files per request, until a request upgrades
// it to a WebSocket and the stream is handed to a WebsocketSession.
#pragma once

#include <memory>
#include <optional>

#include "server/net_types.hpp"
#include "server/tls_server_stream.hpp"

namespace p2p::relay {

class ConnectionSlot;
class SharedState;

// Serves GET/HEAD of the web root and routes /ws (and /) upgrades; lives on one strand.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(tcp::socket&& socket, ssl::context& tls, std::shared_ptr<SharedState> state,
                std::shared_ptr<ConnectionSlot> slot);

    void run();

private:
    void on_handshake(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void handle(Request request);
    void upgrade(Request request);
    // /healthz and /metrics; false when `request` is for neither.
    bool serve_operations(const Request& request);
    void serve_file(const Request& request);
    template <typename Body>
    void send(http::response<Body> response);
    void send_and_close(http::status status, std::string_view text);
    void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
    void do_shutdown();

    TlsServerStream stream_;
    beast::flat_buffer buffer_;
    std::shared_ptr<SharedState> state_;
    std::shared_ptr<ConnectionSlot> slot_;
    std::optional<http::request_parser<http::empty_body>> parser_;
    std::shared_ptr<void> response_;  // keeps the response alive while it is written
};

}  // namespace p2p::relay
