// Loopback TLS clients for the integration tests: certificate checks are off (the relay's is
// self-signed) and every wait is bounded, so a relay bug fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/net_types.hpp"

namespace p2p::relay::testing {

using namespace std::chrono_literals;
using Headers = std::vector<std::pair<std::string, std::string>>;

// A WSS client; one read may stay pending across calls, so "nothing arrived" checks are safe.
class WsClient {
public:
    // Connects to 127.0.0.1:port and upgrades at `target`; throws on failure.
    explicit WsClient(std::uint16_t port, std::string_view target = "/ws", const Headers& headers = {});

    void send(std::string_view text);
    void send_binary(std::string_view bytes);
    // The next message, or nullopt on timeout or when the connection ended.
    std::optional<std::string> read(std::chrono::milliseconds timeout = 3s);
    // True when no message arrives within `quiet`.
    bool stays_silent(std::chrono::milliseconds quiet = 200ms);
    // The close code the relay sent, once the connection has ended (nullopt on timeout).
    std::optional<std::uint16_t> wait_closed(std::chrono::milliseconds timeout = 3s);
    // Starts a close handshake with `code` (normal: a tab closed) and waits for it.
    void close(std::uint16_t code = 1000);
    // Drops the TCP connection with a reset (SO_LINGER 0): a crashed process, no close frame.
    void abort();

private:
    void start_read();
    // Runs handlers until `done` is set or the deadline passes; returns `done`.
    bool run_until(const bool& done, std::chrono::milliseconds timeout);
    void write(std::string_view bytes, bool text);

    net::io_context io_;
    ssl::context tls_{ssl::context::tls_client};
    websocket::stream<TlsClientStream> ws_;
    beast::flat_buffer buffer_;
    bool reading_ = false;
    bool read_done_ = false;
    beast::error_code read_error_;
};

// One HTTPS request on a fresh connection, with extra `headers`; throws on failure or timeout.
http::response<http::string_body> https_request(
    std::uint16_t port, http::verb method, std::string_view target,
    const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace p2p::relay::testing
