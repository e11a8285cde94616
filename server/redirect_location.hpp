// Pure: where the plain-HTTP port sends a request, so people who type the address without
// https:// still land on the relay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace p2p::relay {

// "https://<Host without its port>:<https_port><target>", or nullopt when Host is not a plain
// DNS name, IPv4 or [IPv6] literal (so a forged Host cannot inject text into the header) or the
// target is not origin-form ("/...").
std::optional<std::string> redirect_location(std::string_view host, std::uint16_t https_port,
                                             std::string_view target);

}  // namespace p2p::relay
