#include "shared/json_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace p2p {
namespace {

// Reads `text` as one whole JSON document, as decode() does; nullopt when it is valid.
std::optional<JsonSyntaxError> problem_in(std::string_view text, std::size_t max_depth = 8) {
    JsonReader reader(text, max_depth);
    reader.read_value();
    reader.finish();
    return reader.error();
}

struct Rejection {
    std::string text;
    std::string_view problem;
    std::size_t offset;
};

void expect_rejections(const std::vector<Rejection>& cases) {
    for (const Rejection& c : cases) {
        const std::optional<JsonSyntaxError> error = problem_in(c.text);
        ASSERT_TRUE(error.has_value()) << "accepted: " << c.text;
        EXPECT_EQ(error->problem, c.problem) << c.text;
        EXPECT_EQ(error->offset, c.offset) << c.text;
    }
}

void expect_accepted(const std::vector<std::string>& texts) {
    for (const std::string& text : texts) {
        const std::optional<JsonSyntaxError> error = problem_in(text);
        EXPECT_FALSE(error.has_value()) << text << " -> " << error->describe();
    }
}

TEST(JsonReader, AcceptsEveryKindOfValue) {
    expect_accepted({"{}", "[]", R"({"a":[1,{"b":null}],"c":true,"d":false})", "\"\"", "true", "false", "null",
                     " \t\r\n{ \"a\" : [ 1 , 2 ] } \t\r\n", "[[],{},[{}]]"});
}

TEST(JsonReader, AcceptsTheWholeNumberGrammar) {
    expect_accepted({"0", "-0", "1e5", "1E5", "1e+5", "1E-5", "-1.5e3", "0.0", "0e0", "-0.0E-0", "123456789",
                     "123456789012345678901234567890", "1e308", "1.7976931348623157e308", "1e-400",
                     "0e99999999999999999999", "-1.7976931348623158e308"});
}

TEST(JsonReader, RejectsEmptyInputAndWhitespaceOnly) {
    expect_rejections({{"", "expected a JSON value", 0}, {"   ", "expected a JSON value", 3},
                       {" \t\r\n", "expected a JSON value", 4}});
}

TEST(JsonReader, RejectsAByteOrderMark) {
    expect_rejections({{"\xEF\xBB\xBF{}", "expected a JSON value, not a byte order mark", 0}});
}

TEST(JsonReader, RejectsBrokenLiterals) {
    expect_rejections({{"tru", "expected 'true'", 0}, {"trUe", "expected 'true'", 0},
                       {"fals", "expected 'false'", 0}, {"[falsy]", "expected 'false'", 1},
                       {"nul", "expected 'null'", 0}, {"nulL", "expected 'null'", 0},
                       {"True", "expected a JSON value", 0}, {"undefined", "expected a JSON value", 0},
                       {"NaN", "expected a JSON value", 0}, {"Infinity", "expected a JSON value", 0},
                       {"truex", "expected end of input", 4}});
}

TEST(JsonReader, RejectsTrailingData) {
    expect_rejections({{"{} x", "expected end of input", 3}, {"{}{}", "expected end of input", 2},
                       {"1 2", "expected end of input", 2}, {"0x10", "expected end of input", 1},
                       {std::string("{}\0", 3), "expected end of input", 2}});
}

TEST(JsonReader, RejectsBrokenObjects) {
    expect_rejections({{"{", "expected a string key or '}'", 1},
                       {"{1:2}", "expected a string key or '}'", 1},
                       {"{,}", "expected a string key or '}'", 1},
                       {R"({"a")", "expected ':' after a key", 4},
                       {R"({"a" 1})", "expected ':' after a key", 5},
                       {R"({"a":})", "expected a JSON value", 5},
                       {R"({"a":1)", "expected ',' or '}'", 6},
                       {R"({"a":1 "b":2})", "expected ',' or '}'", 7},
                       {R"({"a":1,})", "expected a string key", 7},
                       {R"({"a":1,2})", "expected a string key", 7},
                       {R"({'a':1})", "expected a string key or '}'", 1}});
}

TEST(JsonReader, RejectsBrokenArrays) {
    expect_rejections({{"[", "expected a JSON value", 1}, {"[1", "expected ',' or ']'", 2},
                       {"[1 2]", "expected ',' or ']'", 3}, {"[1,]", "expected a JSON value", 3},
                       {"[,1]", "expected a JSON value", 1}, {"[1}", "expected ',' or ']'", 2},
                       {"]", "expected a JSON value", 0}});
}

TEST(JsonReader, RejectsUnterminatedStrings) {
    expect_rejections({{"\"abc", "expected '\"' to end the string", 4},
                       {"\"", "expected '\"' to end the string", 1},
                       {"\"ab\\\"", "expected '\"' to end the string", 5}});
}

TEST(JsonReader, RejectsRawControlCharacters) {
    expect_rejections({{"\"a\nb\"", "control character in a string (must be escaped)", 2},
                       {std::string("\"\0\"", 3), "control character in a string (must be escaped)", 1},
                       {"\"\x1f\"", "control character in a string (must be escaped)", 1},
                       {"\"\t\"", "control character in a string (must be escaped)", 1}});
    expect_accepted({"\"\x7f\"", "\" ~\""});
}

TEST(JsonReader, AcceptsEveryEscape) {
    expect_accepted({R"("\"\\\/\b\f\n\r\t")", R"("\u0000")", R"("\u00e9\u00E9")", R"("\uffff")",
                     R"("\ud83d\ude00")", R"("\uD83D\uDE00")", R"("\udbff\udfff")"});
}

TEST(JsonReader, RejectsBadEscapes) {
    const std::string_view bad_escape = "expected an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX";
    expect_rejections({{R"("\x")", bad_escape, 2},
                       {R"("\a")", bad_escape, 2},
                       {R"("\U0041")", bad_escape, 2},
                       {"\"\\", bad_escape, 2},
                       {"\"\\\x01\"", bad_escape, 2},
                       {R"("\u12")", "expected 4 hex digits after \\u", 5},
                       {R"("\u12g4")", "expected 4 hex digits after \\u", 5},
                       {"\"\\u", "expected 4 hex digits after \\u", 3}});
}

TEST(JsonReader, RejectsLoneSurrogates) {
    const std::string_view wants_low = "expected a low surrogate \\uDC00-\\uDFFF after a high surrogate";
    expect_rejections({{R"("\udc00")", "lone low surrogate \\uDC00-\\uDFFF", 1},
                       {R"("a\uDFFF")", "lone low surrogate \\uDC00-\\uDFFF", 2},
                       {R"("\ud800")", wants_low, 7},
                       {R"("\ud800x")", wants_low, 7},
                       {R"("\ud800\n")", wants_low, 7},
                       {R"("\ud800\u0041")", wants_low, 7},
                       {R"("\ud800\ud800")", wants_low, 7},
                       {R"("\udbff\ue000")", wants_low, 7},
                       {R"("\ud800\u12")", "expected 4 hex digits after \\u", 11}});
}

TEST(JsonReader, AcceptsWellFormedUtf8AtEveryBoundary) {
    expect_accepted({"\"\xC2\x80\"", "\"\xDF\xBF\"", "\"\xE0\xA0\x80\"", "\"\xED\x9F\xBF\"", "\"\xEE\x80\x80\"",
                     "\"\xEF\xBF\xBF\"", "\"\xF0\x90\x80\x80\"", "\"\xF4\x8F\xBF\xBF\"", "\"é€😀\""});
}

TEST(JsonReader, RejectsInvalidUtf8) {
    expect_rejections({{"\"\x80\"", "invalid UTF-8: unexpected continuation byte", 1},
                       {"\"a\xBF\"", "invalid UTF-8: unexpected continuation byte", 2},
                       {"\"\xC3\"", "invalid UTF-8: expected a continuation byte", 1},
                       {"\"\xC3", "invalid UTF-8: truncated sequence", 1},
                       {"\"\xE2\x82", "invalid UTF-8: truncated sequence", 1},
                       {"\"\xE2\x82\"", "invalid UTF-8: expected a continuation byte", 1},
                       {"\"\xE2\x82\x41\"", "invalid UTF-8: expected a continuation byte", 1},
                       {"\"\xF0\x9F\x98\"", "invalid UTF-8: expected a continuation byte", 1},
                       {"\"\xED\xA0\x80\"", "invalid UTF-8: encoded surrogate", 1},
                       {"\"\xED\xBF\xBF\"", "invalid UTF-8: encoded surrogate", 1},
                       {"\"\xF4\x90\x80\x80\"", "invalid UTF-8: code point above U+10FFFF", 1},
                       {"\"\xF5\x80\x80\x80\"", "invalid UTF-8: byte 0xF5-0xFF never appears in UTF-8", 1},
                       {"\"\xFF\"", "invalid UTF-8: byte 0xF5-0xFF never appears in UTF-8", 1},
                       {"\xC3\xA9", "expected a JSON value", 0}});
}

TEST(JsonReader, RejectsOverlongEncodings) {
    expect_rejections({{"\"\xC0\x80\"", "invalid UTF-8: overlong encoding", 1},
                       {"\"\xC1\xBF\"", "invalid UTF-8: overlong encoding", 1},
                       {"\"\xE0\x80\x80\"", "invalid UTF-8: overlong encoding", 1},
                       {"\"\xE0\x9F\xBF\"", "invalid UTF-8: overlong encoding", 1},
                       {"\"\xF0\x80\x80\x80\"", "invalid UTF-8: overlong encoding", 1},
                       {"\"\xF0\x8F\xBF\xBF\"", "invalid UTF-8: overlong encoding", 1}});
}

TEST(JsonReader, RejectsNumbersOutsideTheGrammar) {
    expect_rejections({{"-", "expected a digit", 1},
                       {"-a", "expected a digit", 1},
                       {"-Infinity", "expected a digit", 1},
                       {"01", "leading zeros are not allowed", 1},
                       {"-01", "leading zeros are not allowed", 2},
                       {"00", "leading zeros are not allowed", 1},
                       {"1.", "expected a digit after '.'", 2},
                       {"1.e5", "expected a digit after '.'", 2},
                       {"-.5", "expected a digit", 1},
                       {".5", "expected a JSON value", 0},
                       {"+1", "expected a JSON value", 0},
                       {"1e", "expected a digit in the exponent", 2},
                       {"1e+", "expected a digit in the exponent", 3},
                       {"1E-x", "expected a digit in the exponent", 3},
                       {"[1.5e]", "expected a digit in the exponent", 5}});
}

// nlohmann refuses what strtod turns into infinity; the boundary is 2^1024 - 2^970.
TEST(JsonReader, RejectsNumbersThatOverflowADouble) {
    const std::string threshold =
        "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070"
        "9633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447"
        "5730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
        "174497792";
    ASSERT_EQ(threshold.size(), 309u);
    const std::string just_below = threshold.substr(0, 308) + "1";
    expect_rejections({{"1e999", "number too large for a double", 0},
                       {"-1e999", "number too large for a double", 0},
                       {"[0, 1.8e308]", "number too large for a double", 4},
                       {"1.7976931348623159e308", "number too large for a double", 0},
                       {"0.00000000001e320", "number too large for a double", 0},
                       {threshold, "number too large for a double", 0},
                       {threshold + ".0", "number too large for a double", 0},
                       {"1" + std::string(309, '0'), "number too large for a double", 0},
                       {"1e99999999999999999999", "number too large for a double", 0}});
    expect_accepted({just_below, just_below + ".999999", "0.1e309", std::string(400, '9') + "e-200",
                     "179769313486231580793e288"});
}

TEST(JsonReader, LimitsDepth) {
    EXPECT_FALSE(problem_in("[[1]]", 2).has_value());
    EXPECT_FALSE(problem_in(R"({"a":{"b":1}})", 2).has_value());
    const std::optional<JsonSyntaxError> arrays = problem_in("[[[1]]]", 2);
    ASSERT_TRUE(arrays.has_value());
    EXPECT_EQ(arrays->describe(), "JSON nests deeper than the reader's depth limit at byte 2");
    const std::optional<JsonSyntaxError> objects = problem_in(R"({"a":{"b":{}}})", 2);
    ASSERT_TRUE(objects.has_value());
    EXPECT_EQ(objects->offset, 10u);
    EXPECT_EQ(problem_in("1", 0), std::nullopt);
    EXPECT_TRUE(problem_in("[]", 0).has_value());
}

TEST(JsonReader, DepthCapacityBoundsAnyRequestedLimit) {
    const std::size_t capacity = JsonReader::kDepthCapacity;
    const std::string fits = std::string(capacity, '[') + std::string(capacity, ']');
    EXPECT_FALSE(problem_in(fits, 100000).has_value());
    const std::optional<JsonSyntaxError> error = problem_in("[" + fits + "]", 100000);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->offset, capacity);
}

TEST(JsonReader, StepsThroughObjectsAndArraysWithoutCopying) {
    const std::string text = R"( {"name":"plain","list":[1,"two",null],"nested":{"x":true}} )";
    JsonReader reader(text, 8);
    ASSERT_TRUE(reader.enter_object());
    std::vector<std::string> keys;
    std::vector<JsonKind> kinds;
    while (std::optional<JsonString> key = reader.next_key()) {
        keys.emplace_back(key->raw());
        if (key->equals("list")) {
            ASSERT_TRUE(reader.enter_array());
            while (reader.next_element()) kinds.push_back(reader.read_value()->kind);
            continue;
        }
        std::optional<JsonValue> value = reader.read_value();
        ASSERT_TRUE(value.has_value());
        if (value->kind == JsonKind::string) {
            // A string without escapes is a view into the text itself.
            EXPECT_EQ(value->token.data(), text.data() + text.find("plain"));
            EXPECT_FALSE(value->has_escapes);
        }
        if (value->kind == JsonKind::object) {
            EXPECT_EQ(value->offset, text.find("{\"x\""));
        }
    }
    EXPECT_TRUE(reader.finish());
    EXPECT_EQ(keys, (std::vector<std::string>{"name", "list", "nested"}));
    EXPECT_EQ(kinds, (std::vector<JsonKind>{JsonKind::number, JsonKind::string, JsonKind::null}));
}

TEST(JsonReader, ReadsFromAnOffset) {
    const std::string text = R"({"a":[10,20]})";
    JsonReader reader(text, 8, text.find('['));
    ASSERT_TRUE(reader.enter_array());
    ASSERT_TRUE(reader.next_element());
    EXPECT_EQ(reader.read_value()->token, "10");
    ASSERT_TRUE(reader.next_element());
    EXPECT_EQ(reader.read_value()->token, "20");
    EXPECT_FALSE(reader.next_element());
    EXPECT_FALSE(reader.failed());
}

TEST(JsonReader, PeeksTheKindOfTheNextValue) {
    auto kind_of = [](std::string_view text) { return JsonReader(text, 8).peek_kind(); };
    EXPECT_EQ(kind_of(" {"), JsonKind::object);
    EXPECT_EQ(kind_of("["), JsonKind::array);
    EXPECT_EQ(kind_of("\""), JsonKind::string);
    EXPECT_EQ(kind_of("-1"), JsonKind::number);
    EXPECT_EQ(kind_of("7"), JsonKind::number);
    EXPECT_EQ(kind_of("true"), JsonKind::boolean);
    EXPECT_EQ(kind_of("false"), JsonKind::boolean);
    EXPECT_EQ(kind_of("null"), JsonKind::null);
    EXPECT_EQ(kind_of("x"), std::nullopt);
    EXPECT_EQ(kind_of("  "), std::nullopt);
}

TEST(JsonReader, EnterRefusesTheWrongContainer) {
    JsonReader object_wanted("[]", 8);
    EXPECT_FALSE(object_wanted.enter_object());
    EXPECT_EQ(object_wanted.error()->describe(), "expected '{' at byte 0");
    JsonReader array_wanted(" {}", 8);
    EXPECT_FALSE(array_wanted.enter_array());
    EXPECT_EQ(array_wanted.error()->describe(), "expected '[' at byte 1");
}

TEST(JsonReader, RefusesStepsOutsideTheMatchingContainer) {
    JsonReader top_level("}", 8);
    EXPECT_FALSE(top_level.next_key().has_value());
    EXPECT_EQ(top_level.error()->describe(), "next_key() called outside an object at byte 0");
    JsonReader in_array("[1]", 8);
    ASSERT_TRUE(in_array.enter_array());
    EXPECT_FALSE(in_array.next_key().has_value());
    EXPECT_EQ(in_array.error()->problem, "next_key() called outside an object");
    JsonReader no_array("]", 8);
    EXPECT_FALSE(no_array.next_element());
    EXPECT_EQ(no_array.error()->describe(), "next_element() called outside an array at byte 0");
    JsonReader in_object("{}", 8);
    ASSERT_TRUE(in_object.enter_object());
    EXPECT_FALSE(in_object.next_element());
    EXPECT_EQ(in_object.error()->problem, "next_element() called outside an array");
}

TEST(JsonReader, TheFirstErrorSticks) {
    JsonReader reader("[1,,2] x", 8);
    EXPECT_FALSE(reader.read_value().has_value());
    EXPECT_FALSE(reader.finish());
    EXPECT_FALSE(reader.enter_object());
    EXPECT_FALSE(reader.next_element());
    EXPECT_FALSE(reader.next_key().has_value());
    EXPECT_EQ(reader.peek_kind(), std::nullopt);
    EXPECT_EQ(reader.error()->describe(), "expected a JSON value at byte 3");
}

TEST(JsonString, UnescapesOnlyWhenAsked) {
    JsonReader reader(R"("a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00\u0000z")", 8);
    const std::optional<JsonValue> value = reader.read_value();
    ASSERT_TRUE(value.has_value());
    EXPECT_TRUE(value->has_escapes);
    const std::string expected = std::string("a\"b\\c/d\b\f\n\r\tA\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80") + '\0' + "z";
    EXPECT_EQ(value->string().value(), expected);
    EXPECT_TRUE(value->string().equals(expected));
    EXPECT_FALSE(value->string().equals(expected.substr(1)));
    EXPECT_FALSE(value->string().equals(expected + "z"));
    EXPECT_FALSE(value->string().equals(expected.substr(0, expected.size() - 1)));
}

TEST(JsonString, ComparesEscapedAndPlainForms) {
    EXPECT_TRUE(JsonString(R"(\u0074ype)", true).equals("type"));
    EXPECT_TRUE(JsonString("type", false).equals("type"));
    EXPECT_FALSE(JsonString("typ", false).equals("type"));
    EXPECT_FALSE(JsonString(R"(\u0074yp)", true).equals("type"));
    EXPECT_FALSE(JsonString(R"(\u0074ypes)", true).equals("type"));
    EXPECT_EQ(JsonString("", false).value(), "");
    EXPECT_TRUE(JsonString("", false).equals(""));
}

TEST(JsonNumber, ExtractsUnsignedIntegersOnly) {
    EXPECT_EQ(JsonNumber("0").as_unsigned(), 0u);
    EXPECT_EQ(JsonNumber("65535").as_unsigned(), 65535u);
    EXPECT_EQ(JsonNumber("18446744073709551615").as_unsigned(), UINT64_MAX);
    EXPECT_EQ(JsonNumber("18446744073709551616").as_unsigned(), std::nullopt);
    EXPECT_EQ(JsonNumber("99999999999999999999999").as_unsigned(), std::nullopt);
    EXPECT_EQ(JsonNumber("-0").as_unsigned(), std::nullopt);
    EXPECT_EQ(JsonNumber("-1").as_unsigned(), std::nullopt);
    EXPECT_EQ(JsonNumber("1.0").as_unsigned(), std::nullopt);
    EXPECT_EQ(JsonNumber("1e2").as_unsigned(), std::nullopt);
    EXPECT_EQ(JsonNumber("").as_unsigned(), std::nullopt);
}

TEST(JsonNumber, KnowsWhenADoubleOverflows) {
    EXPECT_FALSE(JsonNumber("0e999999").overflows_double());
    EXPECT_FALSE(JsonNumber("-0.000e400").overflows_double());
    EXPECT_FALSE(JsonNumber("1e308").overflows_double());
    EXPECT_TRUE(JsonNumber("1e309").overflows_double());
    EXPECT_TRUE(JsonNumber("10e308").overflows_double());
    EXPECT_FALSE(JsonNumber("0.1e309").overflows_double());
    EXPECT_FALSE(JsonNumber("1.7976931348623158e308").overflows_double());
    EXPECT_TRUE(JsonNumber("1.797693134862315808e308").overflows_double());
    EXPECT_FALSE(JsonNumber("1.797693134862315807e308").overflows_double());
    EXPECT_FALSE(JsonNumber("1e-99999999999999").overflows_double());
}

}  // namespace
}  // namespace p2p
