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
                             "--threads", "--help", "0.0.0.0", "8443", "/var/state-here"}) {
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
