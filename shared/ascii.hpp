// ASCII digits and hex, the one copy every parser and writer of the project uses (JSON, query
// strings, log lines, credential ids). Header-only and constexpr: the wasm client and the relay
// both include it, and the parsers' hot loops inline it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace p2p::ascii {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The value of a hex digit in either case, or -1 for any other character.
constexpr int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr bool is_hex_digit(char c) { return hex_value(c) >= 0; }

// Appends `byte` as two lower-case hex digits.
inline void append_hex(std::string& out, std::uint8_t byte) {
    constexpr std::string_view kDigits = "0123456789abcdef";
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xF];
}

}  // namespace p2p::ascii
