// The relay's own TLS stream against Beast's client stream over loopback, in one thread: deadlines,
// peers that vanish (cleanly, mid-record, during shutdown), a write while a read is pending, and a
// plain-HTTP client on the TLS port.
#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <optional>
#include <string>

#include "server/certificate_store.hpp"
#include "server/tls_context.hpp"
#include "server/tls_server_stream.hpp"
#include "tests/server/temp_dir.hpp"

namespace p2p::relay::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Where one asynchronous operation's completion lands.
struct Completion {
    bool done = false;
    beast::error_code error;
    std::size_t bytes = 0;
};

// A handler for either completion signature: (error_code) or (error_code, bytes).
auto recorder(Completion& completion) {
    return [&completion](beast::error_code error, std::size_t bytes = 0) {
        completion = {true, error, bytes};
    };
}

std::chrono::milliseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

class TlsServerStreamTest : public ::testing::Test {
protected:
    TlsServerStreamTest() { client_tls_.set_verify_mode(ssl::verify_none); }

    // A loopback TCP connection; its server end becomes server_.
    void connect() {
        client_.next_layer().connect(acceptor_.local_endpoint());
        server_.emplace(acceptor_.accept(), server_tls_);
    }

    // connect(), then both TLS handshakes; fails the test unless both succeed.
    void connect_and_handshake() {
        connect();
        Completion server, client;
        server_->async_handshake(recorder(server));
        client_.async_handshake(ssl::stream_base::client, recorder(client));
        ASSERT_TRUE(run_until([&] { return server.done && client.done; }));
        ASSERT_FALSE(server.error) << server.error.message();
        ASSERT_FALSE(client.error) << client.error.message();
    }

    // Runs handlers until `done()` or `timeout`; returns done().
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5s) {
        const auto deadline = Clock::now() + timeout;
        while (!done() && Clock::now() < deadline) {
            io_.restart();
            io_.run_for(5ms);
        }
        return done();
    }

    tcp::socket& client_tcp() { return client_.next_layer().socket(); }

    TempDir dir_;
    ssl::context server_tls_ = make_tls_context(ensure_certificate(dir_.path(), {{"localhost"}, {"127.0.0.1"}}).files);
    ssl::context client_tls_{ssl::context::tls_client};
    net::io_context io_;
    tcp::acceptor acceptor_{io_, {net::ip::make_address("127.0.0.1"), 0}};
    TlsClientStream client_{io_, client_tls_};
    std::optional<TlsServerStream> server_;
};

TEST_F(TlsServerStreamTest, HandshakeFailsWithTimeoutWhenTheClientSaysNothing) {
    connect();
    Completion handshake;
    server_->expires_after(300ms);
    const auto start = Clock::now();
    server_->async_handshake(recorder(handshake));
    ASSERT_TRUE(run_until([&] { return handshake.done; }));
    EXPECT_EQ(handshake.error, beast::error::timeout) << handshake.error.message();
    EXPECT_GE(since(start), 250ms);
    EXPECT_LT(since(start), 2s);
    EXPECT_FALSE(server_->socket().is_open()) << "a passed deadline closes the socket";
}

TEST_F(TlsServerStreamTest, PlainHttpClientFailsTheHandshakeAtOnce) {
    connect();
    net::write(client_tcp(), net::buffer(std::string("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")));
    Completion handshake;
    server_->expires_after(5s);
    const auto start = Clock::now();
    server_->async_handshake(recorder(handshake));
    ASSERT_TRUE(run_until([&] { return handshake.done; }));
    EXPECT_EQ(handshake.error.category(), net::error::get_ssl_category()) << handshake.error.message();
    EXPECT_LT(since(start), 1s);
}

TEST_F(TlsServerStreamTest, HandlerNeverRunsInsideTheInitiatingCall) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    Completion write;
    server_->async_write_some(net::buffer(std::string("hi")), recorder(write));
    EXPECT_FALSE(write.done) << "a write that finishes at once must still complete later";
    ASSERT_TRUE(run_until([&] { return write.done; }));
    EXPECT_FALSE(write.error);
    EXPECT_EQ(write.bytes, 2u);
}

TEST_F(TlsServerStreamTest, ManySmallBuffersGoOutAsOneWrite) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    const std::string a = "header: 1\r\n", b = "other: 2\r\n", c = "\r\nbody";
    const std::array<net::const_buffer, 3> pieces{net::buffer(a), net::buffer(b), net::buffer(c)};
    Completion write;
    server_->async_write_some(pieces, recorder(write));
    ASSERT_TRUE(run_until([&] { return write.done; }));
    ASSERT_FALSE(write.error);
    EXPECT_EQ(write.bytes, a.size() + b.size() + c.size());
    std::string received(write.bytes, '\0');
    net::read(client_, net::buffer(received));
    EXPECT_EQ(received, a + b + c);
}

TEST_F(TlsServerStreamTest, CloseNotifyReadsAsEofAndBothShutdownsComplete) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    std::array<char, 64> buffer{};
    Completion read, client_shutdown, server_shutdown;
    server_->async_read_some(net::buffer(buffer), recorder(read));
    client_.async_shutdown(recorder(client_shutdown));
    ASSERT_TRUE(run_until([&] { return read.done; }));
    EXPECT_EQ(read.error, net::error::eof) << read.error.message();
    server_->async_shutdown(recorder(server_shutdown));
    ASSERT_TRUE(run_until([&] { return server_shutdown.done && client_shutdown.done; }));
    EXPECT_FALSE(server_shutdown.error) << server_shutdown.error.message();
}

TEST_F(TlsServerStreamTest, PeerLeavingWithoutCloseNotifyIsStreamTruncated) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    std::array<char, 64> buffer{};
    Completion read;
    server_->async_read_some(net::buffer(buffer), recorder(read));
    client_tcp().shutdown(tcp::socket::shutdown_send);  // TCP FIN, no TLS alert
    ASSERT_TRUE(run_until([&] { return read.done; }));
    EXPECT_EQ(read.error, ssl::error::stream_truncated) << read.error.message();
}

TEST_F(TlsServerStreamTest, PeerVanishingMidRecordIsStreamTruncated) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    std::array<char, 64> buffer{};
    Completion read;
    server_->async_read_some(net::buffer(buffer), recorder(read));
    // An application-data record header announcing 100 bytes, then only 10 of them.
    const std::string partial_record = std::string("\x17\x03\x03\x00\x64", 5) + std::string(10, 'x');
    net::write(client_tcp(), net::buffer(partial_record));
    ASSERT_FALSE(run_until([&] { return read.done; }, 200ms)) << "half a record is not a message";
    client_tcp().shutdown(tcp::socket::shutdown_send);
    ASSERT_TRUE(run_until([&] { return read.done; }));
    EXPECT_EQ(read.error, ssl::error::stream_truncated) << read.error.message();
}

TEST_F(TlsServerStreamTest, ShutdownEndsWhenThePeerDisconnectsInstead) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    Completion shutdown;
    server_->async_shutdown(recorder(shutdown));
    ASSERT_FALSE(run_until([&] { return shutdown.done; }, 100ms)) << "waits for the peer's close_notify";
    client_tcp().close();
    ASSERT_TRUE(run_until([&] { return shutdown.done; }));
    EXPECT_TRUE(shutdown.error) << "no close_notify came back";
}

TEST_F(TlsServerStreamTest, WriteWhileReadIsPendingBothComplete) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    std::array<char, 64> buffer{};
    Completion read, write, client_read;
    server_->async_read_some(net::buffer(buffer), recorder(read));
    // Far more than the loopback socket buffers hold: the write must wait for the client to read.
    std::string big(16 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
    net::async_write(*server_, net::buffer(big), recorder(write));
    run_until([&] { return write.done; }, 200ms);
    EXPECT_FALSE(write.done) << "the client has not read yet";
    std::string received(big.size(), '\0');
    net::async_read(client_, net::buffer(received), recorder(client_read));
    net::write(client_, net::buffer(std::string("hello")));
    ASSERT_TRUE(run_until([&] { return read.done && write.done && client_read.done; }, 20s));
    EXPECT_FALSE(read.error) << read.error.message();
    EXPECT_EQ(std::string(buffer.data(), read.bytes), "hello");
    EXPECT_FALSE(write.error) << write.error.message();
    EXPECT_EQ(write.bytes, big.size());
    EXPECT_TRUE(received == big) << "bytes arrived changed or out of order";
}

TEST_F(TlsServerStreamTest, DeadlinePassingWithAReadPendingTimesItOut) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    std::array<char, 64> buffer{};
    Completion read;
    server_->expires_after(200ms);
    server_->async_read_some(net::buffer(buffer), recorder(read));
    ASSERT_TRUE(run_until([&] { return read.done; }));
    EXPECT_EQ(read.error, beast::error::timeout) << read.error.message();
}

TEST_F(TlsServerStreamTest, ExpiresNeverCancelsTheDeadline) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    std::array<char, 64> buffer{};
    Completion read;
    server_->expires_after(100ms);
    server_->expires_never();
    server_->async_read_some(net::buffer(buffer), recorder(read));
    ASSERT_FALSE(run_until([&] { return read.done; }, 400ms));
    net::write(client_, net::buffer(std::string("late")));
    ASSERT_TRUE(run_until([&] { return read.done; }));
    EXPECT_FALSE(read.error) << read.error.message();
    EXPECT_EQ(std::string(buffer.data(), read.bytes), "late");
}

TEST_F(TlsServerStreamTest, ClosedStreamFailsWithoutTouchingOpenSsl) {
    ASSERT_NO_FATAL_FAILURE(connect_and_handshake());
    std::array<char, 64> buffer{};
    Completion read;
    server_->close();
    server_->async_read_some(net::buffer(buffer), recorder(read));
    ASSERT_TRUE(run_until([&] { return read.done; }));
    EXPECT_EQ(read.error, net::error::bad_descriptor) << read.error.message();
}

}  // namespace
}  // namespace p2p::relay::testing
