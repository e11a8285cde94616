// Server-side TLS for the relay's sessions, run by OpenSSL directly on the non-blocking socket.
// Asio's ssl::stream keeps ~70 KB of buffers per connection for its whole life; this keeps none
// (OpenSSL's own record buffers are released while a connection is idle).
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "server/net_types.hpp"
#include "server/tls_connection.hpp"
#include "server/tls_operation.hpp"

namespace p2p::relay {

// An AsyncStream for http::async_read/async_write and websocket::stream, and its own lowest layer:
// expires_after/expires_never/socket() work as on beast::tcp_stream (a passed deadline closes the
// socket and fails operations with beast::error::timeout). One read and one write may be pending
// at once; every call must come from the connection's strand.
class TlsServerStream {
public:
    using executor_type = tcp::socket::executor_type;

    // Throws boost::system::system_error when OpenSSL cannot set the connection up.
    TlsServerStream(tcp::socket&& socket, ssl::context& context);

    executor_type get_executor() { return connection_->socket().get_executor(); }
    tcp::socket& socket() { return connection_->socket(); }
    SSL* native_handle() { return connection_->native_handle(); }

    void expires_after(std::chrono::steady_clock::duration timeout) { connection_->expires_after(timeout); }
    void expires_never() { connection_->expires_never(); }
    void close() { connection_->close(); }

    // The server side of the TLS handshake; handler: void(error_code).
    template <class Handler>
    auto async_handshake(Handler&& handler) {
        return start<false>([](TlsConnection& c) { return c.handshake(); }, std::forward<Handler>(handler));
    }

    // Handler: void(error_code, std::size_t). net::error::eof after the peer's close_notify,
    // ssl::error::stream_truncated when the peer left without one.
    template <class MutableBuffers, class Handler>
    auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
        const auto first = first_nonempty<net::mutable_buffer>(buffers);
        return start<true>([first](TlsConnection& c) { return c.read(first); }, std::forward<Handler>(handler));
    }

    // Handler: void(error_code, std::size_t). Writes at most one TLS record's worth.
    template <class ConstBuffers, class Handler>
    auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
        const auto first = first_nonempty<net::const_buffer>(buffers);
        if (first.size() >= std::min(net::buffer_size(buffers), kRecordBytes)) {
            return start<true>([first](TlsConnection& c) { return c.write(first); }, std::forward<Handler>(handler));
        }
        return start<true>([joined = joined_record(buffers)](TlsConnection& c) { return c.write(net::buffer(joined)); },
                           std::forward<Handler>(handler));
    }

    // Sends close_notify and waits for the peer's; handler: void(error_code).
    template <class Handler>
    auto async_shutdown(Handler&& handler) {
        return start<false>([](TlsConnection& c) { return c.shutdown(); }, std::forward<Handler>(handler));
    }

private:
    // The most plaintext one TLS record carries.
    static constexpr std::size_t kRecordBytes = 16384;

    template <bool ReportsBytes, class Attempt, class Handler>
    auto start(Attempt attempt, Handler&& handler) {
        using Signature = std::conditional_t<ReportsBytes, void(beast::error_code, std::size_t), void(beast::error_code)>;
        return net::async_compose<Handler, Signature>(
            TlsOperation<ReportsBytes, Attempt>(*connection_, std::move(attempt)), handler, connection_->socket());
    }

    // OpenSSL takes one contiguous buffer; empty ones in a sequence carry nothing.
    template <class Buffer, class Buffers>
    static Buffer first_nonempty(const Buffers& buffers) {
        for (auto it = net::buffer_sequence_begin(buffers); it != net::buffer_sequence_end(buffers); ++it) {
            const Buffer buffer(*it);
            if (buffer.size() != 0) return buffer;
        }
        return Buffer();
    }

    // Beast writes headers and frames as many small buffers: one record for them, not one each.
    template <class ConstBuffers>
    static std::vector<char> joined_record(const ConstBuffers& buffers) {
        std::vector<char> joined(std::min(net::buffer_size(buffers), kRecordBytes));
        net::buffer_copy(net::buffer(joined), buffers);
        return joined;
    }

    std::shared_ptr<TlsConnection> connection_;
};

// Beast's customisation points, found by argument-dependent lookup: how websocket::stream closes
// the socket on its timeouts and ends the TLS session after a close handshake.
void beast_close_socket(TlsServerStream& stream);

template <class TeardownHandler>
void async_teardown(beast::role_type, TlsServerStream& stream, TeardownHandler&& handler) {
    stream.async_shutdown(std::forward<TeardownHandler>(handler));
}

}  // namespace p2p::relay
