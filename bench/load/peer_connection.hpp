// One WSS client connection of a load run: connect, TLS, upgrade, then a read always pending and
// writes queued one at a time. Single-threaded use: every handler runs on the caller's io_context.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "server/net_types.hpp"

namespace p2p::load {

namespace net = relay::net;
namespace ssl = relay::ssl;
namespace beast = relay::beast;
namespace websocket = relay::websocket;
using tcp = relay::tcp;

// What a connection reports to its owner; `index` says which connection it was.
struct PeerHandlers {
    std::function<void(std::size_t index, beast::error_code)> opened;
    std::function<void(std::size_t index, std::string_view text)> message;
    // Once per connection: our close handshake finished (ec empty on success), or the relay closed
    // or the connection failed first.
    std::function<void(std::size_t index, beast::error_code)> ended;
};

// A loopback WSS peer; certificate checks are off because load runs target a self-signed relay.
class PeerConnection : public std::enable_shared_from_this<PeerConnection> {
public:
    PeerConnection(net::io_context& io, ssl::context& tls, std::size_t index, const PeerHandlers& handlers);

    // Connects to `relay` and upgrades at `target` ("/ws?room=..."); reports through `opened`.
    void open(const tcp::endpoint& relay, std::string target);
    // Queues a text message; writes go out in order, one at a time.
    void send(std::string text);
    // Starts the close handshake; `ended` follows when the relay answers.
    void close();

    std::size_t queued() const { return queue_.size(); }

private:
    void on_connect(beast::error_code ec);
    void on_tls_handshake(beast::error_code ec);
    void on_upgrade(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void do_write();
    void on_write(beast::error_code ec, std::size_t bytes);
    void start_close();
    void end(beast::error_code ec);

    websocket::stream<relay::TlsClientStream> ws_;
    std::size_t index_;
    const PeerHandlers& handlers_;
    tcp::endpoint relay_;
    std::string target_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    bool open_ = false;
    bool close_requested_ = false;
    bool closing_ = false;  // our close frame is on its way
    bool ended_ = false;
};

}  // namespace p2p::load
