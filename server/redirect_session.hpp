// One plain-HTTP connection on the redirect port: read a request, answer 301 to HTTPS, close.
#pragma once

#include <memory>
#include <optional>

#include "server/net_types.hpp"

namespace p2p::relay {

class ConnectionSlot;
class SharedState;

// Never serves content over plain HTTP: every answer is a redirect (or 400 for a bad Host).
class RedirectSession : public std::enable_shared_from_this<RedirectSession> {
public:
    RedirectSession(tcp::socket&& socket, std::shared_ptr<SharedState> state,
                    std::shared_ptr<ConnectionSlot> slot, std::uint16_t https_port);
    void run();

private:
    void on_read(beast::error_code ec, std::size_t bytes);
    void on_write(beast::error_code ec, std::size_t bytes);

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::shared_ptr<SharedState> state_;
    std::shared_ptr<ConnectionSlot> slot_;
    std::uint16_t https_port_;
    std::optional<http::request_parser<http::empty_body>> parser_;
    http::response<http::string_body> response_;
};

}  // namespace p2p::relay
