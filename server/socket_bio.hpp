// An OpenSSL BIO straight on a non-blocking socket, so TLS needs no buffers of its own between
// OpenSSL and the kernel (Asio's ssl::stream keeps four ~17 KB ones per connection).
#pragma once

#include <openssl/bio.h>

namespace p2p::relay {

// A BIO reading and writing `fd` with recv/send (MSG_NOSIGNAL: a vanished peer is an error code,
// never a SIGPIPE). It does not own the descriptor. Returns nullptr when OpenSSL is out of memory.
BIO* make_socket_bio(int fd);

}  // namespace p2p::relay
