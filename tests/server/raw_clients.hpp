// Low-level loopback clients for attacks and protocol corners the Beast clients avoid: silent or
// trickling connections, hand-written requests, chosen TLS versions and ciphers, plain HTTP.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace p2p::relay::testing {

using namespace std::chrono_literals;

// What a raw connection saw: the bytes received and when the server ended it.
struct RawOutcome {
    std::string received;
    std::optional<std::chrono::milliseconds> closed_after;  // since connecting; nullopt: still open
};

// Plain TCP that never sends a byte (not even a TLS hello); waits up to `timeout` for the close.
RawOutcome silent_tcp(std::uint16_t port, std::chrono::milliseconds timeout);

// TLS, then writes `chunks` one by one with `gap` between them (stopping if the server closes),
// then waits for the close until `timeout` after connecting; from the loopback address `source`.
RawOutcome tls_trickle(std::uint16_t port, const std::vector<std::string>& chunks,
                       std::chrono::milliseconds gap, std::chrono::milliseconds timeout,
                       const char* source = "127.0.0.1");

// Whether a TLS handshake succeeds with a client context shaped by `configure`
// (the context has security level 0, so refusals come from the server, not our client).
bool tls_handshake_succeeds(std::uint16_t port, const std::function<void(SSL_CTX*)>& configure);

// Sends `request` over plain TCP and returns everything received until the server closes.
std::string plain_http_exchange(std::uint16_t port, const std::string& request);

}  // namespace p2p::relay::testing
