#include "server/tls_context.hpp"

#include <openssl/ssl.h>

namespace p2p::relay {

ssl::context make_tls_context(const CertificateFiles& files) {
    ssl::context context(ssl::context::tls_server);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                        ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    context.use_certificate_chain_file(files.cert.string());
    context.use_private_key_file(files.key.string(), ssl::context::pem);
    if (SSL_CTX_check_private_key(context.native_handle()) != 1) {
        throw boost::system::system_error(
            make_error_code(boost::system::errc::invalid_argument),
            "the private key does not match the certificate");
    }
    return context;
}

}  // namespace p2p::relay
