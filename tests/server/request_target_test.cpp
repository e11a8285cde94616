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

TEST(RoomName, PeerTokenFromTarget) {
    EXPECT_EQ(room_from_target("/ws?room=k").peer_token, "");
    RoomChoice choice = room_from_target("/ws?room=k&peer=abcdef0123456789-_XY");
    EXPECT_TRUE(choice.ok());
    EXPECT_EQ(choice.room, "k");
    EXPECT_EQ(choice.peer_token, "abcdef0123456789-_XY");
    EXPECT_EQ(room_from_target("/?peer=abcdef0123456789").room, kDefaultRoom);
    for (const char* bad : {"/ws?peer=short", "/ws?peer=", "/ws?peer=abcdef0123456789%20",
                            "/ws?room=k&peer=abcdef0123456789.."}) {
        RoomChoice refused = room_from_target(bad);
        EXPECT_FALSE(refused.ok()) << bad;
        EXPECT_NE(refused.error.find("peer token"), std::string::npos) << refused.error;
    }
}

}  // namespace
}  // namespace p2p::relay
