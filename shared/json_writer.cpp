#include "shared/json_writer.hpp"

#include <charconv>

#include "shared/ascii.hpp"
#include "shared/utf8.hpp"

namespace p2p {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// The two-character escape JSON has for some bytes; 0 when it has none.
char short_escape_letter(unsigned char byte) {
    switch (byte) {
        case '"': return '"';
        case '\\': return '\\';
        case '\b': return 'b';
        case '\f': return 'f';
        case '\n': return 'n';
        case '\r': return 'r';
        case '\t': return 't';
        default: return 0;
    }
}

// The end of the run from `at` of printable ASCII other than '"' and '\': bytes copied as they are.
std::size_t end_of_plain_run(std::string_view value, std::size_t at) {
    while (at < value.size()) {
        const auto byte = static_cast<unsigned char>(value[at]);
        if (byte < 0x20 || byte >= 0x80 || byte == '"' || byte == '\\') break;
        ++at;
    }
    return at;
}

}  // namespace

void JsonWriter::before_value() {
    if (needs_comma_) out_.push_back(',');
    needs_comma_ = true;
}

void JsonWriter::begin_object() {
    before_value();
    out_.push_back('{');
    needs_comma_ = false;
}

void JsonWriter::end_object() {
    out_.push_back('}');
    needs_comma_ = true;
}

void JsonWriter::begin_array() {
    before_value();
    out_.push_back('[');
    needs_comma_ = false;
}

void JsonWriter::end_array() {
    out_.push_back(']');
    needs_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
    string(name);
    out_.push_back(':');
    needs_comma_ = false;
}

void JsonWriter::string(std::string_view value) {
    before_value();
    out_.reserve(out_.size() + value.size() + 2);
    out_.push_back('"');
    std::size_t at = 0;
    while (at < value.size()) {
        const std::size_t run_end = end_of_plain_run(value, at);
        out_.append(value.substr(at, run_end - at));
        at = run_end;
        if (at < value.size()) at = write_special(value, at);
    }
    out_.push_back('"');
}

// Writes the byte (or UTF-8 sequence) at value[at] that cannot be copied as it is; returns where
// the next one starts.
std::size_t JsonWriter::write_special(std::string_view value, std::size_t at) {
    const auto byte = static_cast<unsigned char>(value[at]);
    if (byte >= 0x80) {
        const Utf8Sequence sequence = next_utf8_sequence(value, at);
        if (sequence.problem.empty()) out_.append(value.substr(at, sequence.length));
        else out_.append(kReplacementCharacter);
        return at + sequence.length;
    }
    if (const char letter = short_escape_letter(byte)) {
        out_.push_back('\\');
        out_.push_back(letter);
    } else {
        escape_control(byte);
    }
    return at + 1;
}

// \u00XX with lower-case hex digits, as nlohmann wrote it.
void JsonWriter::escape_control(unsigned char byte) {
    out_.append("\\u00");
    ascii::append_hex(out_, byte);
}

void JsonWriter::unsigned_number(std::uint64_t value) {
    before_value();
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

void JsonWriter::null() {
    before_value();
    out_.append("null");
}

}  // namespace p2p
