// The soak's flag probing: only flags the relay's --help lists are passed, never a prefix match.
#include <gtest/gtest.h>

#include "tests/soak/relay_flags.hpp"

namespace p2p::soak {
namespace {

constexpr const char* kHelp =
    "  --max-connections-per-ip N  connections from one address (default 32)\n"
    "  --rate N         messages per second per connection\n";

TEST(RelayFlags, KeepsOnlyListedFlags) {
    auto args = supported_flags(kHelp, {{"--rate", "1000"}, {"--burst", "1000"}});
    EXPECT_EQ(args, (std::vector<std::string>{"--rate", "1000"}));
}

TEST(RelayFlags, APrefixOfAListedFlagIsNotListed) {
    EXPECT_FALSE(help_lists(kHelp, "--max-connections"));
    EXPECT_TRUE(help_lists(kHelp, "--max-connections-per-ip"));
    EXPECT_FALSE(help_lists("  --rates N\n", "--rate"));
    EXPECT_TRUE(help_lists("--rate=N", "--rate"));
}

TEST(RelayFlags, NothingListedNothingPassed) {
    EXPECT_TRUE(supported_flags("Usage: p2p-relay [options]\n  --port N\n", {{"--rate", "1"}}).empty());
}

}  // namespace
}  // namespace p2p::soak
