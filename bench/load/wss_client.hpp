// Beast's WebSocket-over-TLS client steps, compiled once. Each step takes a std::function, so
// Beast's composed operations (most of a Beast client's compile time: ~40 s per file that spells
// them out) are instantiated in wss_client.cpp only, not again in every client that speaks WSS:
// the load peers here and the relay tests' clients (tests/server/test_clients.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "server/net_types.hpp"

namespace p2p::load {

using WssStream = relay::websocket::stream<relay::TlsClientStream>;
using StepDone = std::function<void(relay::beast::error_code)>;
using BytesDone = std::function<void(relay::beast::error_code, std::size_t)>;

void tcp_connect(relay::beast::tcp_stream& stream, const relay::tcp::endpoint& to, StepDone done);
void tls_client_handshake(relay::TlsClientStream& stream, StepDone done);
// The HTTP upgrade; Beast builds the request at once, so `host` and `target` need not outlive the call.
void wss_upgrade(WssStream& ws, std::string_view host, std::string_view target, StepDone done);
// One whole message into `buffer` (the relay's pings are answered meanwhile).
void wss_read(WssStream& ws, relay::beast::flat_buffer& buffer, BytesDone done);
// One message, text or binary as set with ws.text(); `bytes` must stay valid until `done`.
void wss_write(WssStream& ws, relay::net::const_buffer bytes, BytesDone done);
void wss_close(WssStream& ws, relay::websocket::close_code code, StepDone done);

}  // namespace p2p::load
