#include "server/turn_credentials.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "shared/ascii.hpp"

namespace p2p::relay {

std::string base64_encode(std::string_view bytes) {
    // OpenSSL's encoder, as for the HMAC: 4 characters per 3 bytes, '=' padded, plus its NUL.
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(bytes.data()),
                                        static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::string hmac_sha1_base64(std::string_view key, std::string_view message) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    // SHA-1 because coturn's REST API fixes it; HMAC-SHA1 is still a sound MAC.
    if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), &length)) {
        throw std::runtime_error("HMAC-SHA1 failed");
    }
    return base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

std::string random_credential_id() {
    std::array<unsigned char, 8> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("no randomness for a TURN credential id");
    }
    std::string out;
    for (unsigned char byte : bytes) ascii::append_hex(out, byte);
    return out;
}

TurnCredential TurnCredentialMinter::mint(std::string_view id, WallClock::time_point now) const {
    auto expires = std::chrono::time_point_cast<std::chrono::seconds>(now) + ttl_;
    std::string username = std::to_string(expires.time_since_epoch().count()) + ":" + std::string(id);
    std::string password = hmac_sha1_base64(secret_, username);
    return TurnCredential{std::move(username), std::move(password), expires};
}

}  // namespace p2p::relay
