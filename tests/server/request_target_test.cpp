#include "server/request_target.hpp"

#include <gtest/gtest.h>

#include "server/room_name.hpp"
#include "shared/limits.hpp"

namespace p2p::relay {
namespace {

TEST(RequestTarget, SplitsPathAndQuery) {
    EXPECT_EQ(target_path("/ws?room=a"), "/ws");
    EXPECT_EQ(target_query("/ws?room=a"), "room=a");
    EXPECT_EQ(target_path("/"), "/");
    EXPECT_EQ(target_query("/"), "");
}

TEST(RequestTarget, PercentDecoding) {
    EXPECT_EQ(percent_decode("a%20b%2Fc%2e"), "a b/c.");
    EXPECT_EQ(percent_decode("plus+stays"), "plus+stays");
    EXPECT_EQ(percent_decode("%00"), std::string(1, '\0'));
    EXPECT_FALSE(percent_decode("%"));
    EXPECT_FALSE(percent_decode("%4"));
    EXPECT_FALSE(percent_decode("%zz"));
}

TEST(RequestTarget, QueryValue) {
    EXPECT_EQ(query_value("a=1&room=x&room=y", "room"), "x");
    EXPECT_EQ(query_value("room", "room"), "");
    EXPECT_FALSE(query_value("rooms=x", "room"));
    EXPECT_FALSE(query_value("", "room"));
}

TEST(RoomName, FromTarget) {
    EXPECT_EQ(room_from_target("/ws").room, kDefaultRoom);
    EXPECT_EQ(room_from_target("/").room, kDefaultRoom);
    EXPECT_EQ(room_from_target("/ws?room=kitchen").room, "kitchen");
    EXPECT_EQ(room_from_target("/?x=1&room=k%5Fb").room, "k_b");
    EXPECT_TRUE(room_from_target("/ws?room=kitchen").ok());
    for (const char* bad : {"/ws?room=", "/ws?room=a%20b", "/ws?room=%zz", "/ws?room=a/b",
                            "/ws?room=%2e%2e"}) {
        RoomChoice choice = room_from_target(bad);
        EXPECT_FALSE(choice.ok()) << bad;
        EXPECT_FALSE(choice.error.empty()) << bad;
    }
}

}  // namespace
}  // namespace p2p::relay
