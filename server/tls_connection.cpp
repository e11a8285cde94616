#include "server/tls_connection.hpp"

#include <openssl/err.h>

#include <cerrno>

#include "server/socket_bio.hpp"

namespace p2p::relay {
namespace {

// Small writes may go out as they come and buffers may move between retries (Beast rebuilds its
// buffer sequences); idle connections hand their record buffers back to OpenSSL's allocator.
constexpr long kModes = SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER;

[[noreturn]] void throw_ssl_error(const char* what) {
    const auto code = static_cast<int>(ERR_get_error());
    ERR_clear_error();
    throw boost::system::system_error(beast::error_code(code, net::error::get_ssl_category()), what);
}

SSL* make_ssl(ssl::context& context, int fd) {
    SSL* ssl = SSL_new(context.native_handle());
    if (ssl == nullptr) throw_ssl_error("SSL_new");
    BIO* bio = make_socket_bio(fd);
    if (bio == nullptr) {
        SSL_free(ssl);
        throw_ssl_error("cannot make the socket BIO");
    }
    SSL_set_bio(ssl, bio, bio);
    SSL_set_mode(ssl, kModes);
    // One recv takes whatever has arrived (often several records) instead of two per record;
    // the buffer is still handed back whenever everything read has been consumed.
    SSL_set_read_ahead(ssl, 1);
    SSL_set_accept_state(ssl);
    return ssl;
}

bool is_unexpected_eof(unsigned long code) {
    return ERR_GET_LIB(code) == ERR_LIB_SSL && ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING;
}

// Called with the first queued OpenSSL error (0 if none) and errno right after a failed call.
beast::error_code fatal_error(int ssl_error, unsigned long code, int system_error) {
    // A peer that closed TCP without close_notify: what Asio's ssl::stream reports, too.
    if (is_unexpected_eof(code)) return ssl::error::stream_truncated;
    if (ssl_error == SSL_ERROR_SYSCALL && code == 0) {
        if (system_error == 0) return ssl::error::stream_truncated;
        return {system_error, net::error::get_system_category()};
    }
    if (code != 0) return {static_cast<int>(code), net::error::get_ssl_category()};
    return {system_error != 0 ? system_error : EPROTO, net::error::get_system_category()};
}

}  // namespace

TlsConnection::TlsConnection(tcp::socket&& socket, ssl::context& context)
    : socket_(std::move(socket)),
      ssl_(make_ssl(context, socket_.native_handle())),
      deadline_(socket_.get_executor()) {
    // OpenSSL calls recv/send itself; they must return EAGAIN rather than block the thread.
    socket_.non_blocking(true);
}

TlsConnection::~TlsConnection() { SSL_free(ssl_); }

TlsStep TlsConnection::handshake() {
    if (!socket_.is_open()) return not_open();
    ERR_clear_error();
    const int result = SSL_do_handshake(ssl_);
    return result == 1 ? TlsStep::finished(0) : after_failure(result);
}

TlsStep TlsConnection::read(net::mutable_buffer buffer) {
    if (!socket_.is_open()) return not_open();
    if (buffer.size() == 0) return TlsStep::finished(0);
    ERR_clear_error();
    std::size_t bytes = 0;
    const int result = SSL_read_ex(ssl_, buffer.data(), buffer.size(), &bytes);
    return result == 1 ? TlsStep::finished(bytes) : after_failure(result);
}

TlsStep TlsConnection::write(net::const_buffer buffer) {
    if (!socket_.is_open()) return not_open();
    if (buffer.size() == 0) return TlsStep::finished(0);
    ERR_clear_error();
    std::size_t bytes = 0;
    const int result = SSL_write_ex(ssl_, buffer.data(), buffer.size(), &bytes);
    return result == 1 ? TlsStep::finished(bytes) : after_failure(result);
}

TlsStep TlsConnection::shutdown() {
    if (!socket_.is_open()) return not_open();
    ERR_clear_error();
    int result = SSL_shutdown(ssl_);
    if (result == 0) result = SSL_shutdown(ssl_);  // ours is sent; now wait for the peer's
    return result == 1 ? TlsStep::finished(0) : after_failure(result);
}

TlsStep TlsConnection::after_failure(int result) {
    const int system_error = errno;
    const int ssl_error = SSL_get_error(ssl_, result);
    const unsigned long code = ERR_peek_error();
    ERR_clear_error();
    switch (ssl_error) {
    case SSL_ERROR_WANT_READ: return TlsStep::waiting(TlsStep::Wait::readable);
    case SSL_ERROR_WANT_WRITE: return TlsStep::waiting(TlsStep::Wait::writable);
    case SSL_ERROR_ZERO_RETURN: return TlsStep::failed(net::error::eof);  // the peer's close_notify
    default: return TlsStep::failed(fatal_error(ssl_error, code, system_error));
    }
}

TlsStep TlsConnection::not_open() const {
    // Never touch OpenSSL once the socket is closed: its descriptor number may already be reused.
    return TlsStep::failed(timed_out_ ? beast::error_code(beast::error::timeout)
                                      : beast::error_code(net::error::bad_descriptor));
}

beast::error_code TlsConnection::wait_failed(beast::error_code wait_error) const {
    return timed_out_ ? beast::error_code(beast::error::timeout) : wait_error;
}

void TlsConnection::expires_after(std::chrono::steady_clock::duration timeout) {
    timed_out_ = false;
    deadline_.expires_after(timeout);
    deadline_.async_wait([weak = weak_from_this(), number = ++deadline_number_](beast::error_code ec) {
        auto self = weak.lock();
        if (!ec && self) self->on_deadline(number);
    });
}

void TlsConnection::expires_never() {
    timed_out_ = false;
    ++deadline_number_;
    deadline_.cancel();
}

void TlsConnection::close() {
    beast::error_code ignored;
    socket_.close(ignored);
}

void TlsConnection::on_deadline(unsigned deadline) {
    if (deadline != deadline_number_) return;  // re-armed after this expiry was queued
    timed_out_ = true;
    close();
}

}  // namespace p2p::relay
