// libFuzzer target for the shared codec: decode() must never crash or throw on any bytes, and every
// message it accepts must survive encode() -> decode() unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "shared/codec.hpp"
#include "shared/limits.hpp"
#include "shared/messages.hpp"

namespace {

// Stricter than the relay's, so the size and depth rejections are reached by small inputs too.
constexpr p2p::ProtocolLimits kTinyLimits{.max_message_bytes = 96, .max_json_depth = 1};

// Encoding adds null fields a sender may omit, so a text near the size limit can legitimately
// re-encode larger; the round trip checks the codec, not the size limit.
constexpr p2p::ProtocolLimits kRoomyLimits{.max_message_bytes = std::numeric_limits<std::size_t>::max(),
                                           .max_json_depth = 8};

[[noreturn]] void fail(const char* what, std::string_view text) {
    std::fprintf(stderr, "fuzz_codec: %s\n  text: %.*s\n", what, static_cast<int>(text.size()),
                 text.data());
    std::abort();
}

void check_round_trip(const p2p::Message& message) {
    const std::string encoded = p2p::encode(message);
    p2p::DecodeResult again = p2p::decode(encoded, kRoomyLimits);
    if (!again.ok()) fail("encode() produced text that decode() rejects", encoded);
    if (!(again.message() == message)) fail("encode() -> decode() changed the message", encoded);
    if (p2p::encode(again.message()) != encoded) fail("encode() is not stable", encoded);
    (void)p2p::type_name(message);
    (void)p2p::is_peer_message(message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    p2p::DecodeResult relayed = p2p::decode(text);
    if (relayed.ok()) check_round_trip(relayed.message());
    else if (relayed.error().code.empty()) fail("a rejection without an error code", text);

    // Whatever passes the stricter limits must pass the relay's and decode to the same message.
    p2p::DecodeResult tiny = p2p::decode(text, kTinyLimits);
    if (tiny.ok()) {
        if (!relayed.ok() || !(relayed.message() == tiny.message())) {
            fail("tiny limits accepted what default limits did not", text);
        }
    }

    // The relay puts arbitrary text into error replies: they must always be decodable JSON, even
    // when the text is not valid UTF-8.
    const std::string reply = p2p::encode_error(p2p::error_code::kBadMessage, text);
    p2p::DecodeResult reply_back = p2p::decode(reply, kRoomyLimits);
    if (!reply_back.ok() || !std::holds_alternative<p2p::Error>(reply_back.message())) {
        fail("encode_error() produced text that decode() rejects", reply);
    }
    return 0;
}
