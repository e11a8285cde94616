// --redis URL parsing: every accepted form and every refusal, without any I/O.
#include <gtest/gtest.h>

#include "server/redis_url.hpp"

namespace p2p::relay {
namespace {

RedisUrl parsed(std::string_view text) {
    RedisUrl url;
    EXPECT_EQ(parse_redis_url(text, url), "") << text;
    return url;
}

std::string problem(std::string_view text) {
    RedisUrl url;
    return parse_redis_url(text, url);
}

TEST(RedisUrl, HostAlone) {
    RedisUrl url = parsed("redis://redis.internal");
    EXPECT_EQ(url.host, "redis.internal");
    EXPECT_EQ(url.port, 6379);
    EXPECT_EQ(url.db, 0u);
    EXPECT_EQ(url.password, "");
}

TEST(RedisUrl, PortAndDatabase) {
    RedisUrl url = parsed("redis://127.0.0.1:6380/2");
    EXPECT_EQ(url.host, "127.0.0.1");
    EXPECT_EQ(url.port, 6380);
    EXPECT_EQ(url.db, 2u);
}

TEST(RedisUrl, PasswordWithAndWithoutUser) {
    RedisUrl plain = parsed("redis://:s3cret@h:1");
    EXPECT_EQ(plain.user, "");
    EXPECT_EQ(plain.password, "s3cret");
    RedisUrl acl = parsed("redis://relay:s3cret@h");
    EXPECT_EQ(acl.user, "relay");
    EXPECT_EQ(acl.password, "s3cret");
    EXPECT_EQ(parsed("redis://bare@h").password, "bare");
}

TEST(RedisUrl, Ipv6InBrackets) {
    RedisUrl url = parsed("redis://[::1]:7000");
    EXPECT_EQ(url.host, "::1");
    EXPECT_EQ(url.port, 7000);
    EXPECT_EQ(parsed("redis://[::1]").port, 6379);
}

TEST(RedisUrl, RedactedHidesThePassword) {
    EXPECT_EQ(parsed("redis://:s3cret@h:1/4").redacted(), "redis://:***@h:1/4");
    EXPECT_EQ(parsed("redis://u:s3cret@h").redacted(), "redis://u:***@h:6379/0");
    EXPECT_EQ(parsed("redis://[::1]:2").redacted(), "redis://[::1]:2/0");
}

TEST(RedisUrl, Refusals) {
    for (const char* bad : {"http://h", "h:6379", "redis://", "redis://:6379", "redis://h:", "redis://h:0",
                            "redis://h:65536", "redis://h:port", "redis://h/x", "redis://h/", "redis://[::1",
                            "redis://[::1]x", "redis://[::1]:", "redis://:pw@"}) {
        std::string why = problem(bad);
        EXPECT_NE(why, "") << bad;
        EXPECT_NE(why.find("--redis"), std::string::npos) << why;
    }
}

TEST(RedisUrl, AFailedParseLeavesTheOutputAlone) {
    RedisUrl url;
    url.host = "kept";
    EXPECT_NE(parse_redis_url("redis://h:0", url), "");
    EXPECT_EQ(url.host, "kept");
}

}  // namespace
}  // namespace p2p::relay
