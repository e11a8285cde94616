#include "server/config.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

ParsedOptions parse(std::vector<std::string_view> args) {
    Config defaults;
    defaults.state_dir = "/state";
    return parse_options(args, defaults);
}

void expect_failure(std::vector<std::string_view> args, std::string_view mentions) {
    ParsedOptions parsed = parse(args);
    EXPECT_EQ(parsed.action, ParsedOptions::Action::fail) << mentions;
    EXPECT_NE(parsed.error.find(mentions), std::string::npos) << parsed.error;
}

TEST(Options, DefaultsWhenNoFlags) {
    ParsedOptions parsed = parse({});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run);
    EXPECT_EQ(parsed.config.address, "0.0.0.0");
    EXPECT_EQ(parsed.config.port, 8443);
    EXPECT_FALSE(parsed.config.cert_file);
    EXPECT_EQ(parsed.config.state_dir, "/state");
    EXPECT_EQ(parsed.config.web_root, default_web_root());
    EXPECT_EQ(parsed.config.threads, 1u);
    EXPECT_EQ(parsed.config.limits.max_message_bytes, ProtocolLimits{}.max_message_bytes);
}

TEST(Options, EveryFlagInBothSpellings) {
    ParsedOptions parsed = parse({"--address", "::1", "--port=0", "--cert", "c.pem", "--key=k.pem",
                                  "--web-root", "/www", "--state-dir=/s", "--threads", "4"});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    EXPECT_EQ(parsed.config.address, "::1");
    EXPECT_EQ(parsed.config.port, 0);
    EXPECT_EQ(parsed.config.cert_file, std::filesystem::path("c.pem"));
    EXPECT_EQ(parsed.config.key_file, std::filesystem::path("k.pem"));
    EXPECT_EQ(parsed.config.web_root, "/www");
    EXPECT_EQ(parsed.config.state_dir, "/s");
    EXPECT_EQ(parsed.config.threads, 4u);
}

TEST(Options, LimitDefaultsAreSafe) {
    const Config config = parse({}).config;
    EXPECT_EQ(config.limits.max_message_bytes, 64u * 1024);
    EXPECT_LE(config.websocket_idle_timeout, std::chrono::seconds(kMaxIdleTimeoutSeconds));
    EXPECT_EQ(config.websocket_idle_timeout, std::chrono::seconds(20));
    EXPECT_EQ(config.tls_handshake_timeout, std::chrono::seconds(30));
    EXPECT_EQ(config.http_timeout, std::chrono::seconds(30));
    EXPECT_EQ(config.max_connections_per_ip, 32u);
    EXPECT_GE(config.message_burst, 100) << "trickle ICE sends dozens of candidates at once";
    EXPECT_TRUE(config.allowed_origins.empty());
    EXPECT_FALSE(config.http_redirect_port);
    EXPECT_EQ(config.log_level, LogLevel::info);
}

TEST(Options, EveryLimitFlag) {
    ParsedOptions parsed = parse({"--max-message-bytes", "8192", "--max-header-bytes=4096", "--max-queued-bytes",
                                  "65536", "--max-queued-messages", "64", "--max-connections", "10",
                                  "--max-connections-per-ip", "3", "--max-rooms", "7", "--rate", "5", "--burst",
                                  "9", "--handshake-timeout", "2", "--http-timeout", "3", "--idle-timeout", "4",
                                  "--page-ping", "1500", "--page-pong-deadline=700", "--resume-window", "0",
                                  "--allowed-origin", "https://a.example", "--allowed-origin=http://b:1",
                                  "--http-redirect-port", "8080", "--log-level", "debug"});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    const Config& c = parsed.config;
    EXPECT_EQ(c.limits.max_message_bytes, 8192u);
    EXPECT_EQ(c.max_request_header_bytes, 4096u);
    EXPECT_EQ(c.max_queued_bytes, 65536u);
    EXPECT_EQ(c.max_queued_messages, 64u);
    EXPECT_EQ(c.max_connections, 10u);
    EXPECT_EQ(c.max_connections_per_ip, 3u);
    EXPECT_EQ(c.max_rooms, 7u);
    EXPECT_EQ(c.message_rate, 5);
    EXPECT_EQ(c.message_burst, 9);
    EXPECT_EQ(c.tls_handshake_timeout, std::chrono::seconds(2));
    EXPECT_EQ(c.websocket_handshake_timeout, std::chrono::seconds(2));
    EXPECT_EQ(c.http_timeout, std::chrono::seconds(3));
    EXPECT_EQ(c.websocket_idle_timeout, std::chrono::seconds(4));
    EXPECT_EQ(c.page_ping_interval, std::chrono::milliseconds(1500));
    EXPECT_EQ(c.page_pong_deadline, std::chrono::milliseconds(700));
    EXPECT_EQ(c.resume_window, std::chrono::seconds(0));
    EXPECT_EQ(c.allowed_origins, (std::vector<std::string>{"https://a.example", "http://b:1"}));
    EXPECT_EQ(c.http_redirect_port, 8080);
    EXPECT_EQ(c.log_level, LogLevel::debug);
}

TEST(Options, RejectsUnsafeLimits) {
    expect_failure({"--idle-timeout", "31"}, "--idle-timeout");
    expect_failure({"--idle-timeout", "0"}, "--idle-timeout");
    expect_failure({"--page-ping", "499"}, "--page-ping");
    expect_failure({"--page-ping", "60001"}, "--page-ping");
    expect_failure({"--page-pong-deadline", "5s"}, "--page-pong-deadline");
    expect_failure({"--resume-window", "3601"}, "--resume-window");
    expect_failure({"--resume-window", "-1"}, "--resume-window");
    expect_failure({"--resume-window", "1m"}, "--resume-window");
    expect_failure({"--max-message-bytes", "100"}, "--max-message-bytes");
    expect_failure({"--max-message-bytes", "999999999"}, "--max-message-bytes");
    expect_failure({"--max-connections", "0"}, "--max-connections");
    expect_failure({"--max-handshakes", "0"}, "--max-handshakes");
    expect_failure({"--max-handshakes-per-ip", "x"}, "--max-handshakes-per-ip");
    expect_failure({"--rate", "0"}, "--rate");
    expect_failure({"--http-timeout", "x"}, "--http-timeout");
    expect_failure({"--allowed-origin", "evil.example"}, "--allowed-origin");
    expect_failure({"--http-redirect-port", "0"}, "--http-redirect-port");
    expect_failure({"--log-level", "loud"}, "--log-level");
}

TEST(Options, HelpWinsWhereverItIs) {
    EXPECT_EQ(parse({"--port", "1", "--help"}).action, ParsedOptions::Action::show_help);
    EXPECT_EQ(parse({"-h"}).action, ParsedOptions::Action::show_help);
}

TEST(Options, RejectsBadInput) {
    expect_failure({"--bogus"}, "unknown option '--bogus'");
    expect_failure({"extra"}, "unknown option 'extra'");
    expect_failure({"--port"}, "--port needs a value");
    expect_failure({"--port", "65536"}, "--port");
    expect_failure({"--port", "-1"}, "--port");
    expect_failure({"--port", "80x"}, "--port");
    expect_failure({"--port="}, "non-empty");
    expect_failure({"--threads", "0"}, "--threads");
    expect_failure({"--threads", "65"}, "--threads");
    expect_failure({"--address", "example.com"}, "--address");
    expect_failure({"--cert", "c.pem"}, "together");
    expect_failure({"--key", "k.pem"}, "together");
}

TEST(Options, UsageListsEveryFlagWithDefaults) {
    Config defaults;
    defaults.state_dir = "/var/state-here";
    std::string usage = usage_text(defaults);
    for (const char* flag : {"--address", "--port", "--cert", "--key", "--web-root", "--state-dir",
                             "--threads", "--help", "0.0.0.0", "8443", "/var/state-here",
                             "--max-message-bytes", "--max-header-bytes", "--max-queued-bytes",
                             "--max-queued-messages", "--max-connections", "--max-connections-per-ip", "--max-handshakes",
                             "--max-handshakes-per-ip",
                             "--max-rooms", "--rate", "--burst", "--handshake-timeout", "--http-timeout",
                             "--idle-timeout", "--page-ping", "--page-pong-deadline", "--resume-window", "(default 60)", "--allowed-origin", "--http-redirect-port", "--log-level",
                             "65536", "(default 20)", "(default 32)", "(default 50)", "(default 200)"}) {
        EXPECT_NE(usage.find(flag), std::string::npos) << flag;
    }
    EXPECT_NE(usage.find(default_web_root().string()), std::string::npos);
}

TEST(Options, StateDirFollowsXdgThenHome) {
    EXPECT_EQ(default_state_dir("/xdg", "/home/u"), "/xdg/p2p-call");
    EXPECT_EQ(default_state_dir(nullptr, "/home/u"), "/home/u/.local/state/p2p-call");
    EXPECT_EQ(default_state_dir("relative", "/home/u"), "/home/u/.local/state/p2p-call");
    EXPECT_EQ(default_state_dir("", "/home/u"), "/home/u/.local/state/p2p-call");
    EXPECT_EQ(default_state_dir(nullptr, nullptr), "p2p-call-state");
}

}  // namespace
}  // namespace p2p::relay

namespace p2p::relay {
namespace {

TEST(RedisOptions, OffByDefault) {
    ParsedOptions parsed = parse({});
    EXPECT_FALSE(parsed.config.redis);
    EXPECT_EQ(parsed.config.redis_ttl, std::chrono::seconds(15));
    EXPECT_EQ(parsed.config.redis_refresh, std::chrono::seconds(5));
    // A crashed relay's peers are noticed within the liveness promise of a dead connection.
    EXPECT_LE(parsed.config.redis_ttl + parsed.config.redis_refresh, parsed.config.websocket_idle_timeout);
}

TEST(RedisOptions, UrlAndTimings) {
    ParsedOptions parsed = parse({"--redis", "redis://:pw@10.0.0.5:6380/1", "--redis-ttl", "8", "--redis-refresh=4"});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    ASSERT_TRUE(parsed.config.redis);
    EXPECT_EQ(parsed.config.redis->host, "10.0.0.5");
    EXPECT_EQ(parsed.config.redis->port, 6380);
    EXPECT_EQ(parsed.config.redis->password, "pw");
    EXPECT_EQ(parsed.config.redis->db, 1u);
    EXPECT_EQ(parsed.config.redis_ttl, std::chrono::seconds(8));
    EXPECT_EQ(parsed.config.redis_refresh, std::chrono::seconds(4));
    EXPECT_TRUE(parsed.warnings.empty());
}

TEST(RedisOptions, RejectsBadValues) {
    expect_failure({"--redis", "localhost:6379"}, "--redis");
    expect_failure({"--redis", "redis://h", "--redis-ttl", "1"}, "--redis-ttl");
    expect_failure({"--redis", "redis://h", "--redis-ttl", "301"}, "--redis-ttl");
    expect_failure({"--redis", "redis://h", "--redis-refresh", "0"}, "--redis-refresh");
    expect_failure({"--redis", "redis://h", "--redis-refresh", "151"}, "--redis-refresh");
    expect_failure({"--redis", "redis://h", "--redis-ttl", "4", "--redis-refresh", "3"}, "at most half");
    expect_failure({"--redis", "redis://h", "--redis-ttl", "2", "--redis-refresh", "1", "--redis-ttl", "1"},
                   "--redis-ttl");
}

TEST(RedisOptions, TimingsNeedRedis) {
    expect_failure({"--redis-ttl", "30"}, "need --redis");
    expect_failure({"--redis-refresh", "2"}, "need --redis");
}

TEST(RedisOptions, WarnsWhenCrashesWouldBeNoticedLate) {
    ParsedOptions parsed = parse({"--redis", "redis://h", "--redis-ttl", "60", "--redis-refresh", "10"});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    ASSERT_EQ(parsed.warnings.size(), 1u);
    EXPECT_NE(parsed.warnings[0].find("--idle-timeout"), std::string::npos);
}

TEST(RedisOptions, UsageNamesTheFlags) {
    std::string usage = usage_text(Config{});
    for (const char* flag : {"--redis URL", "--redis-ttl", "--redis-refresh", "this relay's rooms"}) {
        EXPECT_NE(usage.find(flag), std::string::npos) << flag;
    }
}

}  // namespace
}  // namespace p2p::relay
