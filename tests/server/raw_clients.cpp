#include "tests/server/raw_clients.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <memory>
#include <stdexcept>
#include <thread>

namespace p2p::relay::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A connected loopback socket (from `source`, a 127.x address); every blocking call on it gives up
// after a second.
struct Socket {
    int fd = -1;
    explicit Socket(std::uint16_t port, const char* source = "127.0.0.1") : fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        // A server that closes at accept makes OpenSSL's first write raise SIGPIPE: an error here.
        static const bool sigpipe_ignored = std::signal(SIGPIPE, SIG_IGN) != SIG_ERR;
        (void)sigpipe_ignored;
        sockaddr_in from{};
        from.sin_family = AF_INET;
        if (::inet_pton(AF_INET, source, &from.sin_addr) != 1 ||
            ::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
            ::close(fd);
            throw std::runtime_error(std::string("cannot bind to ") + source);
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        timeval second{1, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &second, sizeof second);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &second, sizeof second);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(fd);
            throw std::runtime_error("connect failed");
        }
    }
    ~Socket() { ::close(fd); }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
};

std::chrono::milliseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

bool readable_within(int fd, std::chrono::milliseconds wait) {
    pollfd ready{fd, POLLIN, 0};
    return ::poll(&ready, 1, static_cast<int>(std::max(wait.count(), 0L))) > 0;
}

// Reads what is there; false once the peer closed (EOF, reset or TLS close). Readable-but-no-data
// (TLS 1.3 session tickets, a partial record) is not a close.
bool read_some(int fd, SSL* tls, std::string& into) {
    char chunk[4096];
    errno = 0;
    const int n = tls ? SSL_read(tls, chunk, sizeof chunk) : static_cast<int>(::read(fd, chunk, sizeof chunk));
    if (n <= 0) {
        const bool would_block = errno == EAGAIN || errno == EWOULDBLOCK;
        return tls ? SSL_get_error(tls, n) == SSL_ERROR_WANT_READ || would_block : would_block;
    }
    into.append(chunk, static_cast<std::size_t>(n));
    return true;
}

// Reads until the peer closes or `deadline`; records when it closed.
void wait_for_close(int fd, SSL* tls, Clock::time_point start, Clock::time_point deadline, RawOutcome& out) {
    while (Clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (!readable_within(fd, left)) continue;
        if (!read_some(fd, tls, out.received)) {
            out.closed_after = since(start);
            return;
        }
    }
}

using Ctx = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;
using Tls = std::unique_ptr<SSL, decltype(&SSL_free)>;

Ctx client_context() {
    Ctx ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    SSL_CTX_set_security_level(ctx.get(), 0);  // let the server, not our client, do the refusing
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    return ctx;
}

}  // namespace

RawOutcome silent_tcp(std::uint16_t port, std::chrono::milliseconds timeout) {
    const auto start = Clock::now();
    Socket socket(port);
    RawOutcome out;
    wait_for_close(socket.fd, nullptr, start, start + timeout, out);
    return out;
}

RawOutcome tls_trickle(std::uint16_t port, const std::vector<std::string>& chunks,
                       std::chrono::milliseconds gap, std::chrono::milliseconds timeout, const char* source) {
    const auto start = Clock::now();
    Socket socket(port, source);
    Ctx ctx = client_context();
    Tls tls(SSL_new(ctx.get()), SSL_free);
    SSL_set_fd(tls.get(), socket.fd);
    if (SSL_connect(tls.get()) != 1) throw std::runtime_error("tls handshake failed");
    RawOutcome out;
    for (const std::string& chunk : chunks) {
        if (SSL_write(tls.get(), chunk.data(), static_cast<int>(chunk.size())) <= 0) break;
        wait_for_close(socket.fd, tls.get(), Clock::now(), Clock::now() + gap, out);
        if (out.closed_after) {
            out.closed_after = since(start);
            return out;
        }
    }
    wait_for_close(socket.fd, tls.get(), start, start + timeout, out);
    return out;
}

bool tls_handshake_succeeds(std::uint16_t port, const std::function<void(SSL_CTX*)>& configure) {
    Socket socket(port);
    Ctx ctx = client_context();
    configure(ctx.get());
    Tls tls(SSL_new(ctx.get()), SSL_free);
    SSL_set_fd(tls.get(), socket.fd);
    return SSL_connect(tls.get()) == 1;
}

std::string plain_http_exchange(std::uint16_t port, const std::string& request) {
    Socket socket(port);
    if (::write(socket.fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
        throw std::runtime_error("write failed");
    }
    RawOutcome out;
    wait_for_close(socket.fd, nullptr, Clock::now(), Clock::now() + 5s, out);
    return out.received;
}

}  // namespace p2p::relay::testing
