// The loop behind every asynchronous TlsServerStream call: try the OpenSSL call; when it needs the
// socket, wait until the socket is ready and try again.
#pragma once

#include <optional>
#include <utility>

#include "server/tls_connection.hpp"

namespace p2p::relay {

// An Asio composed operation; `Attempt` makes one non-blocking call (TlsConnection& -> TlsStep).
// Completes with (error_code, bytes) when `ReportsBytes`, else with (error_code).
template <bool ReportsBytes, class Attempt>
class TlsOperation {
public:
    TlsOperation(TlsConnection& connection, Attempt attempt)
        : connection_(connection), attempt_(std::move(attempt)) {}

    template <class Self>
    void operator()(Self& self, beast::error_code wait_error = {}) {
        if (result_) return complete(self, *result_);
        if (wait_error) return complete(self, TlsStep::failed(connection_.wait_failed(wait_error)));
        TlsStep step = attempt_(connection_);
        if (step.wait == TlsStep::Wait::readable) return wait(self, tcp::socket::wait_read);
        if (step.wait == TlsStep::Wait::writable) return wait(self, tcp::socket::wait_write);
        if (waited_) return complete(self, step);
        // Finished inside the initiating call: Asio requires the handler to run later, not here.
        // A fresh TlsStep rather than `step`: GCC 12 at -O3 takes a copy of the local for a
        // dangling pointer (-Wdangling-pointer, 20 false warnings in a Release build).
        result_ = TlsStep{step.wait, step.error, step.bytes};
        net::post(std::move(self));
    }

private:
    template <class Self>
    void wait(Self& self, tcp::socket::wait_type what) {
        waited_ = true;
        connection_.socket().async_wait(what, std::move(self));
    }

    template <class Self>
    static void complete(Self& self, const TlsStep& step) {
        if constexpr (ReportsBytes) {
            self.complete(step.error, step.bytes);
        } else {
            self.complete(step.error);
        }
    }

    TlsConnection& connection_;
    Attempt attempt_;
    bool waited_ = false;
    std::optional<TlsStep> result_;  // finished before the initiating call returned
};

}  // namespace p2p::relay
