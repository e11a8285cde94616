// The self-signed certificate kept in the state directory: read it back, make a new one with
// OpenSSL 3, and decide between the two at start-up.
#pragma once

#include <filesystem>
#include <optional>

#include "server/certificate_policy.hpp"

namespace p2p::relay {

// A PEM certificate (chain) and its PEM private key.
struct CertificateFiles {
    std::filesystem::path cert;
    std::filesystem::path key;
};

// The names and validity of the certificate in `files`, or nullopt when either file is missing,
// unreadable, or the key does not belong to the certificate.
std::optional<CertificateFacts> read_certificate_facts(const CertificateFiles& files);

// Writes a new ECDSA P-256 self-signed certificate carrying `names` (key file mode 0600).
// Throws std::runtime_error when OpenSSL or the file system fails.
void write_self_signed_certificate(const CertificateFiles& files, const SubjectNames& names);

// cert.pem/key.pem in `state_dir`, regenerated when absent or not usable for `required`.
struct StoredCertificate {
    CertificateFiles files;
    bool generated = false;
};
StoredCertificate ensure_certificate(const std::filesystem::path& state_dir,
                                     const SubjectNames& required);

}  // namespace p2p::relay
