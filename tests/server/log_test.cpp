#include "server/log.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

TEST(Log, OneLineWithTimestampLevelMessageAndFields) {
    EXPECT_EQ(format_log_line("2024-01-02T03:04:05.006Z", LogLevel::warn, "peer dropped",
                              {{"peer", "7"}, {"room", "kitchen"}}),
              "ts=2024-01-02T03:04:05.006Z level=warn msg=\"peer dropped\" peer=7 room=kitchen\n");
}

TEST(Log, HostileValuesCannotForgeFieldsOrLines) {
    const std::string line =
        format_log_line("t", LogLevel::info, "m\nlevel=error", {{"room", "a b=c\"\n"}, {"e", ""}});
    EXPECT_EQ(line, "ts=t level=info msg=\"m\\x0alevel=error\" room=\"a b=c\\\"\\x0a\" e=\"\"\n");
    EXPECT_EQ(line.find('\n'), line.size() - 1);
}

TEST(Log, LevelsParseByName) {
    EXPECT_EQ(parse_log_level("debug"), LogLevel::debug);
    EXPECT_EQ(parse_log_level("error"), LogLevel::error);
    EXPECT_FALSE(parse_log_level("loud"));
    EXPECT_EQ(log_level_name(LogLevel::warn), "warn");
}

}  // namespace
}  // namespace p2p::relay
