#include "shared/codec.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace p2p {
namespace {

IceCandidate full_candidate() {
    return IceCandidate{"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0u, "abcd"};
}

std::vector<Message> one_of_each() {
    return {Offer{"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"},
            Answer{"v=0\r\n"},
            OfferIce{full_candidate()},
            AnswerIce{IceCandidate{"", std::nullopt, std::nullopt, std::nullopt}},
            Hangup{},
            Ready{},
            RestartRequest{"p1-3"},
            Joined{"kitchen", 2, {}},
            Joined{"porch", 1, {}, 5000, 4000},
            Joined{"yard", 2, {}, 5000, 4000, 60},
            Joined{"hall", 1, {IceServer{{"stun:127.0.0.1:3478"}, std::nullopt, std::nullopt},
                              IceServer{{"turn:127.0.0.1:3478?transport=udp", "turns:127.0.0.1:5349"},
                                        "1700000000:alice", "c2VjcmV0"}}},
            IceServersUpdate{{IceServer{{"turn:127.0.0.1:3478"}, "1700021600:9f86d081884c7d65", "c2VjcmV0"}}},
            PeerJoined{},
            PeerLeft{},
            PeerAway{},
            Pong{},
            Error{"room_full", "this room already has two people"}};
}

Message decode_ok(std::string_view text) {
    DecodeResult result = decode(text);
    EXPECT_TRUE(result.ok()) << text << " -> " << (result.ok() ? "" : result.error().detail);
    return result.ok() ? result.message() : Message{PeerLeft{}};
}

void expect_error(std::string_view text, std::string_view code, std::string_view detail_part,
                  const ProtocolLimits& limits = {}) {
    DecodeResult result = decode(text, limits);
    ASSERT_FALSE(result.ok()) << text;
    EXPECT_EQ(result.error().code, code) << text;
    EXPECT_NE(result.error().detail.find(detail_part), std::string::npos)
        << "detail was: " << result.error().detail;
}

TEST(Codec, EveryTypeRoundTrips) {
    for (const Message& message : one_of_each()) {
        std::string text = encode(message);
        EXPECT_EQ(decode_ok(text), message) << text;
    }
}

TEST(Codec, TypeNamesMatchTheWire) {
    std::vector<std::string> names;
    for (const Message& message : one_of_each()) names.emplace_back(type_name(message));
    EXPECT_EQ(names, (std::vector<std::string>{"offer", "answer", "offer_ice", "answer_ice", "hangup", "ready", "restart",
                                                "joined", "joined", "joined", "joined", "ice_servers", "peer_joined", "peer_left",
                                                "peer_away", "pong", "error"}));
}

TEST(Codec, OnlyPageMessagesArePeerMessages) {
    EXPECT_TRUE(is_peer_message(Offer{}));
    EXPECT_TRUE(is_peer_message(AnswerIce{}));
    EXPECT_TRUE(is_peer_message(Hangup{}));
    EXPECT_TRUE(is_peer_message(Ready{}));
    EXPECT_TRUE(is_peer_message(RestartRequest{}));
    EXPECT_FALSE(is_peer_message(Joined{}));
    EXPECT_FALSE(is_peer_message(IceServersUpdate{}));
    EXPECT_FALSE(is_peer_message(Error{}));
}

// The seed's page sends JSON.stringify(RTCSessionDescription) and {type, iceCandidate: RTCIceCandidate}.
TEST(Codec, DecodesTheSeedPagesExactShapes) {
    EXPECT_EQ(decode_ok(R"({"type":"offer","sdp":"v=0\r\n"})"), Message{Offer{"v=0\r\n"}});
    EXPECT_EQ(decode_ok(R"({"type":"answer","sdp":"v=0\r\n"})"), Message{Answer{"v=0\r\n"}});
    EXPECT_EQ(decode_ok(R"({"type":"offer_ice","iceCandidate":{"candidate":"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"abcd"}})"),
              Message(OfferIce{full_candidate()}));
    EXPECT_EQ(decode_ok(R"({"type":"answer_ice","iceCandidate":{"candidate":"","sdpMid":null,"sdpMLineIndex":null,"usernameFragment":null}})"),
              Message(AnswerIce{IceCandidate{"", std::nullopt, std::nullopt, std::nullopt}}));
}

TEST(Codec, EncodesTheSeedsFieldNames) {
    EXPECT_EQ(encode(Offer{"x"}), R"({"sdp":"x","type":"offer"})");
    EXPECT_EQ(encode(OfferIce{full_candidate()}),
              R"({"iceCandidate":{"candidate":"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host","sdpMLineIndex":0,"sdpMid":"0","usernameFragment":"abcd"},"type":"offer_ice"})");
    EXPECT_EQ(encode(AnswerIce{IceCandidate{"c", std::nullopt, std::nullopt, std::nullopt}}),
              R"({"iceCandidate":{"candidate":"c","sdpMLineIndex":null,"sdpMid":null,"usernameFragment":null},"type":"answer_ice"})");
    EXPECT_EQ(encode(Joined{"r", 1}), R"({"peers":1,"room":"r","type":"joined"})");
    EXPECT_EQ(encode_error("room_full", "full"), R"({"code":"room_full","message":"full","type":"error"})");
}

// Every peer message may name its session; without one it is exactly the Node demo's message.
TEST(Codec, SessionRoundTripsOnEveryPeerMessage) {
    const std::vector<Message> with_session = {
        Offer{"v=0\r\n", "p1-1"}, Answer{"v=0\r\n", "p1-1"}, OfferIce{full_candidate(), "a.b_c-9"},
        AnswerIce{full_candidate(), "x"}, Hangup{"p1-2"}, Ready{"p1-2"}, RestartRequest{"p1-2"}};
    for (const Message& message : with_session) {
        std::string text = encode(message);
        EXPECT_EQ(decode_ok(text), message) << text;
        EXPECT_TRUE(session_of(message).has_value());
        EXPECT_EQ(refusal_of(check_page_message(text)), std::nullopt) << text;
    }
    EXPECT_EQ(encode(Offer{"x", "p1-1"}), R"({"sdp":"x","session":"p1-1","type":"offer"})");
    EXPECT_EQ(encode(Hangup{"p1-1"}), R"({"session":"p1-1","type":"hangup"})");
    EXPECT_EQ(encode(Ready{}), R"({"type":"ready"})") << "no session: no field";
    EXPECT_EQ(encode(RestartRequest{"s"}), R"({"session":"s","type":"restart"})");
    EXPECT_EQ(decode_ok(R"({"type":"answer","sdp":"s","session":null})"), Message(Answer{"s"}));
    EXPECT_EQ(session_of(Joined{"r", 1}), std::nullopt) << "relay messages carry none";
    std::string longest(kMaxSessionIdBytes, 'a');
    EXPECT_EQ(decode_ok(R"({"type":"ready","session":")" + longest + R"("})"), Message(Ready{longest}));
}

TEST(Codec, BadSessionIsRejectedWithItsRule) {
    const std::string rule = "field 'session' must be null or a string of 1-64 letters, digits, '-', '_' or '.'";
    const std::string too_long = "\"" + std::string(kMaxSessionIdBytes + 1, 'a') + "\"";
    for (const std::string& bad : {std::string(R"(7)"), std::string(R"("")"), std::string(R"("has space")"),
                                   std::string(R"("quote\"")"), std::string(R"("é")"), std::string(R"(["a"])"),
                                   too_long}) {
        std::string text = R"({"type":"offer","sdp":"s","session":)" + bad + "}";
        expect_error(text, error_code::kBadMessage, rule);
        std::optional<DecodeError> checked = refusal_of(check_page_message(text));
        ASSERT_TRUE(checked.has_value()) << text;
        EXPECT_EQ(checked->detail, rule) << "the relay refuses it with the same words";
    }
    // Escapes that spell allowed characters are the same id.
    EXPECT_EQ(decode_ok(R"({"type":"hangup","session":"a\u002d1"})"), Message(Hangup{"a-1"}));
    // The type's own fields are checked first, in declaration order.
    expect_error(R"({"type":"offer","session":7})", error_code::kBadMessage, "field 'sdp' must be a string");
}

TEST(Codec, PagePingPaceInJoined) {
    EXPECT_EQ(encode(Joined{"r", 1, {}, 5000, 4000}),
              R"({"peers":1,"pingIntervalMs":5000,"pongDeadlineMs":4000,"room":"r","type":"joined"})");
    EXPECT_EQ(decode_ok(R"({"type":"joined","room":"r","peers":1,"pingIntervalMs":null})"),
              Message(Joined{"r", 1})) << "absent or null: the page keeps its defaults";
    expect_error(R"({"type":"joined","room":"r","peers":1,"pingIntervalMs":-5})", error_code::kBadMessage,
                 "'pingIntervalMs'");
    expect_error(R"({"type":"joined","room":"r","peers":1,"pongDeadlineMs":"4s"})", error_code::kBadMessage,
                 "'pongDeadlineMs'");
    expect_error(R"({"type":"joined","room":"r","peers":1,"pongDeadlineMs":70000})", error_code::kBadMessage,
                 "'pongDeadlineMs'");
}

TEST(Codec, ResumeWindowInJoinedAndPeerAway) {
    EXPECT_EQ(encode(Joined{"r", 2, {}, 0, 0, 60}), R"({"peers":2,"resumeWindowSeconds":60,"room":"r","type":"joined"})");
    EXPECT_EQ(decode_ok(R"({"type":"joined","room":"r","peers":1,"resumeWindowSeconds":null})"), Message(Joined{"r", 1}))
        << "absent or null: a relay that holds no seats";
    expect_error(R"({"type":"joined","room":"r","peers":1,"resumeWindowSeconds":"1m"})", error_code::kBadMessage,
                 "'resumeWindowSeconds'");
    expect_error(R"({"type":"joined","room":"r","peers":1,"resumeWindowSeconds":-1})", error_code::kBadMessage,
                 "'resumeWindowSeconds'");
    EXPECT_EQ(encode(PeerAway{}), R"({"type":"peer_away"})");
    EXPECT_EQ(decode_ok(R"({"type":"peer_away","extra":1})"), Message(PeerAway{}));
    // Only the relay says a peer is away: a page sending it is refused like any relay message.
    auto checked = check_page_message(R"({"type":"peer_away"})");
    ASSERT_TRUE(std::holds_alternative<DecodeError>(checked));
    EXPECT_EQ(std::get<DecodeError>(checked).code, error_code::kNotAllowed);
}

TEST(Codec, IceServersInJoined) {
    EXPECT_EQ(encode(Joined{"r", 1, {IceServer{{"stun:h:3478"}, std::nullopt, std::nullopt}}}),
              R"({"iceServers":[{"urls":["stun:h:3478"]}],"peers":1,"room":"r","type":"joined"})");
    // RTCIceServer.urls may be a single string.
    Message m = decode_ok(R"({"type":"joined","room":"r","peers":1,"iceServers":[{"urls":"stun:h","username":"u","credential":"c"}]})");
    EXPECT_EQ(m, Message(Joined{"r", 1, {IceServer{{"stun:h"}, "u", "c"}}}));
    expect_error(R"({"type":"joined","room":"r","peers":1,"iceServers":{}})", error_code::kBadMessage,
                 "'iceServers' must be an array");
    expect_error(R"({"type":"joined","room":"r","peers":1,"iceServers":[1]})", error_code::kBadMessage,
                 "each entry of 'iceServers'");
    expect_error(R"({"type":"joined","room":"r","peers":1,"iceServers":[{"urls":[]}]})",
                 error_code::kBadMessage, "'iceServers[].urls'");
    expect_error(R"({"type":"joined","room":"r","peers":1,"iceServers":[{"urls":["a",2]}]})",
                 error_code::kBadMessage, "'iceServers[].urls'");
    expect_error(R"({"type":"joined","room":"r","peers":1,"iceServers":[{"urls":"a","username":5}]})",
                 error_code::kBadMessage, "'iceServers[].username'");
}

// Renewed TURN credentials, relay to page.
TEST(Codec, IceServersUpdate) {
    EXPECT_EQ(encode(IceServersUpdate{{IceServer{{"turn:h:3478"}, "1700021600:ab", "cw=="}}}),
              R"({"iceServers":[{"credential":"cw==","urls":["turn:h:3478"],"username":"1700021600:ab"}],"type":"ice_servers"})");
    EXPECT_EQ(encode(IceServersUpdate{}), R"({"iceServers":[],"type":"ice_servers"})");
    EXPECT_EQ(decode_ok(R"({"type":"ice_servers","iceServers":[{"urls":"turn:h","username":"u","credential":"c"}]})"),
              Message(IceServersUpdate{{IceServer{{"turn:h"}, "u", "c"}}}));
    EXPECT_EQ(decode_ok(R"({"type":"ice_servers"})"), Message(IceServersUpdate{}));
    expect_error(R"({"type":"ice_servers","iceServers":"turn:h"})", error_code::kBadMessage,
                 "'iceServers' must be an array");
    expect_error(R"({"type":"ice_servers","iceServers":[{"urls":"turn:h","credential":false}]})",
                 error_code::kBadMessage, "'iceServers[].credential'");
}

TEST(Codec, ToleratesExtraFieldsAndMissingNullables) {
    EXPECT_EQ(decode_ok(R"({"type":"offer","sdp":"s","extra":[1,2]})"), Message{Offer{"s"}});
    EXPECT_EQ(decode_ok(R"({"type":"offer_ice","iceCandidate":{"candidate":"c"}})"),
              Message(OfferIce{IceCandidate{"c", std::nullopt, std::nullopt, std::nullopt}}));
}

void expect_exact_error(std::string_view text, std::string_view code, std::string_view detail) {
    DecodeResult result = decode(text);
    ASSERT_FALSE(result.ok()) << text;
    EXPECT_EQ(result.error().code, code) << text;
    EXPECT_EQ(result.error().detail, detail) << text;
}

TEST(Codec, RejectsTextThatIsNotJson) {
    expect_exact_error("", error_code::kBadMessage, "not valid JSON: expected a JSON value at byte 0");
    expect_exact_error("hello", error_code::kBadMessage, "not valid JSON: expected a JSON value at byte 0");
    expect_exact_error(R"({"type":"offer","sdp":"x")", error_code::kBadMessage,
                       "not valid JSON: expected ',' or '}' at byte 25");
    expect_exact_error(R"({"type":"offer","sdp":"x"} {})", error_code::kBadMessage,
                       "not valid JSON: expected end of input at byte 27");
    // nlohmann took a NUL byte for the end of the text and let anything after it through.
    expect_exact_error(std::string(R"({"type":"hangup"})") + '\0' + "junk", error_code::kBadMessage,
                       "not valid JSON: expected end of input at byte 17");
    expect_exact_error("\xEF\xBB\xBF{\"type\":\"hangup\"}", error_code::kBadMessage,
                       "not valid JSON: expected a JSON value, not a byte order mark at byte 0");
    // A syntax error anywhere outranks "not an object".
    expect_exact_error("[1,]", error_code::kBadMessage, "not valid JSON: expected a JSON value at byte 3");
}

TEST(Codec, RejectsInvalidUtf8) {
    expect_exact_error("{\"type\":\"offer\",\"sdp\":\"\xff\xfe\"}", error_code::kBadMessage,
                       "not valid JSON: invalid UTF-8: byte 0xF5-0xFF never appears in UTF-8 at byte 23");
    expect_exact_error(R"({"type":"offer","sdp":"\udc00"})", error_code::kBadMessage,
                       "not valid JSON: lone low surrogate \\uDC00-\\uDFFF at byte 23");
}

TEST(Codec, RejectsNumbersADoubleCannotHold) {
    expect_exact_error(R"({"type":"hangup","x":1e400})", error_code::kBadMessage,
                       "not valid JSON: number too large for a double at byte 21");
}

// Like JSON.parse in the pages, so the relay and the browser read the same message.
TEST(Codec, TheLastDuplicateKeyWins) {
    EXPECT_EQ(decode_ok(R"({"type":"offer","sdp":"a","sdp":"b"})"), Message{Offer{"b"}});
    EXPECT_EQ(decode_ok(R"({"type":"offer","sdp":"a","type":"hangup"})"), Message{Hangup{}});
    EXPECT_EQ(decode_ok(R"({"type":"offer","sdp":7,"sdp":"b"})"), Message{Offer{"b"}});
    expect_exact_error(R"({"type":"offer","sdp":"b","sdp":7})", error_code::kBadMessage,
                       "field 'sdp' must be a string");
    EXPECT_EQ(decode_ok(R"({"type":"offer_ice","iceCandidate":{"candidate":"a","candidate":"b"}})"),
              Message(OfferIce{IceCandidate{"b", std::nullopt, std::nullopt, std::nullopt}}));
}

TEST(Codec, EscapedKeysAndValuesMeanWhatTheyUnescapeTo) {
    EXPECT_EQ(decode_ok(R"({"\u0074ype":"\u006fffer","\u0073dp":"\ud83d\ude00\r\n"})"),
              Message{Offer{"\xF0\x9F\x98\x80\r\n"}});
    expect_exact_error(R"({"type":"off\u0000er"})", error_code::kUnknownType,
                       std::string("unknown message type 'off") + '\0' + "er'");
}

TEST(Codec, IndexesAreUnsignedIntegersUpTo65535) {
    auto with_index = [](std::string_view index) {
        return R"({"type":"offer_ice","iceCandidate":{"candidate":"c","sdpMLineIndex":)" + std::string(index) + "}}";
    };
    EXPECT_EQ(decode_ok(with_index("65535")), Message(OfferIce{IceCandidate{"c", std::nullopt, 65535u, std::nullopt}}));
    EXPECT_EQ(decode_ok(with_index("0")), Message(OfferIce{IceCandidate{"c", std::nullopt, 0u, std::nullopt}}));
    const std::string detail = "field 'iceCandidate.sdpMLineIndex' must be a small non-negative integer or null";
    for (std::string_view bad : {"65536", "-0", "1e0", "0.0", "18446744073709551616", "true", "[0]"}) {
        expect_exact_error(with_index(bad), error_code::kBadMessage, detail);
    }
    expect_exact_error(R"({"type":"joined","room":"r","peers":null})", error_code::kBadMessage,
                       "field 'peers' must be a non-negative integer");
    expect_exact_error(R"({"type":"joined","room":"r","peers":-1})", error_code::kBadMessage,
                       "field 'peers' must be a small non-negative integer or null");
}

TEST(Codec, ReportsTheFirstBadFieldInDeclarationOrder) {
    expect_exact_error(R"({"type":"joined","peers":-1,"iceServers":5})", error_code::kBadMessage,
                       "field 'room' must be a string");
    expect_exact_error(R"({"type":"joined","room":"r","peers":-1,"iceServers":5})", error_code::kBadMessage,
                       "field 'iceServers' must be an array");
    expect_exact_error(R"({"type":"joined","room":"r","iceServers":[{"urls":"u","username":1},7]})",
                       error_code::kBadMessage, "field 'iceServers[].username' must be a string or null");
    expect_exact_error(R"({"type":"error","message":1})", error_code::kBadMessage, "field 'code' must be a string");
    expect_exact_error(R"({"type":"offer_ice","iceCandidate":{"sdpMid":1}})", error_code::kBadMessage,
                       "field 'iceCandidate.candidate' must be a string");
}

TEST(Codec, EncodeEscapesLikeBefore) {
    EXPECT_EQ(encode(Offer{std::string("a\"b\\c/\n\x01\x7f\0", 10)}),
              std::string(R"({"sdp":"a\"b\\c/\n\u0001)") + "\x7f" + R"(\u0000","type":"offer"})");
    EXPECT_EQ(encode_error("bad_message", "bad \xff byte"),
              "{\"code\":\"bad_message\",\"message\":\"bad \xEF\xBF\xBD byte\",\"type\":\"error\"}");
}

TEST(Codec, RejectsNonObjects) {
    expect_error("[]", error_code::kBadMessage, "JSON object");
    expect_error("42", error_code::kBadMessage, "JSON object");
    expect_error(R"("offer")", error_code::kBadMessage, "JSON object");
    expect_error("null", error_code::kBadMessage, "JSON object");
}

TEST(Codec, RejectsMissingOrNonStringType) {
    expect_error(R"({"sdp":"x"})", error_code::kBadMessage, "'type'");
    expect_error(R"({"type":7})", error_code::kBadMessage, "'type'");
    expect_error(R"({"type":null})", error_code::kBadMessage, "'type'");
}

TEST(Codec, RejectsUnknownType) {
    expect_error(R"({"type":"dance"})", error_code::kUnknownType, "'dance'");
}

TEST(Codec, RejectsWrongFieldTypes) {
    expect_error(R"({"type":"offer"})", error_code::kBadMessage, "'sdp'");
    expect_error(R"({"type":"answer","sdp":12})", error_code::kBadMessage, "'sdp'");
    expect_error(R"({"type":"offer_ice"})", error_code::kBadMessage, "'iceCandidate'");
    expect_error(R"({"type":"offer_ice","iceCandidate":"c"})", error_code::kBadMessage, "'iceCandidate'");
    expect_error(R"({"type":"offer_ice","iceCandidate":{"candidate":1}})", error_code::kBadMessage,
                 "'iceCandidate.candidate'");
    expect_error(R"({"type":"answer_ice","iceCandidate":{"candidate":"c","sdpMid":0}})",
                 error_code::kBadMessage, "'iceCandidate.sdpMid'");
    expect_error(R"({"type":"answer_ice","iceCandidate":{"candidate":"c","sdpMLineIndex":-1}})",
                 error_code::kBadMessage, "'iceCandidate.sdpMLineIndex'");
    expect_error(R"({"type":"answer_ice","iceCandidate":{"candidate":"c","sdpMLineIndex":"0"}})",
                 error_code::kBadMessage, "'iceCandidate.sdpMLineIndex'");
    expect_error(R"({"type":"answer_ice","iceCandidate":{"candidate":"c","sdpMLineIndex":1.5}})",
                 error_code::kBadMessage, "'iceCandidate.sdpMLineIndex'");
    expect_error(R"({"type":"joined","room":"r"})", error_code::kBadMessage, "'peers'");
    expect_error(R"({"type":"error","code":"x"})", error_code::kBadMessage, "'message'");
}

TEST(Codec, RejectsTooDeepBeforeParsing) {
    std::string deep = R"({"type":"offer","sdp":"x","a":)" + std::string(100000, '[') +
                       std::string(100000, ']') + "}";
    ProtocolLimits limits;
    limits.max_message_bytes = deep.size();
    expect_error(deep, error_code::kTooDeep, "deeper than 8", limits);
}

// Too deep wins over whatever else is wrong, even a syntax error before the nesting starts.
TEST(Codec, TooDeepOutranksEveryOtherProblem) {
    const std::string nine_deep = std::string(9, '[') + std::string(9, ']');
    expect_exact_error("x" + nine_deep, error_code::kTooDeep, "JSON nests deeper than 8 levels");
    expect_exact_error(R"({"type":"dance","a":)" + nine_deep + "}", error_code::kTooDeep,
                       "JSON nests deeper than 8 levels");
    expect_exact_error(R"({"type":"offer","a":)" + std::string(9, '['), error_code::kTooDeep,
                       "JSON nests deeper than 8 levels");
    const std::string eight_deep = std::string(7, '[') + std::string(7, ']');
    EXPECT_EQ(decode_ok(R"({"type":"hangup","a":)" + eight_deep + "}"), Message{Hangup{}});
}

TEST(Codec, RejectsTooLarge) {
    std::string big = R"({"type":"offer","sdp":")" + std::string(64 * 1024, 'a') + "\"}";
    expect_error(big, error_code::kTooLarge, "limit is 65536");
}

TEST(Codec, AcceptsAMessageExactlyAtTheLimit) {
    std::string head = R"({"type":"offer","sdp":")";
    std::string text = head + std::string(64 * 1024 - head.size() - 2, 'a') + "\"}";
    ASSERT_EQ(text.size(), 64u * 1024u);
    EXPECT_TRUE(decode(text).ok());
}

TEST(Codec, EncodeSurvivesInvalidUtf8InCallerStrings) {
    std::string text = encode(Error{"bad_message", std::string("bad \xff byte")});
    EXPECT_EQ(decode_ok(text), Message(Error{"bad_message", "bad \xEF\xBF\xBD byte"})) << text;
}

}  // namespace
}  // namespace p2p
