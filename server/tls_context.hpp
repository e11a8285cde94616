// The server TLS configuration: TLS 1.2 or newer with the given certificate and key.
#pragma once

#include "server/certificate_store.hpp"
#include "server/net_types.hpp"

namespace p2p::relay {

// Throws boost::system::system_error when the files cannot be loaded or do not match.
ssl::context make_tls_context(const CertificateFiles& files);

}  // namespace p2p::relay
