// A STUN message (RFC 5389) as far as the TURN tests need one: requests with attributes and
// MESSAGE-INTEGRITY, and the type, attributes and ERROR-CODE of a response.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace p2p::relay::testing {

namespace stun {
inline constexpr std::uint16_t kBindingRequest = 0x0001;
inline constexpr std::uint16_t kBindingSuccess = 0x0101;
inline constexpr std::uint16_t kAllocateRequest = 0x0003;
inline constexpr std::uint16_t kAllocateSuccess = 0x0103;
inline constexpr std::uint16_t kAllocateError = 0x0113;
inline constexpr std::uint16_t kUsername = 0x0006;
inline constexpr std::uint16_t kMessageIntegrity = 0x0008;
inline constexpr std::uint16_t kErrorCode = 0x0009;
inline constexpr std::uint16_t kRealm = 0x0014;
inline constexpr std::uint16_t kNonce = 0x0015;
inline constexpr std::uint16_t kRequestedTransport = 0x0019;
}  // namespace stun

// One STUN message: a type, a transaction id and attributes in order.
class StunMessage {
public:
    explicit StunMessage(std::uint16_t type);  // with a random transaction id

    void add(std::uint16_t attribute, std::string_view value);
    // The wire bytes; with a non-empty `key`, MESSAGE-INTEGRITY (HMAC-SHA1 keyed with `key`) last.
    std::string serialize(std::string_view integrity_key = {}) const;
    // nullopt unless `bytes` is a well-formed STUN message.
    static std::optional<StunMessage> parse(std::string_view bytes);

    std::uint16_t type() const { return type_; }
    const std::array<unsigned char, 12>& transaction_id() const { return transaction_id_; }
    std::optional<std::string> attribute(std::uint16_t attribute) const;
    // ERROR-CODE as a number (e.g. 401), if present.
    std::optional<int> error_code() const;

    // The long-term credential key: MD5(username ":" realm ":" password).
    static std::string long_term_key(std::string_view username, std::string_view realm, std::string_view password);

private:
    std::uint16_t type_;
    std::array<unsigned char, 12> transaction_id_{};
    std::vector<std::pair<std::uint16_t, std::string>> attributes_;
};

}  // namespace p2p::relay::testing
