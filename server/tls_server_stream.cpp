#include "server/tls_server_stream.hpp"

namespace p2p::relay {

TlsServerStream::TlsServerStream(tcp::socket&& socket, ssl::context& context)
    : connection_(std::make_shared<TlsConnection>(std::move(socket), context)) {}

void beast_close_socket(TlsServerStream& stream) { stream.close(); }

}  // namespace p2p::relay
