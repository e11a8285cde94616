#include "shared/json_string.hpp"

#include "shared/ascii.hpp"

namespace p2p {
namespace {

// The four hex digits at text[at..at+4), already checked by the reader.
std::uint32_t four_hex_digits(std::string_view text, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) value = value * 16 + static_cast<std::uint32_t>(ascii::hex_value(text[at + i]));
    return value;
}

std::uint32_t short_escape_value(char letter) {
    switch (letter) {
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        default: return static_cast<unsigned char>(letter);  // '"', '\\' and '/' stand for themselves
    }
}

}  // namespace

JsonString::Escape JsonString::escape_at(std::size_t at) const {
    const char letter = raw_[at + 1];
    if (letter != 'u') return {short_escape_value(letter), 2};
    const std::uint32_t unit = four_hex_digits(raw_, at + 2);
    if (unit < 0xD800 || unit > 0xDBFF) return {unit, 6};
    // A high surrogate: the reader made sure a \uDC00-\uDFFF escape follows.
    const std::uint32_t low = four_hex_digits(raw_, at + 8);
    return {0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 12};
}

bool JsonString::equals(std::string_view plain) const {
    if (!has_escapes_) return raw_ == plain;
    std::size_t matched = 0;
    bool same = true;
    for_each_piece([&](std::string_view piece) {
        if (!same) return;
        same = plain.substr(matched, piece.size()) == piece;
        matched += piece.size();
    });
    return same && matched == plain.size();
}

std::string JsonString::value() const {
    if (!has_escapes_) return std::string(raw_);
    std::string out;
    out.reserve(raw_.size());
    for_each_piece([&](std::string_view piece) { out.append(piece); });
    return out;
}

}  // namespace p2p
