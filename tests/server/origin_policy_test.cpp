#include "server/origin_policy.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

TEST(OriginPolicy, NoOriginIsANonBrowserClientAndAllowed) {
    EXPECT_TRUE(origin_allowed("", "relay.example:8443", {}));
}

TEST(OriginPolicy, SameOriginIsAllowed) {
    EXPECT_TRUE(origin_allowed("https://relay.example:8443", "relay.example:8443", {}));
    EXPECT_TRUE(origin_allowed("https://192.168.1.8:8443", "192.168.1.8:8443", {}));
    EXPECT_TRUE(origin_allowed("HTTPS://Relay.Example:8443", "relay.example:8443", {}));
    EXPECT_TRUE(origin_allowed("https://relay.example", "relay.example:443", {}));
    EXPECT_TRUE(origin_allowed("https://[::1]:8443", "[::1]:8443", {}));
}

TEST(OriginPolicy, OtherOriginsAreRefused) {
    EXPECT_FALSE(origin_allowed("https://evil.example", "relay.example:8443", {}));
    EXPECT_FALSE(origin_allowed("https://relay.example:9999", "relay.example:8443", {}));
    EXPECT_FALSE(origin_allowed("http://relay.example:8443", "relay.example:8443", {}))
        << "plain http is another origin";
    EXPECT_FALSE(origin_allowed("https://relay.example.evil.com:8443", "relay.example:8443", {}));
    EXPECT_FALSE(origin_allowed("null", "relay.example:8443", {}));
    EXPECT_FALSE(origin_allowed("https://relay.example:8443", "", {}));
}

TEST(OriginPolicy, AllowedListAddsOrigins) {
    const std::vector<std::string> allowed = {"https://call.example.org", "http://localhost:3000/"};
    EXPECT_TRUE(origin_allowed("https://call.example.org", "relay.example:8443", allowed));
    EXPECT_TRUE(origin_allowed("https://call.example.org:443", "relay.example:8443", allowed));
    EXPECT_TRUE(origin_allowed("http://localhost:3000", "relay.example:8443", allowed));
    EXPECT_FALSE(origin_allowed("https://localhost:3000", "relay.example:8443", allowed));
    EXPECT_FALSE(origin_allowed("https://example.org", "relay.example:8443", allowed));
}

}  // namespace
}  // namespace p2p::relay
