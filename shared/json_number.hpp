// A JSON number token, kept as text: we never need its floating-point value, only whether it is a
// plain unsigned integer and whether a double could hold it at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace p2p {

// The text of one number that JsonReader has checked against RFC 8259's grammar.
class JsonNumber {
public:
    explicit JsonNumber(std::string_view text) : text_(text) {}

    std::string_view text() const { return text_; }

    // The value when the token is digits only (no sign, fraction or exponent) and fits in 64 bits;
    // what nlohmann calls number_unsigned.
    std::optional<std::uint64_t> as_unsigned() const;

    // True when the value rounds to infinity as a double (|value| >= 2^1024 - 2^970). nlohmann and
    // JSON.parse differ there (an error vs Infinity); we side with nlohmann, as the relay always has.
    bool overflows_double() const;

private:
    std::string_view text_;
};

}  // namespace p2p
