// Differential libFuzzer target: our JSON reader against nlohmann 3.11.2 (the parser the codec used
// before it had its own), and the relay's check_page_message() against decode().
//  - Within the depth limit, the reader accepts exactly the texts nlohmann accepts, and what it
//    reads (unescaped strings, numbers, structure, the last of duplicate keys) is what nlohmann
//    reads. Two deliberate differences, where we side with RFC 8259 and JSON.parse: a leading byte
//    order mark (nlohmann skips it) and anything after a NUL byte that follows a complete value
//    (nlohmann's lexer stops at the NUL); we refuse both.
//  - check_page_message() gives exactly decode() + is_page_kind()'s verdict, code and detail.
//  - decode(encode(m)) == m for every decoded m, and encode_error() writes what nlohmann's dump()
//    wrote (escapes, U+FFFD for invalid UTF-8) for any bytes.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "shared/codec.hpp"
#include "shared/json_depth.hpp"
#include "shared/json_reader.hpp"
#include "shared/limits.hpp"

namespace {

using nlohmann::json;

constexpr std::size_t kDepth = p2p::ProtocolLimits{}.max_json_depth;
constexpr p2p::ProtocolLimits kTinyLimits{.max_message_bytes = 96, .max_json_depth = 1};

[[noreturn]] void fail(const char* what, std::string_view text) {
    std::fprintf(stderr, "fuzz_json_diff: %s\n  text: %.*s\n", what, static_cast<int>(text.size()), text.data());
    std::abort();
}

// The value under the reader as an nlohmann tree, built from what our reader reports.
json rebuild(p2p::JsonReader& reader, std::string_view text) {
    const std::optional<p2p::JsonKind> kind = reader.peek_kind();
    if (kind == p2p::JsonKind::object) {
        json object = json::object();
        reader.enter_object();
        while (std::optional<p2p::JsonString> key = reader.next_key()) object[key->value()] = rebuild(reader, text);
        return object;
    }
    if (kind == p2p::JsonKind::array) {
        json array = json::array();
        reader.enter_array();
        while (reader.next_element()) array.push_back(rebuild(reader, text));
        return array;
    }
    const std::optional<p2p::JsonValue> value = reader.read_value();
    if (!value) fail("the reader failed on a second pass over accepted text", text);
    switch (value->kind) {
        case p2p::JsonKind::string: return value->string().value();
        case p2p::JsonKind::number: return json::parse(value->token);
        case p2p::JsonKind::boolean: return text[value->offset] == 't';
        default: return nullptr;
    }
}

std::optional<p2p::JsonSyntaxError> reader_error(std::string_view text) {
    p2p::JsonReader reader(text, kDepth);
    reader.read_value();
    reader.finish();
    return reader.error();
}

// nlohmann's lexer takes a NUL byte between tokens for the end of the input, so it accepts
// "{}\0junk"; we (and JSON.parse) call that trailing data. Both must agree on the text before it.
bool stops_at_nul_like_nlohmann(const std::optional<p2p::JsonSyntaxError>& error, std::string_view text) {
    return error && error->problem == "expected end of input" && text[error->offset] == '\0';
}

void compare_reader_with_nlohmann(std::string_view text) {
    if (p2p::json_depth_exceeds(text, kDepth)) return;
    const std::optional<p2p::JsonSyntaxError> error = reader_error(text);
    bool ours = !error;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        if (ours) fail("accepted a byte order mark", text);
        return;
    }
    const bool theirs = json::accept(text);
    if (stops_at_nul_like_nlohmann(error, text)) {
        if (!theirs) fail("nlohmann rejects a valid text followed by NUL", text);
        text = text.substr(0, error->offset);
        ours = true;
    }
    if (ours != theirs) fail(ours ? "reader accepts what nlohmann rejects" : "reader rejects what nlohmann accepts", text);
    if (!ours) return;
    p2p::JsonReader reader(text, kDepth);
    if (rebuild(reader, text) != json::parse(text)) fail("reader reads a different value than nlohmann", text);
}

// The relay's verdict the long way: decode(), then refuse what only the relay sends.
std::optional<p2p::DecodeError> decode_verdict(std::string_view text, const p2p::ProtocolLimits& limits) {
    p2p::DecodeResult decoded = p2p::decode(text, limits);
    if (!decoded.ok()) return decoded.error();
    if (!p2p::is_page_kind(p2p::kind_of(decoded.message()))) {
        return p2p::DecodeError{p2p::error_code::kNotAllowed,
                                "'" + std::string(p2p::type_name(decoded.message())) + "' is sent only by the relay"};
    }
    return std::nullopt;
}

void compare_check_with_decode(std::string_view text, const p2p::ProtocolLimits& limits) {
    const std::optional<p2p::DecodeError> expected = decode_verdict(text, limits);
    const std::optional<p2p::DecodeError> got = p2p::refusal_of(p2p::check_page_message(text, limits));
    if (expected.has_value() != got.has_value()) fail("check_page_message() and decode() disagree", text);
    if (expected && (expected->code != got->code || expected->detail != got->detail)) {
        fail("check_page_message() and decode() give different errors", text);
    }
}

void check_round_trip(std::string_view text) {
    p2p::DecodeResult decoded = p2p::decode(text);
    if (!decoded.ok()) return;
    const std::string encoded = p2p::encode(decoded.message());
    constexpr p2p::ProtocolLimits kRoomy{.max_message_bytes = SIZE_MAX, .max_json_depth = kDepth};
    p2p::DecodeResult again = p2p::decode(encoded, kRoomy);
    if (!again.ok() || !(again.message() == decoded.message())) fail("decode(encode(m)) != m", encoded);
}

void compare_writer_with_nlohmann(std::string_view text) {
    const json reply = {{"type", "error"}, {"code", "bad_message"}, {"message", std::string(text)}};
    const std::string expected = reply.dump(-1, ' ', false, json::error_handler_t::replace);
    if (p2p::encode_error(p2p::error_code::kBadMessage, text) != expected) {
        fail("encode_error() differs from nlohmann's dump()", text);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    compare_reader_with_nlohmann(text);
    compare_check_with_decode(text, p2p::ProtocolLimits{});
    compare_check_with_decode(text, kTinyLimits);
    check_round_trip(text);
    compare_writer_with_nlohmann(text);
    return 0;
}
