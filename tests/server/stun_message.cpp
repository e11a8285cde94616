#include "tests/server/stun_message.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

namespace p2p::relay::testing {
namespace {

constexpr std::uint32_t kMagicCookie = 0x2112A442;
constexpr std::size_t kHeaderBytes = 20;
constexpr std::size_t kIntegrityBytes = 20;

void put16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, static_cast<std::uint16_t>(v >> 16));
    put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
}

std::uint16_t get16(std::string_view in, std::size_t at) {
    return static_cast<std::uint16_t>((static_cast<unsigned char>(in[at]) << 8) | static_cast<unsigned char>(in[at + 1]));
}

void put_attribute(std::string& out, std::uint16_t type, std::string_view value) {
    put16(out, type);
    put16(out, static_cast<std::uint16_t>(value.size()));
    out += value;
    out.append((4 - value.size() % 4) % 4, '\0');  // attributes are padded to 4 bytes
}

void set_length(std::string& message, std::size_t body_bytes) {
    message[2] = static_cast<char>(body_bytes >> 8);
    message[3] = static_cast<char>(body_bytes & 0xFF);
}

}  // namespace

StunMessage::StunMessage(std::uint16_t type) : type_(type) {
    if (RAND_bytes(transaction_id_.data(), static_cast<int>(transaction_id_.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
}

void StunMessage::add(std::uint16_t attribute, std::string_view value) {
    attributes_.emplace_back(attribute, std::string(value));
}

std::string StunMessage::serialize(std::string_view integrity_key) const {
    std::string out;
    put16(out, type_);
    put16(out, 0);  // length, set below
    put32(out, kMagicCookie);
    out.append(reinterpret_cast<const char*>(transaction_id_.data()), transaction_id_.size());
    for (const auto& [type, value] : attributes_) put_attribute(out, type, value);
    if (integrity_key.empty()) {
        set_length(out, out.size() - kHeaderBytes);
        return out;
    }
    // The HMAC covers the header with a length that already counts the integrity attribute.
    set_length(out, out.size() - kHeaderBytes + 4 + kIntegrityBytes);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_bytes = 0;
    HMAC(EVP_sha1(), integrity_key.data(), static_cast<int>(integrity_key.size()),
         reinterpret_cast<const unsigned char*>(out.data()), out.size(), mac, &mac_bytes);
    put_attribute(out, stun::kMessageIntegrity, std::string_view(reinterpret_cast<const char*>(mac), mac_bytes));
    return out;
}

std::optional<StunMessage> StunMessage::parse(std::string_view bytes) {
    if (bytes.size() < kHeaderBytes || get16(bytes, 2) != bytes.size() - kHeaderBytes) return std::nullopt;
    if (((std::uint32_t{get16(bytes, 4)} << 16) | get16(bytes, 6)) != kMagicCookie) return std::nullopt;
    StunMessage message(get16(bytes, 0));
    std::copy(bytes.begin() + 8, bytes.begin() + 20, message.transaction_id_.begin());
    for (std::size_t at = kHeaderBytes; at < bytes.size();) {
        if (at + 4 > bytes.size()) return std::nullopt;
        std::size_t length = get16(bytes, at + 2);
        if (at + 4 + length > bytes.size()) return std::nullopt;
        message.add(get16(bytes, at), bytes.substr(at + 4, length));
        at += 4 + length + (4 - length % 4) % 4;
    }
    return message;
}

std::optional<std::string> StunMessage::attribute(std::uint16_t attribute) const {
    for (const auto& [type, value] : attributes_) {
        if (type == attribute) return value;
    }
    return std::nullopt;
}

std::optional<int> StunMessage::error_code() const {
    std::optional<std::string> value = attribute(stun::kErrorCode);
    if (!value || value->size() < 4) return std::nullopt;
    return ((*value)[2] & 0x7) * 100 + static_cast<unsigned char>((*value)[3]);
}

std::string StunMessage::long_term_key(std::string_view username, std::string_view realm, std::string_view password) {
    std::string input = std::string(username) + ":" + std::string(realm) + ":" + std::string(password);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_bytes = 0;
    EVP_Digest(input.data(), input.size(), digest, &digest_bytes, EVP_md5(), nullptr);
    return std::string(reinterpret_cast<const char*>(digest), digest_bytes);
}

}  // namespace p2p::relay::testing
