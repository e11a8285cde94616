#include "shared/query_string.hpp"

#include <gtest/gtest.h>

#include <string>

namespace p2p {
namespace {

TEST(QueryString, PercentDecoding) {
    EXPECT_EQ(percent_decode("a%20b%2Fc%2e"), "a b/c.");
    EXPECT_EQ(percent_decode("plus+stays"), "plus+stays");
    EXPECT_EQ(percent_decode("%00"), std::string(1, '\0'));
    EXPECT_FALSE(percent_decode("%"));
    EXPECT_FALSE(percent_decode("%4"));
    EXPECT_FALSE(percent_decode("%zz"));
}

TEST(QueryString, PlusIsASpaceInForms) {
    EXPECT_EQ(percent_decode("a+b%21", PlusSign::Space), "a b!");
    EXPECT_FALSE(percent_decode("a+%zz", PlusSign::Space));
}

TEST(QueryString, FirstValueWins) {
    EXPECT_EQ(query_value("a=1&room=x&room=y", "room"), "x");
    EXPECT_EQ(query_value("room", "room"), "");
    EXPECT_FALSE(query_value("rooms=x", "room"));
    EXPECT_FALSE(query_value("", "room"));
}

}  // namespace
}  // namespace p2p
