#include "shared/room_name.hpp"

#include <gtest/gtest.h>

#include <string>

namespace p2p {
namespace {

TEST(RoomNameRule, AcceptsLettersDigitsUnderscoreDash) {
    EXPECT_TRUE(is_valid_room_name("a"));
    EXPECT_TRUE(is_valid_room_name("Kitchen_2-b"));
    EXPECT_TRUE(is_valid_room_name(kDefaultRoom));
    EXPECT_TRUE(is_valid_room_name(std::string(kMaxRoomNameBytes, 'x')));
}

TEST(RoomNameRule, RejectsEmptyTooLongAndOtherBytes) {
    EXPECT_FALSE(is_valid_room_name(""));
    EXPECT_FALSE(is_valid_room_name(std::string(kMaxRoomNameBytes + 1, 'x')));
    for (const char* bad : {"a b", "a/b", "a.b", "\xc3\xa9", "a%b", "a\nb", "../x", "a+b"}) {
        EXPECT_FALSE(is_valid_room_name(bad)) << bad;
    }
    EXPECT_FALSE(is_valid_room_name(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace p2p
