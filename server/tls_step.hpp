// The outcome of one non-blocking OpenSSL call on a TlsConnection.
#pragma once

#include <cstddef>

#include "server/net_types.hpp"

namespace p2p::relay {

// Either finished (`error` set on failure, `bytes` moved on success) or waiting for the socket.
struct TlsStep {
    enum class Wait { none, readable, writable };

    Wait wait = Wait::none;
    beast::error_code error;
    std::size_t bytes = 0;

    static TlsStep finished(std::size_t bytes) { return {Wait::none, {}, bytes}; }
    static TlsStep failed(beast::error_code error) { return {Wait::none, error, 0}; }
    static TlsStep waiting(Wait wait) { return {wait, {}, 0}; }
};

}  // namespace p2p::relay
