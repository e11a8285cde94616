// The EVAL commands' argument layout (the Lua reads KEYS and ARGV by position).
#include <gtest/gtest.h>

#include "server/cluster_scripts.hpp"

namespace p2p::relay {
namespace {

using namespace std::chrono_literals;

TEST(ClusterScripts, KeyAndChannelNames) {
    EXPECT_EQ(room_key("lobby"), "p2p:room:lobby");
    EXPECT_EQ(relay_channel("ab12"), "p2p:relay:ab12");
}

TEST(ClusterScripts, JoinArguments) {
    auto args = join_command("lobby", ClusterMember{"r1", 7, "tok"}, 15s, 2);
    ASSERT_EQ(args.size(), 8u);
    EXPECT_EQ(args[0], "EVAL");
    EXPECT_NE(args[1].find("redis.call('ZADD'"), std::string::npos);
    EXPECT_EQ(args[2], "1");
    EXPECT_EQ(args[3], "p2p:room:lobby");
    EXPECT_EQ(args[4], "p2p:relay:");
    EXPECT_EQ(args[5], "15000");
    EXPECT_EQ(args[6], "r1/7/tok");
    EXPECT_EQ(args[7], "2");
}

TEST(ClusterScripts, LeaveArguments) {
    auto args = leave_command("lobby", "r1/7/tok", 3s);
    ASSERT_EQ(args.size(), 7u);
    EXPECT_NE(args[1].find("ZREM"), std::string::npos);
    EXPECT_EQ(args[3], "p2p:room:lobby");
    EXPECT_EQ(args[5], "3000");
    EXPECT_EQ(args[6], "r1/7/tok");
}

TEST(ClusterScripts, RefreshPairsEachKeyWithItsMember) {
    auto args = refresh_command({{1, "a", "r/1/"}, {2, "b", "r/2/x"}}, 15s);
    ASSERT_EQ(args.size(), 9u);
    EXPECT_EQ(args[2], "2");
    EXPECT_EQ(args[3], "p2p:room:a");
    EXPECT_EQ(args[4], "p2p:room:b");
    EXPECT_EQ(args[5], "p2p:relay:");
    EXPECT_EQ(args[6], "15000");
    EXPECT_EQ(args[7], "r/1/");
    EXPECT_EQ(args[8], "r/2/x");
}

}  // namespace
}  // namespace p2p::relay
