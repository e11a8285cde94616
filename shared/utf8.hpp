// UTF-8 as RFC 3629 defines it: the one place that knows which byte sequences are well formed, so
// the JSON reader (reject) and writer (replace with U+FFFD) agree on every byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace p2p {

// One UTF-8 sequence starting at some position of a text.
struct Utf8Sequence {
    // Bytes of the well-formed sequence; when ill-formed, bytes of its maximal subpart (at least 1),
    // the unit Unicode (and nlohmann's error_handler_t::replace) turns into one U+FFFD.
    std::size_t length = 1;
    // Empty when well formed; otherwise what is wrong, as static text.
    std::string_view problem;
};

// The sequence starting at text[at] (at < text.size()); ASCII bytes are sequences of length 1.
Utf8Sequence next_utf8_sequence(std::string_view text, std::size_t at);

// Writes the UTF-8 form of a code point (at most U+10FFFF, not a surrogate) into out; returns its
// length (1-4).
std::size_t encode_utf8(std::uint32_t code_point, char out[4]);

}  // namespace p2p
