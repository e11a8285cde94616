// The state of one server-side TLS connection: its socket, its OpenSSL object (reading and writing
// the socket directly) and its deadline. Shared so a deadline that fires late finds it gone.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <memory>

#include "server/net_types.hpp"
#include "server/tls_step.hpp"

namespace p2p::relay {

// Non-blocking OpenSSL calls (one step each) plus a deadline that closes the socket when it passes.
class TlsConnection : public std::enable_shared_from_this<TlsConnection> {
public:
    // Throws boost::system::system_error when OpenSSL cannot set the connection up.
    TlsConnection(tcp::socket&& socket, ssl::context& context);
    ~TlsConnection();
    TlsConnection(const TlsConnection&) = delete;
    TlsConnection& operator=(const TlsConnection&) = delete;

    tcp::socket& socket() { return socket_; }
    SSL* native_handle() { return ssl_; }

    TlsStep handshake();
    TlsStep read(net::mutable_buffer buffer);
    TlsStep write(net::const_buffer buffer);
    TlsStep shutdown();

    // What an operation reports when its wait for the socket failed (the deadline shows as timeout).
    beast::error_code wait_failed(beast::error_code wait_error) const;

    // Every operation pending or started until `timeout` passes fails with beast::error::timeout.
    void expires_after(std::chrono::steady_clock::duration timeout);
    void expires_never();
    // Closes the socket: pending operations end with operation_aborted (or timeout).
    void close();

private:
    // Maps the result of an OpenSSL call that did not succeed.
    TlsStep after_failure(int result);
    TlsStep not_open() const;
    void on_deadline(unsigned deadline);

    tcp::socket socket_;
    SSL* ssl_;  // owned; freed in the destructor
    net::steady_timer deadline_;
    unsigned deadline_number_ = 0;  // tells a stale expiry (already queued when re-armed) from the current one
    bool timed_out_ = false;
};

}  // namespace p2p::relay
