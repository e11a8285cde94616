// Short names for the Boost.Asio/Beast types every session file uses.
#pragma once

// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility> (fails on g++ 12
// in C++20 mode), so it must come first.
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace p2p::relay {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;

// The CLIENT side of a TLS connection (load tools and tests), with Beast's per-operation timeouts.
// The relay's own connections use TlsServerStream (server/tls_server_stream.hpp), which is leaner.
using TlsClientStream = beast::ssl_stream<beast::tcp_stream>;
// Requests carry no body: GET and HEAD are all we serve, and upgrades have none.
using Request = http::request<http::empty_body>;

}  // namespace p2p::relay
