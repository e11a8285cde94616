#include "shared/json_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "shared/ascii.hpp"
#include "shared/utf8.hpp"

namespace p2p {
namespace {

using ascii::is_digit;
using ascii::is_hex_digit;

bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes that may stand in a string as they are: printable ASCII other than '"' and '\'. A table,
// because this test runs once per byte of every SDP.
constexpr std::array<bool, 256> kPlainStringBytes = [] {
    std::array<bool, 256> table{};
    for (unsigned byte = 0x20; byte < 0x80; ++byte) table[byte] = byte != '"' && byte != '\\';
    return table;
}();

bool is_plain_string_byte(unsigned char byte) { return kPlainStringBytes[byte]; }

bool is_short_escape(char letter) {
    return letter == '"' || letter == '\\' || letter == '/' || letter == 'b' || letter == 'f' || letter == 'n' ||
           letter == 'r' || letter == 't';
}

}  // namespace

std::string JsonSyntaxError::describe() const {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, offset).ptr;
    return std::string(problem) + " at byte " + std::string(digits, end);
}

JsonReader::JsonReader(std::string_view text, std::size_t max_depth, std::size_t start)
    : text_(text), pos_(start), max_depth_(std::min(max_depth, kDepthCapacity)) {}

bool JsonReader::fail(std::size_t at, std::string_view problem) {
    if (!error_) error_ = JsonSyntaxError{at, problem};
    pos_ = text_.size();
    return false;
}

void JsonReader::skip_whitespace() {
    while (!at_end() && is_whitespace(peek())) ++pos_;
}

bool JsonReader::enter_object() {
    if (failed()) return false;
    skip_whitespace();
    if (at_end() || peek() != '{') return fail(pos_, "expected '{'");
    ++pos_;
    return open_container(false);
}

bool JsonReader::enter_array() {
    if (failed()) return false;
    skip_whitespace();
    if (at_end() || peek() != '[') return fail(pos_, "expected '['");
    ++pos_;
    return open_container(true);
}

bool JsonReader::open_container(bool is_array) {
    if (depth_ >= max_depth_) return fail(pos_ - 1, "JSON nests deeper than the reader's depth limit");
    in_array_[depth_] = is_array;
    ++depth_;
    first_entry_ = true;
    return true;
}

void JsonReader::close_container() {
    ++pos_;
    --depth_;
    first_entry_ = false;  // the enclosing container now has at least this entry
}

std::optional<JsonString> JsonReader::next_key() {
    if (failed()) return std::nullopt;
    // A caller's slip, not the text's fault; reported like one so the state stays sound.
    if (depth_ == 0 || in_array()) {
        fail(pos_, "next_key() called outside an object");
        return std::nullopt;
    }
    skip_whitespace();
    const bool first = first_entry_;
    first_entry_ = false;
    if (!at_end() && peek() == '}') {
        close_container();
        return std::nullopt;
    }
    if (!first) {
        if (at_end() || peek() != ',') {
            fail(pos_, "expected ',' or '}'");
            return std::nullopt;
        }
        ++pos_;
        skip_whitespace();
    }
    if (at_end() || peek() != '"') {
        fail(pos_, first ? "expected a string key or '}'" : "expected a string key");
        return std::nullopt;
    }
    JsonValue key;
    if (!read_string(key)) return std::nullopt;
    skip_whitespace();
    if (at_end() || peek() != ':') {
        fail(pos_, "expected ':' after a key");
        return std::nullopt;
    }
    ++pos_;
    return key.string();
}

bool JsonReader::next_element() {
    if (failed()) return false;
    if (depth_ == 0 || !in_array()) return fail(pos_, "next_element() called outside an array");
    skip_whitespace();
    const bool first = first_entry_;
    first_entry_ = false;
    if (!at_end() && peek() == ']') {
        close_container();
        return false;
    }
    if (!first) {
        if (at_end() || peek() != ',') return fail(pos_, "expected ',' or ']'");
        ++pos_;
    }
    return true;
}

std::optional<JsonKind> JsonReader::peek_kind() {
    if (failed()) return std::nullopt;
    skip_whitespace();
    if (at_end()) return std::nullopt;
    switch (peek()) {
        case '{': return JsonKind::object;
        case '[': return JsonKind::array;
        case '"': return JsonKind::string;
        case 't':
        case 'f': return JsonKind::boolean;
        case 'n': return JsonKind::null;
        default: return (peek() == '-' || is_digit(peek())) ? std::optional(JsonKind::number) : std::nullopt;
    }
}

std::optional<JsonValue> JsonReader::read_value() {
    if (failed()) return std::nullopt;
    const std::size_t outer_depth = depth_;
    JsonValue value;
    if (!begin_value(value)) return std::nullopt;
    if (depth_ > outer_depth && !skip_rest_of_container(outer_depth)) return std::nullopt;
    return value;
}

// Walks to the end of the container(s) opened above outer_depth without recursion: the only
// state is the depth and one bit per level, so hostile nesting costs no stack.
bool JsonReader::skip_rest_of_container(std::size_t outer_depth) {
    JsonValue ignored;
    while (depth_ > outer_depth) {
        const bool more = in_array() ? next_element() : next_key().has_value();
        if (failed()) return false;
        if (more && !begin_value(ignored)) return false;
    }
    return true;
}

bool JsonReader::begin_value(JsonValue& out) {
    skip_whitespace();
    out = JsonValue{};
    out.offset = pos_;
    if (at_end()) return fail(pos_, "expected a JSON value");
    switch (peek()) {
        case '{':
            out.kind = JsonKind::object;
            ++pos_;
            return open_container(false);
        case '[':
            out.kind = JsonKind::array;
            ++pos_;
            return open_container(true);
        case '"':
            return read_string(out);
        case 't':
            out.kind = JsonKind::boolean;
            return read_literal("true", "expected 'true'");
        case 'f':
            out.kind = JsonKind::boolean;
            return read_literal("false", "expected 'false'");
        case 'n':
            out.kind = JsonKind::null;
            return read_literal("null", "expected 'null'");
        default:
            if (peek() == '-' || is_digit(peek())) return read_number(out);
            // nlohmann skips a leading UTF-8 BOM; JSON.parse (the original demo's page) does not,
            // and RFC 8259 lets a reader refuse it, so we side with the browsers.
            if (text_.substr(pos_, 3) == "\xEF\xBB\xBF") return fail(pos_, "expected a JSON value, not a byte order mark");
            return fail(pos_, "expected a JSON value");
    }
}

bool JsonReader::read_literal(std::string_view word, std::string_view problem) {
    if (text_.substr(pos_, word.size()) != word) return fail(pos_, problem);
    pos_ += word.size();
    return true;
}

bool JsonReader::read_string(JsonValue& out) {
    out.kind = JsonKind::string;
    const std::size_t start = pos_ + 1;
    std::size_t at = start;
    while (true) {
        if (at >= text_.size()) return fail(at, "expected '\"' to end the string");
        const auto byte = static_cast<unsigned char>(text_[at]);
        if (is_plain_string_byte(byte)) {
            ++at;
        } else if (byte == '"') {
            break;
        } else if (byte == '\\') {
            out.has_escapes = true;
            if (!skip_escape(at)) return false;
        } else if (byte < 0x20) {
            return fail(at, "control character in a string (must be escaped)");
        } else {
            const Utf8Sequence sequence = next_utf8_sequence(text_, at);
            if (!sequence.problem.empty()) return fail(at, sequence.problem);
            at += sequence.length;
        }
    }
    out.token = text_.substr(start, at - start);
    pos_ = at + 1;
    return true;
}

// `at` is on a backslash; moves it past the escape (a surrogate pair counts as one).
bool JsonReader::skip_escape(std::size_t& at) {
    const std::size_t letter_at = at + 1;
    const char letter = letter_at < text_.size() ? text_[letter_at] : '\0';
    if (is_short_escape(letter)) {
        at += 2;
        return true;
    }
    if (letter != 'u') {
        return fail(letter_at, "expected an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
    }
    std::uint32_t unit = 0;
    if (!read_hex_unit(at, unit)) return false;
    if (unit >= 0xDC00 && unit <= 0xDFFF) return fail(at, "lone low surrogate \\uDC00-\\uDFFF");
    at += 6;
    if (unit < 0xD800 || unit > 0xDFFF) return true;
    std::uint32_t low = 0;
    const bool low_follows = text_.substr(at, 2) == "\\u";
    if (!low_follows || !read_hex_unit(at, low)) {
        if (failed()) return false;
        return fail(at, "expected a low surrogate \\uDC00-\\uDFFF after a high surrogate");
    }
    if (low < 0xDC00 || low > 0xDFFF) {
        return fail(at, "expected a low surrogate \\uDC00-\\uDFFF after a high surrogate");
    }
    at += 6;
    return true;
}

// The 16-bit unit of the \uXXXX escape whose backslash is at text_[at].
bool JsonReader::read_hex_unit(std::size_t at, std::uint32_t& unit) {
    unit = 0;
    for (std::size_t i = at + 2; i < at + 6; ++i) {
        if (i >= text_.size() || !is_hex_digit(text_[i])) return fail(i, "expected 4 hex digits after \\u");
        const char c = text_[i];
        const std::uint32_t digit = is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
        unit = unit * 16 + digit;
    }
    return true;
}

bool JsonReader::read_number(JsonValue& out) {
    out.kind = JsonKind::number;
    std::size_t at = pos_;
    if (text_[at] == '-') ++at;
    if (at < text_.size() && text_[at] == '0') {
        ++at;
        if (at < text_.size() && is_digit(text_[at])) return fail(at, "leading zeros are not allowed");
    } else if (!skip_digits(at, "expected a digit")) {
        return false;
    }
    const std::size_t integer_length = at - pos_;  // with any '-'
    const bool has_fraction = at < text_.size() && text_[at] == '.';
    if (has_fraction && !skip_digits(++at, "expected a digit after '.'")) return false;
    const bool has_exponent = at < text_.size() && (text_[at] == 'e' || text_[at] == 'E');
    if (has_exponent) {
        ++at;
        if (at < text_.size() && (text_[at] == '+' || text_[at] == '-')) ++at;
        if (!skip_digits(at, "expected a digit in the exponent")) return false;
    }
    out.token = text_.substr(pos_, at - pos_);
    // Only an exponent or 309+ integer digits can reach 1.8e308; skip the exact check otherwise.
    if ((has_exponent || integer_length > 308) && out.number().overflows_double()) {
        return fail(pos_, "number too large for a double");
    }
    pos_ = at;
    return true;
}

// Moves `at` past one or more digits; fails with `problem` when there is none.
bool JsonReader::skip_digits(std::size_t& at, std::string_view problem) {
    if (at >= text_.size() || !is_digit(text_[at])) return fail(at, problem);
    while (at < text_.size() && is_digit(text_[at])) ++at;
    return true;
}

bool JsonReader::finish() {
    if (failed()) return false;
    skip_whitespace();
    if (!at_end()) return fail(pos_, "expected end of input");
    return true;
}

}  // namespace p2p
