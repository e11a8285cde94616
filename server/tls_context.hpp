// The server TLS configuration: Mozilla "intermediate" (TLS 1.2/1.3, AEAD + ECDHE only, groups
// X25519/P-256/P-384, no compression or renegotiation) with the given certificate and key.
#pragma once

#include "server/certificate_store.hpp"
#include "server/net_types.hpp"

namespace p2p::relay {

// Throws boost::system::system_error when the files cannot be loaded or do not match.
ssl::context make_tls_context(const CertificateFiles& files);

}  // namespace p2p::relay
