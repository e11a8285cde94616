#include "shared/utf8.hpp"

namespace p2p {
namespace {

// The lead byte's promise: how many continuation bytes follow, and the range the first of them
// must fall in (narrower than 0x80-0xBF where a wider one would allow overlong forms, surrogates
// or code points above U+10FFFF).
struct LeadByte {
    std::size_t continuations;
    unsigned char second_low;
    unsigned char second_high;
    std::string_view below_range;  // why a second byte under second_low is wrong
    std::string_view above_range;  // why a second byte over second_high is wrong
};

constexpr std::string_view kExpectedContinuation = "invalid UTF-8: expected a continuation byte";

LeadByte classify_lead(unsigned char lead) {
    constexpr std::string_view plain = kExpectedContinuation;
    if (lead <= 0xDF) return {1, 0x80, 0xBF, plain, plain};
    if (lead == 0xE0) return {2, 0xA0, 0xBF, "invalid UTF-8: overlong encoding", plain};
    if (lead == 0xED) return {2, 0x80, 0x9F, plain, "invalid UTF-8: encoded surrogate"};
    if (lead <= 0xEF) return {2, 0x80, 0xBF, plain, plain};
    if (lead == 0xF0) return {3, 0x90, 0xBF, "invalid UTF-8: overlong encoding", plain};
    if (lead <= 0xF3) return {3, 0x80, 0xBF, plain, plain};
    return {3, 0x80, 0x8F, plain, "invalid UTF-8: code point above U+10FFFF"};
}

bool is_continuation(unsigned char byte) { return byte >= 0x80 && byte <= 0xBF; }

// Why a byte can never start a sequence; empty when it can.
std::string_view impossible_lead(unsigned char lead) {
    if (lead < 0xC0) return "invalid UTF-8: unexpected continuation byte";
    if (lead < 0xC2) return "invalid UTF-8: overlong encoding";
    if (lead > 0xF4) return "invalid UTF-8: byte 0xF5-0xFF never appears in UTF-8";
    return {};
}

}  // namespace

Utf8Sequence next_utf8_sequence(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) return {1, {}};
    if (std::string_view problem = impossible_lead(lead); !problem.empty()) return {1, problem};

    const LeadByte rule = classify_lead(lead);
    for (std::size_t i = 1; i <= rule.continuations; ++i) {
        if (at + i >= text.size()) return {i, "invalid UTF-8: truncated sequence"};
        const auto byte = static_cast<unsigned char>(text[at + i]);
        if (i == 1 && is_continuation(byte)) {
            if (byte < rule.second_low) return {1, rule.below_range};
            if (byte > rule.second_high) return {1, rule.above_range};
        }
        if (!is_continuation(byte)) return {i, kExpectedContinuation};
    }
    return {rule.continuations + 1, {}};
}

std::size_t encode_utf8(std::uint32_t code_point, char out[4]) {
    auto byte = [](std::uint32_t value) { return static_cast<char>(static_cast<unsigned char>(value)); };
    if (code_point < 0x80) {
        out[0] = byte(code_point);
        return 1;
    }
    if (code_point < 0x800) {
        out[0] = byte(0xC0 | (code_point >> 6));
        out[1] = byte(0x80 | (code_point & 0x3F));
        return 2;
    }
    if (code_point < 0x10000) {
        out[0] = byte(0xE0 | (code_point >> 12));
        out[1] = byte(0x80 | ((code_point >> 6) & 0x3F));
        out[2] = byte(0x80 | (code_point & 0x3F));
        return 3;
    }
    out[0] = byte(0xF0 | (code_point >> 18));
    out[1] = byte(0x80 | ((code_point >> 12) & 0x3F));
    out[2] = byte(0x80 | ((code_point >> 6) & 0x3F));
    out[3] = byte(0x80 | (code_point & 0x3F));
    return 4;
}

}  // namespace p2p
