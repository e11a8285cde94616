#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "shared/codec.hpp"

// Counts heap allocations while `counting` is set, to prove the relay's check allocates nothing.
namespace {
std::atomic<bool> counting{false};
std::atomic<std::size_t> allocations{0};
}  // namespace

// GCC pairs the `new` it sees inlined in gtest with these replacements' free() and cannot tell
// that our operator new is malloc() underneath.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t size) {
    if (counting) ++allocations;
    if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
    throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

namespace p2p {
namespace {

// The verdict by the long way: decode() the whole message, then refuse what only the relay sends
// (a page may send the peer messages and ping).
std::optional<DecodeError> decode_verdict(std::string_view text, const ProtocolLimits& limits) {
    DecodeResult decoded = decode(text, limits);
    if (!decoded.ok()) return decoded.error();
    if (!is_peer_message(decoded.message()) && !std::holds_alternative<Ping>(decoded.message())) {
        return DecodeError{error_code::kNotAllowed,
                           "'" + std::string(type_name(decoded.message())) + "' is sent only by the relay"};
    }
    return std::nullopt;
}

const std::vector<std::string>& sample_texts() {
    static const std::vector<std::string> texts = {
        R"({"type":"offer","sdp":"v=0\r\n"})",
        R"({"type":"answer","sdp":"v=0\r\n","extra":{"deep":[1,[2,{"x":null}]]}})",
        R"({"type":"offer_ice","iceCandidate":{"candidate":"c","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"u"}})",
        R"({"type":"answer_ice","iceCandidate":{"candidate":"","sdpMid":null,"sdpMLineIndex":null,"usernameFragment":null}})",
        R"({"type":"hangup"})",
        R"({"type":"ready"})",
        R"({"\u0074ype":"re\u0061dy"})",
        R"({"type":"ready","session":"p1-1"})",
        R"({"type":"restart","session":"p1-1"})",
        R"({"type":"offer","sdp":"v=0\r\n","session":"p1-2"})",
        R"({"type":"offer","sdp":"v=0\r\n","session":""})",
        R"({"type":"answer_ice","iceCandidate":{"candidate":""},"session":"bad space"})",
        R"({"type":"hangup","session":null})",
        R"({"type":"offer","sdp":"a","type":"hangup"})",
        R"({"type":"offer","sdp":1,"sdp":"fixed"})",
        R"({"type":"offer","sdp":"fixed","sdp":1})",
        R"({"type":"joined","room":"r","peers":2})",
        R"({"type":"joined","room":"r"})",
        R"({"type":"joined","room":"r","peers":1,"iceServers":[{"urls":"stun:h"}]})",
        R"({"type":"joined","room":"r","peers":1,"iceServers":[{"urls":[]}]})",
        R"({"type":"ping"})",
        R"({"type":"ping","session":7})",
        R"({"type":"pong"})",
        R"({"type":"peer_joined"})",
        R"({"type":"peer_left"})",
        R"({"type":"error","code":"x","message":"y"})",
        R"({"type":"error","code":"x"})",
        R"({"type":"dance"})",
        R"({"type":7})",
        R"({"sdp":"x"})",
        R"({"type":"offer"})",
        R"({"type":"offer_ice","iceCandidate":"c"})",
        R"({"type":"offer_ice","iceCandidate":{"candidate":"c","sdpMLineIndex":65536}})",
        R"({"type":"offer_ice","iceCandidate":{"candidate":"c","sdpMLineIndex":65535}})",
        R"({"type":"offer_ice","iceCandidate":{"candidate":"c","sdpMLineIndex":-0}})",
        R"({"type":"offer_ice","iceCandidate":{"candidate":"c","sdpMid":5}})",
        R"([{"type":"offer","sdp":"x"}])",
        "null",
        "",
        "{\"type\":\"offer\",\"sdp\":\"\xC0\x80\"}",
        R"({"type":"offer","sdp":"\ud800"})",
        R"({"type":"offer","sdp":"x","n":1e999})",
        R"({"type":"offer","sdp":"x"} trailing)",
        R"({"type":"offer","sdp":"x","a":[[[[[[[[[]]]]]]]]]})",
        R"({"type":"offer","sdp":")" + std::string(70000, 'a') + "\"}",
    };
    return texts;
}

TEST(CheckPageMessage, AgreesWithDecodeForEveryInput) {
    const ProtocolLimits limits;
    for (const std::string& text : sample_texts()) {
        const std::optional<DecodeError> expected = decode_verdict(text, limits);
        const std::optional<DecodeError> got = refusal_of(check_page_message(text, limits));
        ASSERT_EQ(got.has_value(), expected.has_value()) << text.substr(0, 200);
        if (!expected) continue;
        EXPECT_EQ(got->code, expected->code) << text.substr(0, 200);
        EXPECT_EQ(got->detail, expected->detail) << text.substr(0, 200);
    }
}

TEST(CheckPageMessage, RefusesRelayOnlyTypes) {
    std::optional<DecodeError> joined = refusal_of(check_page_message(R"({"type":"joined","room":"r","peers":2})"));
    ASSERT_TRUE(joined.has_value());
    EXPECT_EQ(joined->code, error_code::kNotAllowed);
    EXPECT_EQ(joined->detail, "'joined' is sent only by the relay");
    std::optional<DecodeError> error = refusal_of(check_page_message(R"({"type":"error","code":"c","message":"m"})"));
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->detail, "'error' is sent only by the relay");
    // A relay-only type with bad fields is a bad message first, as decode() always said.
    std::optional<DecodeError> broken = refusal_of(check_page_message(R"({"type":"joined"})"));
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->code, error_code::kBadMessage);
    EXPECT_EQ(broken->detail, "field 'room' must be a string");
}

TEST(CheckPageMessage, NamesTheKindAPageMaySend) {
    PageCheck offer = check_page_message(R"({"type":"offer","sdp":"v=0"})");
    ASSERT_TRUE(std::holds_alternative<MessageKind>(offer));
    EXPECT_EQ(std::get<MessageKind>(offer), MessageKind::offer);
    EXPECT_TRUE(is_peer_kind(MessageKind::offer)) << "forwarded to the peer";
    PageCheck ping = check_page_message(R"({"type":"ping"})");
    ASSERT_TRUE(std::holds_alternative<MessageKind>(ping));
    EXPECT_EQ(std::get<MessageKind>(ping), MessageKind::ping);
    EXPECT_FALSE(is_peer_kind(MessageKind::ping)) << "answered by the relay, never forwarded";
    std::optional<DecodeError> pong = refusal_of(check_page_message(R"({"type":"pong"})"));
    ASSERT_TRUE(pong.has_value());
    EXPECT_EQ(pong->detail, "'pong' is sent only by the relay");
}

TEST(CheckPageMessage, AppliesTheLimitsFirst) {
    ProtocolLimits limits;
    limits.max_message_bytes = 10;
    std::optional<DecodeError> large = refusal_of(check_page_message(R"({"type":"hangup"})", limits));
    ASSERT_TRUE(large.has_value());
    EXPECT_EQ(large->code, error_code::kTooLarge);
    EXPECT_EQ(large->detail, "message is 17 bytes; the limit is 10");
    limits = ProtocolLimits{};
    limits.max_json_depth = 1;
    std::optional<DecodeError> deep = refusal_of(check_page_message(R"({"type":"hangup","x":[}})", limits));
    ASSERT_TRUE(deep.has_value());
    EXPECT_EQ(deep->code, error_code::kTooDeep);
    EXPECT_EQ(deep->detail, "JSON nests deeper than 1 levels");
}

TEST(CheckPageMessage, AllocatesNothingOnSuccess) {
    const std::string offer = R"({"type":"offer","sdp":"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n","x":[1,{"y":"\u00e9"}]})";
    const std::string candidate =
        R"({"iceCandidate":{"candidate":"candidate:1 1 udp 1 127.0.0.1 5 typ host","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"u"},"\u0074ype":"answer_ice"})";
    allocations = 0;
    counting = true;
    const bool offer_ok = !refusal_of(check_page_message(offer)).has_value();
    const bool candidate_ok = !refusal_of(check_page_message(candidate)).has_value();
    counting = false;
    EXPECT_TRUE(offer_ok);
    EXPECT_TRUE(candidate_ok);
    EXPECT_EQ(allocations.load(), 0u);
}

}  // namespace
}  // namespace p2p
