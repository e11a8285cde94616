// Who may connect and how: Origin checks, the TLS profile, the plain-HTTP redirect, the
// operations endpoints and HTTP caching of the static files.
#include <gtest/gtest.h>

#include "tests/server/loopback_ports.hpp"
#include "tests/server/raw_clients.hpp"
#include "tests/server/relay_fixture.hpp"
#include "tests/server/test_clients.hpp"
#include "tests/server/ws_helpers.hpp"

namespace p2p::relay::testing {
namespace {

using RelayHardening = RelayFixture;

const Headers kUpgrade = {{"Connection", "Upgrade"}, {"Upgrade", "websocket"},
                          {"Sec-WebSocket-Version", "13"}, {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};

Headers upgrade_from(const std::string& origin) {
    Headers headers = kUpgrade;
    headers.emplace_back("Origin", origin);
    return headers;
}

std::string metrics_text(std::uint16_t port) { return https_request(port, http::verb::get, "/metrics").body(); }

TEST_F(RelayHardening, ForeignOriginGets403BeforeTheUpgrade) {
    auto response = https_request(port(), http::verb::get, "/ws?room=a", upgrade_from("https://evil.example"));
    EXPECT_EQ(response.result(), http::status::forbidden);
    EXPECT_THROW(WsClient(port(), "/ws", {{"Origin", "https://evil.example"}}), std::runtime_error);
    EXPECT_NE(metrics_text(port()).find("p2p_relay_rejected_total{reason=\"origin\"} 2"), std::string::npos);
}

TEST_F(RelayHardening, SameOriginAndNoOriginAreAllowed) {
    WsClient same(port(), "/ws?room=a", {{"Origin", "https://localhost:" + std::to_string(port())}});
    EXPECT_EQ(decoded(same.read()), joined("a", 1));
    WsClient none(port(), "/ws?room=a");
    EXPECT_EQ(decoded(none.read()), joined("a", 2));
}

TEST(RelayOrigins, AllowedOriginFlagAddsAnOrigin) {
    TempDir dir;
    RelayProcess relay(loopback_args_with(dir.path(), {"--allowed-origin", "https://call.example"}));
    WsClient allowed(relay.port(), "/ws", {{"Origin", "https://call.example"}});
    EXPECT_EQ(decoded(allowed.read()), joined("default", 1));
    EXPECT_THROW(WsClient(relay.port(), "/ws", {{"Origin", "https://other.example"}}), std::runtime_error);
}

TEST_F(RelayHardening, ModernTlsIsAccepted) {
    EXPECT_TRUE(tls_handshake_succeeds(port(), [](SSL_CTX*) {}));
    EXPECT_TRUE(tls_handshake_succeeds(port(), [](SSL_CTX* ctx) { SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION); }));
    EXPECT_TRUE(tls_handshake_succeeds(port(), [](SSL_CTX* ctx) { SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION); }));
}

TEST_F(RelayHardening, OldTlsVersionsAreRefused) {
    for (int version : {TLS1_VERSION, TLS1_1_VERSION}) {
        EXPECT_FALSE(tls_handshake_succeeds(port(), [version](SSL_CTX* ctx) {
            SSL_CTX_set_min_proto_version(ctx, version);
            SSL_CTX_set_max_proto_version(ctx, version);
        })) << version;
    }
}

TEST_F(RelayHardening, WeakCiphersAreRefused) {
    for (const char* cipher : {"AES128-SHA", "AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384"}) {
        EXPECT_FALSE(tls_handshake_succeeds(port(), [cipher](SSL_CTX* ctx) {
            SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
            SSL_CTX_set_cipher_list(ctx, cipher);
        })) << cipher;
    }
}

TEST_F(RelayHardening, OnlyTheIntermediateGroupsAreOffered) {
    EXPECT_FALSE(tls_handshake_succeeds(port(), [](SSL_CTX* ctx) { SSL_CTX_set1_groups_list(ctx, "P-521:ffdhe2048"); }));
    for (const char* group : {"X25519", "P-256", "P-384"}) {
        EXPECT_TRUE(tls_handshake_succeeds(port(), [group](SSL_CTX* ctx) { SSL_CTX_set1_groups_list(ctx, group); }))
            << group;
    }
}

TEST_F(RelayHardening, HealthzAndMetricsAnswer) {
    auto health = https_request(port(), http::verb::get, "/healthz");
    EXPECT_EQ(health.result(), http::status::ok);
    EXPECT_EQ(health.body(), "ok\n");
    Pair pair = join_pair(port(), "m");
    pair.first->send(R"({"type":"offer","sdp":"v=0"})");
    pair.second->read();
    pair.first->send("nonsense");
    pair.first->read();
    auto metrics = https_request(port(), http::verb::get, "/metrics");
    EXPECT_EQ(metrics.result(), http::status::ok);
    EXPECT_EQ(metrics[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
    for (const char* line : {"p2p_relay_peers 2\n", "p2p_relay_rooms 1\n", "p2p_relay_messages_relayed_total 1\n",
                             "p2p_relay_bytes_relayed_total 28\n", "p2p_relay_errors_total{code=\"bad_message\"} 1\n"}) {
        EXPECT_NE(metrics.body().find(line), std::string::npos) << line << metrics.body();
    }
}

TEST_F(RelayHardening, RequestWithABodyIsRefused) {
    RawOutcome outcome = tls_trickle(port(), {"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"}, 0ms, 3s);
    EXPECT_NE(outcome.received.find("413"), std::string::npos) << outcome.received;
}

TEST(RelayRedirect, PlainHttpPortRedirectsEverythingToHttps) {
    TempDir dir;
    const std::uint16_t plain = free_tcp_port();
    RelayProcess relay(loopback_args_with(dir.path(), {"--http-redirect-port", std::to_string(plain)}));
    std::string response = plain_http_exchange(plain, "GET /p2p?type=offer HTTP/1.1\r\nHost: localhost:" +
                                                          std::to_string(plain) + "\r\n\r\n");
    EXPECT_TRUE(response.starts_with("HTTP/1.1 301")) << response;
    EXPECT_NE(response.find("Location: https://localhost:" + std::to_string(relay.port()) + "/p2p?type=offer\r\n"),
              std::string::npos) << response;
    EXPECT_TRUE(plain_http_exchange(plain, "GET / HTTP/1.1\r\nHost: a b\r\n\r\n").starts_with("HTTP/1.1 400"));
}

}  // namespace
}  // namespace p2p::relay::testing
