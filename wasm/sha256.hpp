// A small SHA-256 (FIPS 180-4), enough to hash two DTLS fingerprints without pulling in a library.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace p2p::client {

std::array<std::uint8_t, 32> sha256(std::string_view data);

}  // namespace p2p::client
