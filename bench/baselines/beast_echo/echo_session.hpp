// One echo connection: TLS handshake, WebSocket upgrade, then read a message, write it back,
// repeat. Deliberately nothing else, so it costs what the Beast/OpenSSL stack costs.
#pragma once

#include <memory>

#include "server/net_types.hpp"

namespace p2p::echo {

namespace net = relay::net;
namespace ssl = relay::ssl;
namespace beast = relay::beast;
namespace websocket = relay::websocket;
using tcp = relay::tcp;

// Lives as long as one of its handlers is pending; runs on its own strand, as relay sessions do.
class EchoSession : public std::enable_shared_from_this<EchoSession> {
public:
    EchoSession(tcp::socket&& socket, ssl::context& tls);
    void run();

private:
    void on_tls_handshake(beast::error_code ec);
    void on_accept(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void on_write(beast::error_code ec, std::size_t bytes);

    // The stock Beast stack (Asio's ssl::stream over beast::tcp_stream): the floor "for our
    // architecture" as it was before the relay got its own TLS stream.
    websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws_;
    beast::flat_buffer buffer_;
};

}  // namespace p2p::echo
