#include "server/turn_credentials.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace p2p::relay {

std::string base64_encode(std::string_view bytes) {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::size_t left = bytes.size() - i;
        std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
        if (left > 1) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (left > 2) group |= static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(group >> 18) & 63];
        out += kAlphabet[(group >> 12) & 63];
        out += left > 1 ? kAlphabet[(group >> 6) & 63] : '=';
        out += left > 2 ? kAlphabet[group & 63] : '=';
    }
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
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : bytes) {
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
    }
    return out;
}

TurnCredential TurnCredentialMinter::mint(std::string_view id, WallClock::time_point now) const {
    auto expires = std::chrono::time_point_cast<std::chrono::seconds>(now) + ttl_;
    std::string username = std::to_string(expires.time_since_epoch().count()) + ":" + std::string(id);
    std::string password = hmac_sha1_base64(secret_, username);
    return TurnCredential{std::move(username), std::move(password), expires};
}

}  // namespace p2p::relay
