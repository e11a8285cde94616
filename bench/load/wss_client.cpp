#include "bench/load/wss_client.hpp"

namespace p2p::load {

void tcp_connect(relay::beast::tcp_stream& stream, const relay::tcp::endpoint& to, StepDone done) {
    stream.async_connect(to, std::move(done));
}

void tls_client_handshake(relay::TlsClientStream& stream, StepDone done) {
    stream.async_handshake(relay::ssl::stream_base::client, std::move(done));
}

void wss_upgrade(WssStream& ws, std::string_view host, std::string_view target, StepDone done) {
    ws.async_handshake(host, target, std::move(done));
}

void wss_read(WssStream& ws, relay::beast::flat_buffer& buffer, BytesDone done) {
    ws.async_read(buffer, std::move(done));
}

void wss_write(WssStream& ws, relay::net::const_buffer bytes, BytesDone done) {
    ws.async_write(bytes, std::move(done));
}

void wss_close(WssStream& ws, relay::websocket::close_code code, StepDone done) {
    ws.async_close(code, std::move(done));
}

}  // namespace p2p::load
