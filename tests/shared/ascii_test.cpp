#include "shared/ascii.hpp"

#include <gtest/gtest.h>

namespace p2p::ascii {
namespace {

TEST(Ascii, DigitsAndNothingAround) {
    for (char c = '0'; c <= '9'; ++c) EXPECT_TRUE(is_digit(c)) << c;
    for (char c : {'/', ':', 'a', ' ', '\0', '\xb9'}) EXPECT_FALSE(is_digit(c)) << int(c);
}

TEST(Ascii, HexValuesInEitherCaseAndTheNeighboursOfEachRange) {
    EXPECT_EQ(hex_value('0'), 0);
    EXPECT_EQ(hex_value('9'), 9);
    EXPECT_EQ(hex_value('a'), 10);
    EXPECT_EQ(hex_value('F'), 15);
    EXPECT_EQ(hex_value('f'), 15);
    for (char c : {'/', ':', '@', 'G', '`', 'g', '%', '\xff'}) {
        EXPECT_EQ(hex_value(c), -1) << int(c);
        EXPECT_FALSE(is_hex_digit(c)) << int(c);
    }
    static_assert(hex_value('c') == 12, "usable at compile time");
}

TEST(Ascii, AppendHexWritesTwoLowerCaseDigits) {
    std::string out = "x";
    append_hex(out, 0x00);
    append_hex(out, 0x0f);
    append_hex(out, 0xa5);
    append_hex(out, 0xff);
    EXPECT_EQ(out, "x000fa5ff");
}

}  // namespace
}  // namespace p2p::ascii
