// Where the relay finds Redis: a redis:// URL as given to --redis, parsed without any I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace p2p::relay {

// redis://[[user]:password@]host[:port][/db]; the host may be a name, IPv4 or [IPv6].
struct RedisUrl {
    std::string host;
    std::uint16_t port = 6379;
    std::string user;      // "" = AUTH with the password alone (or no AUTH at all)
    std::string password;  // "" = no AUTH
    unsigned db = 0;       // SELECTed before anything else; pub/sub ignores it, room keys do not

    // The URL without its password, for logs and error messages.
    std::string redacted() const;
};

// Parses `text` into `out`; returns why it is not a usable URL, or "" on success.
std::string parse_redis_url(std::string_view text, RedisUrl& out);

}  // namespace p2p::relay
