#include "shared/json_depth.hpp"

#include <gtest/gtest.h>

#include <string>

namespace p2p {
namespace {

TEST(JsonDepth, CountsNestedObjectsAndArrays) {
    EXPECT_FALSE(json_depth_exceeds(R"({"a":{"b":[1]}})", 3));
    EXPECT_TRUE(json_depth_exceeds(R"({"a":{"b":[1]}})", 2));
}

TEST(JsonDepth, IgnoresBracketsInsideStrings) {
    EXPECT_FALSE(json_depth_exceeds(R"({"a":"[[[[{{{{"})", 1));
    EXPECT_FALSE(json_depth_exceeds(R"({"a":"\"[[[["})", 1));
}

TEST(JsonDepth, HugeNestingIsCaughtEarly) {
    std::string deep(100000, '[');
    EXPECT_TRUE(json_depth_exceeds(deep, 8));
}

}  // namespace
}  // namespace p2p
