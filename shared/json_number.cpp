#include "shared/json_number.hpp"

#include <cstddef>

#include "shared/ascii.hpp"

namespace p2p {
namespace {

using ascii::is_digit;

// The smallest magnitude that rounds to infinity as a double, 2^1024 - 2^970 (halfway between
// DBL_MAX and 2^1024; ties round to even, which is 2^1024), all 309 decimal digits of it.
constexpr std::string_view kOverflowThreshold =
    "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070"
    "9633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447"
    "5730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
    "174497792";

// A number token taken apart: its significant digits and where the decimal point sits.
struct DecimalParts {
    std::string_view integer_digits;
    std::string_view fraction_digits;
    std::int64_t exponent = 0;  // saturated far beyond any double's range
};

std::string_view take_digits(std::string_view text, std::size_t& at) {
    const std::size_t start = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    return text.substr(start, at - start);
}

std::int64_t saturated_exponent(std::string_view digits, bool negative) {
    constexpr std::int64_t kFarOutOfRange = 1'000'000'000;
    std::int64_t value = 0;
    for (char c : digits) {
        value = value * 10 + (c - '0');
        if (value > kFarOutOfRange) break;
    }
    return negative ? -value : value;
}

DecimalParts split(std::string_view text) {
    DecimalParts parts;
    std::size_t at = (!text.empty() && text[0] == '-') ? 1 : 0;
    parts.integer_digits = take_digits(text, at);
    if (at < text.size() && text[at] == '.') parts.fraction_digits = take_digits(text, ++at);
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        const bool negative = at < text.size() && text[at] == '-';
        if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
        parts.exponent = saturated_exponent(take_digits(text, at), negative);
    }
    return parts;
}

// The i-th digit of integer_digits followed by fraction_digits, '0' past the end.
char digit_at(const DecimalParts& parts, std::size_t i) {
    if (i < parts.integer_digits.size()) return parts.integer_digits[i];
    i -= parts.integer_digits.size();
    return i < parts.fraction_digits.size() ? parts.fraction_digits[i] : '0';
}

}  // namespace

std::optional<std::uint64_t> JsonNumber::as_unsigned() const {
    if (text_.empty()) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text_) {
        if (!is_digit(c)) return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

bool JsonNumber::overflows_double() const {
    const DecimalParts parts = split(text_);
    const std::size_t digit_count = parts.integer_digits.size() + parts.fraction_digits.size();
    std::size_t first = 0;
    while (first < digit_count && digit_at(parts, first) == '0') ++first;
    if (first == digit_count) return false;  // zero, whatever its exponent

    // value = 0.d1d2d3... x 10^scale, with d1 the first non-zero digit.
    const std::int64_t scale = static_cast<std::int64_t>(parts.integer_digits.size()) -
                               static_cast<std::int64_t>(first) + parts.exponent;
    const auto threshold_scale = static_cast<std::int64_t>(kOverflowThreshold.size());
    if (scale != threshold_scale) return scale > threshold_scale;
    for (std::size_t i = 0; i < kOverflowThreshold.size(); ++i) {
        const char digit = digit_at(parts, first + i);
        if (digit != kOverflowThreshold[i]) return digit > kOverflowThreshold[i];
    }
    return true;  // equal to the threshold in its 309 digits: at or above it
}

}  // namespace p2p
