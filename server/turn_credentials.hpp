// Short-lived TURN credentials in the "TURN REST API" form that coturn's use-auth-secret checks:
// username "expiry:id", password base64(HMAC-SHA1(secret, username)). Pure: the clock is a
// parameter, so tests pin it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace p2p::relay {

using WallClock = std::chrono::system_clock;

// One page's TURN username and password, valid until `expires`.
struct TurnCredential {
    std::string username;
    std::string password;
    WallClock::time_point expires;
    bool operator==(const TurnCredential&) const = default;
};

// base64 (RFC 4648, with '=' padding) of `bytes`.
std::string base64_encode(std::string_view bytes);

// base64 of HMAC-SHA1(key, message), what coturn compares the TURN password against.
std::string hmac_sha1_base64(std::string_view key, std::string_view message);

// A fresh random id for one page's usernames: 16 hex digits, unrelated to its room, address or
// relay-internal peer number, so coturn's logs can be matched with the relay's and reveal nothing.
std::string random_credential_id();

// Mints credentials from the secret shared with coturn (static-auth-secret).
class TurnCredentialMinter {
public:
    TurnCredentialMinter(std::string secret, std::chrono::seconds ttl) : secret_(std::move(secret)), ttl_(ttl) {}

    // Credentials for `id` valid from `now` for the TTL (the expiry is whole Unix seconds).
    TurnCredential mint(std::string_view id, WallClock::time_point now) const;

private:
    std::string secret_;
    std::chrono::seconds ttl_;
};

}  // namespace p2p::relay
