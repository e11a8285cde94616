// The pure helpers of the client: SHA-256, fingerprints and the code, stats math, backoff, the
// data channel format and the language tables.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "wasm/backoff.hpp"
#include "wasm/data_message.hpp"
#include "wasm/diagnostics_json.hpp"
#include "wasm/log_text.hpp"
#include "wasm/session_list.hpp"
#include "wasm/sha256.hpp"
#include "wasm/stats_math.hpp"
#include "wasm/verification.hpp"

namespace p2p::client {
namespace {

std::string hex(const std::array<std::uint8_t, 32>& digest) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::uint8_t b : digest) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex(sha256(std::string(1000, 'a'))),
              "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(Verification, FingerprintIsReadFromTheSdp) {
    EXPECT_EQ(sdp_fingerprint("v=0\r\na=fingerprint:SHA-256 AB:CD\r\na=setup:actpass\r\n"), "sha-256 ab:cd");
    EXPECT_EQ(sdp_fingerprint("v=0\na=fingerprint:sha-256 01:02"), "sha-256 01:02");
    EXPECT_EQ(sdp_fingerprint("v=0\r\n"), "");
}

TEST(Verification, CodeIsSymmetricSixDigitsAndChangesWithAnyFingerprint) {
    std::string ab = verification_code("sha-256 aa", "sha-256 bb");
    EXPECT_EQ(ab, verification_code("sha-256 bb", "sha-256 aa"));
    ASSERT_EQ(ab.size(), 7u);
    EXPECT_EQ(ab[3], ' ');
    EXPECT_NE(ab, verification_code("sha-256 aa", "sha-256 bc")) << "a man in the middle changes one side";
    EXPECT_EQ(verification_code("", "sha-256 bb"), "");
}

TEST(StatsMath, RatesLossAndFpsFromTwoSamples) {
    StatsSample a{0, 1000, 2000, 100, 0, 10, 0, 0, -1, "", "", "", "", ""};
    StatsSample b{2000, 251000, 502000, 190, 10, 70, 1280, 720, 20.5, "relay", "srflx", "udp", "tls", "203.0.113.9:3478"};
    StatsView v = compute_stats(a, b);
    EXPECT_DOUBLE_EQ(v.out_kbps, 1000);
    EXPECT_DOUBLE_EQ(v.in_kbps, 2000);
    EXPECT_DOUBLE_EQ(v.fps, 30);
    EXPECT_DOUBLE_EQ(v.loss_percent, 10);
    EXPECT_EQ(v.width, 1280);
    EXPECT_EQ(v.path, "relay");
    EXPECT_EQ(v.transport, "tls") << "a local relay candidate: how it reaches the TURN server";
    EXPECT_EQ(v.local_type, "relay");
    EXPECT_EQ(v.remote_type, "srflx");
    StatsView reset = compute_stats(b, a);
    EXPECT_EQ(reset.in_kbps, 0) << "counters that went back mean a new connection, not a rate";
}

TEST(StatsMath, FormatDecimal) {
    EXPECT_EQ(format_decimal(12.345, 1), "12.3");
    EXPECT_EQ(format_decimal(0.05, 1), "0.1");
    EXPECT_EQ(format_decimal(7, 0), "7");
    EXPECT_EQ(format_decimal(-1.5, 2), "-1.50");
    EXPECT_EQ(format_decimal(1234567.0, 0), "1234567");
    EXPECT_EQ(format_decimal(640, 0), "640");
    EXPECT_EQ(format_decimal(1e300, 1), "-");
}

TEST(DiagnosticsJson, QuotesControlCharactersQuotesAndBackslashes) {
    EXPECT_EQ(json_quote("a\"b\\c\n\x01é"), "\"a\\\"b\\\\c\\u000a\\u0001é\"");
}

TEST(DiagnosticsJson, HoldsTimelineStateAndLastStats) {
    StatsView stats;
    stats.rtt_ms = 1.25;
    stats.in_kbps = 812.5;
    stats.width = 640;
    stats.height = 480;
    stats.path = "host";
    stats.transport = "udp";
    stats.local_type = "host";
    stats.remote_type = "host";
    std::string text = diagnostics_json({"[10:00:01] one", "[10:00:02] two \"q\""}, stats, "connected", "UA/1");
    EXPECT_NE(text.find("\"timeline\": [\n    \"[10:00:01] one\",\n    \"[10:00:02] two \\\"q\\\"\"\n  ]"),
              std::string::npos) << text;
    EXPECT_NE(text.find("\"rttMs\": 1.3,"), std::string::npos) << text;
    EXPECT_NE(text.find("\"inKbps\": 812.5,"), std::string::npos) << text;
    EXPECT_NE(text.find("\"width\": 640,"), std::string::npos) << text;
    EXPECT_NE(text.find("\"path\": \"host\",\n    \"transport\": \"udp\","), std::string::npos) << text;
    EXPECT_NE(text.find("\"remoteCandidateType\": \"host\"\n  }\n}"), std::string::npos) << text;
    EXPECT_NE(text.find("\"callState\": \"connected\""), std::string::npos) << text;
    const std::string idle = diagnostics_json({}, StatsView{}, "idle", "");
    EXPECT_NE(idle.find("\"timeline\": [],\n  \"connectionCheck\": null,\n  \"lastStats\""), std::string::npos);
    EXPECT_NE(diagnostics_json({}, StatsView{}, "idle", "").find("\"rttMs\": null,"), std::string::npos);
}

TEST(Backoff, DoublesToEightSecondsWithJitterAndResets) {
    Backoff b(42);
    int bases[] = {500, 1000, 2000, 4000, 8000, 8000, 8000};
    for (int base : bases) {
        int d = b.next_delay_ms();
        EXPECT_GE(d, base * 3 / 4);
        EXPECT_LT(d, base * 5 / 4);
    }
    b.reset();
    EXPECT_LT(b.next_delay_ms(), 625);
    std::set<int> seen;
    Backoff c(7);
    for (int i = 0; i < 20; ++i) {
        c.reset();
        seen.insert(c.next_delay_ms());
    }
    EXPECT_GT(seen.size(), 5u) << "jitter spreads pages that lost the same relay";
}

TEST(DataMessage, RoundTripAndRejects) {
    for (const DataMessage& m : {DataMessage{DataMessage::Kind::Chat, "hi 你好", false},
                                 DataMessage{DataMessage::Kind::Mic, {}, true},
                                 DataMessage{DataMessage::Kind::Camera, {}, false}}) {
        auto back = decode_data(encode_data(m));
        ASSERT_TRUE(back);
        EXPECT_EQ(back->kind, m.kind);
        EXPECT_EQ(back->text, m.text);
        EXPECT_EQ(back->on, m.on);
    }
    for (const char* bad : {"", "c", "m2", "x1", "v"}) EXPECT_FALSE(decode_data(bad)) << bad;
    EXPECT_FALSE(decode_data("c" + std::string(kMaxChatBytes + 1, 'x')));
}

TEST(Texts, EveryIdHasAStringInBothLanguages) {
    for (int i = 0; i < static_cast<int>(Text::Count); ++i) {
        auto id = static_cast<Text>(i);
        EXPECT_FALSE(text(id, Lang::Zh).empty()) << i;
        EXPECT_FALSE(text(id, Lang::En).empty()) << i;
        EXPECT_NE(text(id, Lang::Zh), "?");
    }
    EXPECT_EQ(text(Text::PeerHungUp, Lang::Zh), "对方已挂断");
    EXPECT_EQ(text(Text::PeerHungUp, Lang::En), "The other person hung up");
}

}  // namespace
}  // namespace p2p::client

namespace p2p::client {
namespace {

// The hang-up a tab remembers across a reload: what join writes, split reads back.
TEST(SessionList, JoinAndSplitRoundTrip) {
    std::vector<std::string> ids{"a1b2c3d4-2", "a1b2c3d4-1"};
    EXPECT_EQ(join_session_ids(ids), "a1b2c3d4-2 a1b2c3d4-1");
    EXPECT_EQ(split_session_ids(join_session_ids(ids)), ids);
    EXPECT_TRUE(split_session_ids("").empty());
    EXPECT_EQ(split_session_ids("  x  y "), (std::vector<std::string>{"x", "y"})) << "stray spaces are no ids";
}

}  // namespace
}  // namespace p2p::client
