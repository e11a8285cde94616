#include "server/tls_context.hpp"

#include <openssl/ssl.h>

namespace p2p::relay {
namespace {

// Mozilla "intermediate" (server side TLS guidelines v5.7): forward-secret AEAD suites only.
// TLS 1.3 suites are OpenSSL's defaults, which are exactly Mozilla's list.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char* kGroups = "X25519:P-256:P-384";

void fail_if(bool failed, const char* what) {
    if (failed) {
        throw boost::system::system_error(make_error_code(boost::system::errc::invalid_argument), what);
    }
}

void apply_profile(SSL_CTX* ctx) {
    fail_if(SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1, "cannot require TLS 1.2");
    fail_if(SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1, "cannot set the TLS 1.2 ciphers");
    fail_if(SSL_CTX_set1_groups_list(ctx, kGroups) != 1, "cannot set the TLS groups");
    // No compression (CRIME), no renegotiation (a cheap CPU-exhaustion lever for clients).
    // Client cipher preference, as Mozilla intermediate says: every suite left is strong, and
    // clients know best whether they have AES hardware (else CHACHA20 is faster for them).
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    SSL_CTX_clear_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Idle connections (most WebSockets, most of the time) give their read/write buffers back.
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
}

}  // namespace

ssl::context make_tls_context(const CertificateFiles& files) {
    ssl::context context(ssl::context::tls_server);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                        ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    apply_profile(context.native_handle());
    context.use_certificate_chain_file(files.cert.string());
    context.use_private_key_file(files.key.string(), ssl::context::pem);
    fail_if(SSL_CTX_check_private_key(context.native_handle()) != 1,
            "the private key does not match the certificate");
    return context;
}

}  // namespace p2p::relay
