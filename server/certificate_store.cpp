#include "server/certificate_store.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>

namespace p2p::relay {
namespace {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("certificate generation failed: ") + what);
}

BioPtr open_for_reading(const std::filesystem::path& file) {
    return BioPtr(BIO_new_file(file.c_str(), "r"));
}

std::chrono::system_clock::time_point to_time_point(const ASN1_TIME* time) {
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return {};
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string ip_text(const ASN1_OCTET_STRING* bytes) {
    char text[INET6_ADDRSTRLEN] = {};
    int length = ASN1_STRING_length(bytes);
    int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : 0;
    if (!family || !inet_ntop(family, ASN1_STRING_get0_data(bytes), text, sizeof text)) return {};
    return text;
}

SubjectNames read_names(X509* cert) {
    SubjectNames names;
    NamesPtr list(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    for (int i = 0; list && i < sk_GENERAL_NAME_num(list.get()); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(list.get(), i);
        if (name->type == GEN_DNS) {
            const ASN1_STRING* dns = name->d.dNSName;
            names.dns.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                   ASN1_STRING_length(dns));
        } else if (name->type == GEN_IPADD) {
            names.ips.push_back(ip_text(name->d.iPAddress));
        }
    }
    return names;
}

std::string san_value(const SubjectNames& names) {
    std::string value;
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, bug 105651) on "," + std::string.
    for (const std::string& dns : names.dns) value.append(value.empty() ? "" : ",").append("DNS:").append(dns);
    for (const std::string& ip : names.ips) value.append(value.empty() ? "" : ",").append("IP:").append(ip);
    return value;
}

void add_extension(X509* cert, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.c_str()));
    check(extension && X509_add_ext(cert, extension.get(), -1) == 1, "adding an extension");
}

void set_random_serial(X509* cert) {
    unsigned char bytes[16];
    check(RAND_bytes(bytes, sizeof bytes) == 1, "random serial");
    bytes[0] &= 0x7f;  // serials must be positive
    std::unique_ptr<BIGNUM, Deleter<BN_free>> number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    check(number && BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(cert)), "serial");
}

X509Ptr make_certificate(EVP_PKEY* key, const SubjectNames& names) {
    X509Ptr cert(X509_new());
    check(cert && X509_set_version(cert.get(), 2) == 1, "X509_new");
    set_random_serial(cert.get());
    const long validity = std::chrono::duration_cast<std::chrono::seconds>(kGeneratedValidity).count();
    // Back-date an hour so a peer whose clock is slightly behind still accepts it.
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) &&
              X509_gmtime_adj(X509_getm_notAfter(cert.get()), validity),
          "validity");
    X509_NAME* subject = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>("p2p-call relay"), -1,
                                     -1, 0) == 1 &&
              X509_set_issuer_name(cert.get(), subject) == 1 &&
              X509_set_pubkey(cert.get(), key) == 1,
          "subject");
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), NID_subject_alt_name, san_value(names));
    check(X509_sign(cert.get(), key, EVP_sha256()) > 0, "signing");
    return cert;
}

// Opens `file` for writing with `mode` from the start, so a private key is never world-readable.
BioPtr open_for_writing(const std::filesystem::path& file, mode_t mode) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    check(fd >= 0, ("opening " + file.string()).c_str());
    if (::fchmod(fd, mode) != 0) {
        ::close(fd);
        check(false, ("chmod " + file.string()).c_str());
    }
    BioPtr bio(BIO_new_fd(fd, BIO_CLOSE));
    if (!bio) ::close(fd);
    check(bio != nullptr, "BIO_new_fd");
    return bio;
}

}  // namespace

std::optional<CertificateFacts> read_certificate_facts(const CertificateFiles& files) {
    BioPtr cert_bio = open_for_reading(files.cert);
    BioPtr key_bio = open_for_reading(files.key);
    if (!cert_bio || !key_bio) return std::nullopt;
    X509Ptr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!cert || !key || X509_check_private_key(cert.get(), key.get()) != 1) return std::nullopt;
    return CertificateFacts{read_names(cert.get()), to_time_point(X509_get0_notBefore(cert.get())),
                            to_time_point(X509_get0_notAfter(cert.get()))};
}

void write_self_signed_certificate(const CertificateFiles& files, const SubjectNames& names) {
    KeyPtr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EC key generation");
    X509Ptr cert = make_certificate(key.get(), names);
    BioPtr key_out = open_for_writing(files.key, 0600);
    check(PEM_write_bio_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                   nullptr) == 1,
          "writing the key");
    BioPtr cert_out = open_for_writing(files.cert, 0644);
    check(PEM_write_bio_X509(cert_out.get(), cert.get()) == 1, "writing the certificate");
}

StoredCertificate ensure_certificate(const std::filesystem::path& state_dir,
                                     const SubjectNames& required) {
    StoredCertificate stored{{state_dir / "cert.pem", state_dir / "key.pem"}, false};
    auto facts = read_certificate_facts(stored.files);
    if (facts && certificate_is_usable(*facts, required, std::chrono::system_clock::now())) {
        return stored;
    }
    // Only a directory we create ourselves is narrowed to the owner; never chmod a user's choice.
    if (std::filesystem::create_directories(state_dir)) {
        std::filesystem::permissions(state_dir, std::filesystem::perms::owner_all);
    }
    write_self_signed_certificate(stored.files, required);
    stored.generated = true;
    return stored;
}

}  // namespace p2p::relay
