#include "tests/server/test_clients.hpp"

#include <stdexcept>

#include "bench/load/wss_client.hpp"

namespace p2p::relay::testing {
namespace {

using Clock = std::chrono::steady_clock;

bool run_io_until(net::io_context& io, const bool& done, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    io.restart();
    while (!done && Clock::now() < deadline) {
        if (io.run_one_until(deadline) == 0 && io.stopped()) io.restart();
    }
    return done;
}

void throw_if(const beast::error_code& ec, const char* what) {
    if (ec) throw std::runtime_error(std::string(what) + ": " + ec.message());
}

// Runs one asynchronous operation to completion within `timeout`; throws on failure or timeout.
template <typename Start>
void complete(net::io_context& io, const char* what, Start start, std::chrono::milliseconds timeout = 5s) {
    bool done = false;
    beast::error_code result;
    start([&](beast::error_code ec, auto&&...) {
        result = ec;
        done = true;
    });
    if (!run_io_until(io, done, timeout)) throw std::runtime_error(std::string(what) + ": timed out");
    throw_if(result, what);
}

tcp::endpoint loopback(std::uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }

}  // namespace

WsClient::WsClient(std::uint16_t port, std::string_view target, const Headers& headers) : ws_(io_, tls_) {
    ws_.set_option(websocket::stream_base::decorator([headers](websocket::request_type& request) {
        for (const auto& [name, value] : headers) request.set(name, value);
    }));
    ws_.next_layer().set_verify_mode(ssl::verify_none);
    auto& tcp_layer = beast::get_lowest_layer(ws_);
    complete(io_, "connect", [&](auto handler) { load::tcp_connect(tcp_layer, loopback(port), handler); });
    complete(io_, "tls handshake", [&](auto handler) { load::tls_client_handshake(ws_.next_layer(), handler); });
    tcp_layer.expires_never();
    complete(io_, "websocket handshake", [&](auto handler) {
        load::wss_upgrade(ws_, "localhost:" + std::to_string(port), target, handler);
    });
}

void WsClient::write(std::string_view bytes, bool text) {
    ws_.text(text);
    complete(io_, "websocket write",
             [&](auto handler) { load::wss_write(ws_, net::buffer(bytes.data(), bytes.size()), handler); });
}

void WsClient::send(std::string_view text) { write(text, true); }
void WsClient::send_binary(std::string_view bytes) { write(bytes, false); }

void WsClient::start_read() {
    if (reading_) return;
    reading_ = true;
    read_done_ = false;
    load::wss_read(ws_, buffer_, [this](beast::error_code ec, std::size_t) {
        read_error_ = ec;
        read_done_ = true;
    });
}

bool WsClient::run_until(const bool& done, std::chrono::milliseconds timeout) {
    return run_io_until(io_, done, timeout);
}

std::optional<std::string> WsClient::read(std::chrono::milliseconds timeout) {
    start_read();
    if (!run_until(read_done_, timeout)) return std::nullopt;
    reading_ = false;
    if (read_error_) return std::nullopt;
    std::string message = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    return message;
}

bool WsClient::stays_silent(std::chrono::milliseconds quiet) {
    start_read();
    return !run_until(read_done_, quiet);
}

std::optional<std::uint16_t> WsClient::wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        if (read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()))) {
            continue;  // a message still in flight before the close
        }
        if (read_done_ && read_error_) return ws_.reason().code;
    }
    return std::nullopt;
}

void WsClient::close(std::uint16_t code) {
    complete(io_, "websocket close",
             [&](auto handler) { load::wss_close(ws_, static_cast<websocket::close_code>(code), handler); });
}

void WsClient::abort() {
    auto& socket = beast::get_lowest_layer(ws_).socket();
    beast::error_code ignored;
    socket.set_option(net::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
}

http::response<http::string_body> https_request(
    std::uint16_t port, http::verb method, std::string_view target,
    const std::vector<std::pair<std::string, std::string>>& headers) {
    net::io_context io;
    ssl::context tls{ssl::context::tls_client};
    tls.set_verify_mode(ssl::verify_none);
    TlsClientStream stream(io, tls);
    complete(io, "connect",
             [&](auto handler) { load::tcp_connect(beast::get_lowest_layer(stream), loopback(port), handler); });
    complete(io, "tls handshake", [&](auto handler) { load::tls_client_handshake(stream, handler); });

    http::request<http::empty_body> request{method, std::string(target), 11};
    request.set(http::field::host, "localhost");
    for (const auto& [name, value] : headers) request.set(name, value);
    complete(io, "http write", [&](auto handler) { http::async_write(stream, request, handler); });

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.skip(method == http::verb::head);  // a HEAD response has a length but no body
    complete(io, "http read", [&](auto handler) { http::async_read(stream, buffer, parser, handler); });
    return parser.release();
}

}  // namespace p2p::relay::testing
