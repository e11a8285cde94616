#include "server/redirect_location.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

TEST(RedirectLocation, KeepsHostAndTargetAndSwapsThePort) {
    EXPECT_EQ(redirect_location("relay.example:8080", 8443, "/p2p?type=offer"),
              "https://relay.example:8443/p2p?type=offer");
    EXPECT_EQ(redirect_location("192.168.1.8", 8443, "/"), "https://192.168.1.8:8443/");
    EXPECT_EQ(redirect_location("[::1]:80", 443, "/x"), "https://[::1]:443/x");
}

TEST(RedirectLocation, RefusesHostsThatAreNotNames) {
    EXPECT_FALSE(redirect_location("", 8443, "/"));
    EXPECT_FALSE(redirect_location("evil.example/path", 8443, "/"));
    EXPECT_FALSE(redirect_location("a b", 8443, "/"));
    EXPECT_FALSE(redirect_location("user@evil.example", 8443, "/"));
    EXPECT_FALSE(redirect_location("[::1", 8443, "/"));
    EXPECT_FALSE(redirect_location("host", 8443, "http://elsewhere/"));
}

}  // namespace
}  // namespace p2p::relay
