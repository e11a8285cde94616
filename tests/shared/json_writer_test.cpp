#include "shared/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace p2p {
namespace {

std::string written(std::string_view value) {
    JsonWriter out;
    out.string(value);
    return out.take();
}

TEST(JsonWriter, PutsCommasBetweenMembersAndElements) {
    JsonWriter out;
    out.begin_object();
    out.key("a");
    out.begin_array();
    out.unsigned_number(0);
    out.null();
    out.begin_object();
    out.end_object();
    out.begin_array();
    out.end_array();
    out.end_array();
    out.key("b");
    out.unsigned_number(UINT64_MAX);
    out.end_object();
    EXPECT_EQ(out.take(), R"({"a":[0,null,{},[]],"b":18446744073709551615})");
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(written("a\"b\\c/d"), R"("a\"b\\c/d")");
    EXPECT_EQ(written("\b\f\n\r\t"), R"("\b\f\n\r\t")");
    EXPECT_EQ(written(std::string("\0\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
    EXPECT_EQ(written("\x7f"), "\"\x7f\"");
    EXPECT_EQ(written("é€😀"), "\"é€😀\"");
}

// One U+FFFD per maximal ill-formed subpart, as nlohmann's error_handler_t::replace wrote.
TEST(JsonWriter, ReplacesInvalidUtf8) {
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(written("a\xFF" "b"), "\"a" + fffd + "b\"");
    EXPECT_EQ(written("\x80\x80"), "\"" + fffd + fffd + "\"");
    EXPECT_EQ(written("\xC0\x80"), "\"" + fffd + fffd + "\"");
    EXPECT_EQ(written("\xE0\x80\x80"), "\"" + fffd + fffd + fffd + "\"");
    EXPECT_EQ(written("\xE1\x80" "A"), "\"" + fffd + "A\"");
    EXPECT_EQ(written("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"");
    EXPECT_EQ(written("\xF0\x9F\x98"), "\"" + fffd + "\"");
    EXPECT_EQ(written("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");
    EXPECT_EQ(written("\xC3\"\xC3"), "\"" + fffd + "\\\"" + fffd + "\"");
}

}  // namespace
}  // namespace p2p
