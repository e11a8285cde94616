#include "server/startup_banner.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

using Lines = std::vector<std::string>;

TEST(StartupBanner, WildcardListsEveryHostAddressThenLocalhost) {
    EXPECT_EQ(startup_lines("0.0.0.0", 8443, {"192.168.1.5", "10.0.0.2"}),
              (Lines{"listening on 0.0.0.0:8443",
                     "https://192.168.1.5:8443/p2p?type=offer",
                     "https://192.168.1.5:8443/p2p?type=answer",
                     "https://10.0.0.2:8443/p2p?type=offer",
                     "https://10.0.0.2:8443/p2p?type=answer",
                     "https://localhost:8443/p2p?type=offer",
                     "https://localhost:8443/p2p?type=answer"}));
}

TEST(StartupBanner, LoopbackListsOnlyLocalhost) {
    EXPECT_EQ(startup_lines("127.0.0.1", 4000, {"192.168.1.5"}),
              (Lines{"listening on 127.0.0.1:4000", "https://localhost:4000/p2p?type=offer",
                     "https://localhost:4000/p2p?type=answer"}));
}

TEST(StartupBanner, SpecificAddressListsItselfAndIpv6GetsBrackets) {
    EXPECT_EQ(startup_lines("192.168.1.5", 1, {"192.168.1.5", "10.0.0.2"}),
              (Lines{"listening on 192.168.1.5:1", "https://192.168.1.5:1/p2p?type=offer",
                     "https://192.168.1.5:1/p2p?type=answer"}));
    EXPECT_EQ(startup_lines("::", 2, {})[0], "listening on [::]:2");
}

}  // namespace
}  // namespace p2p::relay
