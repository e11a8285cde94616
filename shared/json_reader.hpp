// A strict RFC 8259 JSON reader of our own: a cursor over the text that the caller steers value by
// value. It checks everything nlohmann 3.11.2 checks (UTF-8, escapes, surrogates, control
// characters, the number grammar, overflow to infinity, trailing data) but builds no tree and
// allocates nothing: strings and numbers come back as views into the text.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/json_number.hpp"
#include "shared/json_string.hpp"

namespace p2p {

enum class JsonKind : std::uint8_t { null, boolean, number, string, object, array };

// Where and why a text stopped being JSON. `problem` is static text, so failing allocates nothing
// until someone asks for the description.
struct JsonSyntaxError {
    std::size_t offset = 0;
    std::string_view problem;

    // "<problem> at byte <offset>".
    std::string describe() const;
};

// One complete value as the reader passed over it. Containers are checked and skipped: to look
// inside one, start another reader at its offset.
struct JsonValue {
    JsonKind kind = JsonKind::null;
    std::size_t offset = 0;  // where the value starts in the text
    // Strings: the raw text between the quotes; numbers: the number; otherwise empty.
    std::string_view token;
    bool has_escapes = false;  // strings only

    JsonString string() const { return JsonString(token, has_escapes); }
    JsonNumber number() const { return JsonNumber(token); }
};

// Pull reader over one JSON text. Every call either succeeds or records the first syntax error,
// after which all calls fail; so a caller may check failed() once after a sequence of calls.
class JsonReader {
public:
    // Containers nest at most this deep whatever max_depth asks for (one bit each of state).
    static constexpr std::size_t kDepthCapacity = 256;

    // Reads `text` from byte `start`; objects and arrays may nest max_depth levels.
    JsonReader(std::string_view text, std::size_t max_depth, std::size_t start = 0);

    // Consumes the '{' of the next value.
    bool enter_object();
    // Inside an object: the next member's key (the reader then sits on its value), or nullopt
    // when the object ended (its '}' is consumed) or on error.
    std::optional<JsonString> next_key();

    // Consumes the '[' of the next value.
    bool enter_array();
    // Inside an array: true when another element follows (the reader sits on it), false when the
    // array ended (its ']' is consumed) or on error.
    bool next_element();

    // The kind of the next value judging by its first byte, without consuming anything; nullopt
    // when no value can start there (read_value() then says why).
    std::optional<JsonKind> peek_kind();

    // Reads the next value whole; objects and arrays are checked to their end and skipped.
    std::optional<JsonValue> read_value();

    // True when only whitespace is left.
    bool finish();

    bool failed() const { return error_.has_value(); }
    const std::optional<JsonSyntaxError>& error() const { return error_; }
    std::size_t offset() const { return pos_; }

private:
    bool fail(std::size_t at, std::string_view problem);
    void skip_whitespace();
    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }

    // A scalar is read whole; a container is only opened.
    bool begin_value(JsonValue& out);
    bool skip_rest_of_container(std::size_t outer_depth);
    bool open_container(bool is_array);
    void close_container();
    bool in_array() const { return in_array_[depth_ - 1]; }

    bool read_literal(std::string_view word, std::string_view problem);
    bool read_string(JsonValue& out);
    bool skip_escape(std::size_t& at);
    bool read_hex_unit(std::size_t at, std::uint32_t& unit);
    bool read_number(JsonValue& out);
    bool skip_digits(std::size_t& at, std::string_view problem);

    std::string_view text_;
    std::size_t pos_;
    std::size_t max_depth_;
    std::size_t depth_ = 0;
    std::bitset<kDepthCapacity> in_array_;  // per open container: array (1) or object (0)
    bool first_entry_ = false;  // just opened a container: its first entry needs no ','
    std::optional<JsonSyntaxError> error_;
};

}  // namespace p2p
