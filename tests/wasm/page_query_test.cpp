// Reading ?type=...&room=... the way the call page does.
#include <gtest/gtest.h>

#include "wasm/page_query.hpp"

namespace p2p::client {
namespace {

CallConfig config_of(std::string_view search) {
    QueryResult r = parse_page_query(search);
    EXPECT_TRUE(std::holds_alternative<CallConfig>(r)) << search;
    return std::holds_alternative<CallConfig>(r) ? std::get<CallConfig>(r) : CallConfig{};
}

QueryError error_of(std::string_view search) {
    QueryResult r = parse_page_query(search);
    EXPECT_TRUE(std::holds_alternative<QueryError>(r)) << search;
    return std::holds_alternative<QueryError>(r) ? std::get<QueryError>(r) : QueryError{};
}

TEST(PageQuery, TypeAndRoom) {
    CallConfig c = config_of("?type=answer&room=Team_7-b");
    EXPECT_EQ(c.role, Role::Answer);
    EXPECT_EQ(c.room, "Team_7-b");
    EXPECT_EQ(config_of("type=offer").role, Role::Offer);
}

TEST(PageQuery, MissingOrEmptyRoomIsDefault) {
    EXPECT_EQ(config_of("?type=offer").room, "default");
    EXPECT_EQ(config_of("?type=offer&room=").room, "default");
    EXPECT_EQ(config_of("?room=&type=offer&x=1").room, "default");
}

TEST(PageQuery, FirstValueWinsAndEscapesAreDecoded) {
    EXPECT_EQ(config_of("?type=offer&room=a&room=b").room, "a");
    EXPECT_EQ(config_of("?type=offer&room=r%5F1").room, "r_1");
}

TEST(PageQuery, IceRelayForcesRelayOnly) {
    EXPECT_TRUE(config_of("?type=offer&ice=relay").relay_only);
    EXPECT_FALSE(config_of("?type=offer").relay_only);
    EXPECT_FALSE(config_of("?type=offer&ice=").relay_only);
    EXPECT_FALSE(config_of("?type=offer&ice=all").relay_only);
    EXPECT_TRUE(config_of("?ice=rel%61y&type=answer&room=r").relay_only);
}

TEST(PageQuery, BadIceValue) {
    QueryError e = error_of("?type=offer&ice=turn");
    EXPECT_EQ(e.text, Text::InvalidIce);
    EXPECT_EQ(e.detail, "turn");
    EXPECT_EQ(error_of("?type=offer&ice=RELAY").text, Text::InvalidIce) << "values are exact, like type";
}

TEST(PageQuery, BadType) {
    EXPECT_EQ(error_of("").text, Text::InvalidType);
    EXPECT_EQ(error_of("?room=x").text, Text::InvalidType);
    QueryError e = error_of("?type=caller");
    EXPECT_EQ(e.text, Text::InvalidType);
    EXPECT_EQ(e.detail, "caller");
}

TEST(PageQuery, BadRoom) {
    EXPECT_EQ(error_of("?type=offer&room=a+b").detail, "a b");
    EXPECT_EQ(error_of("?type=offer&room=%E4%BD%A0").text, Text::InvalidRoom);
    EXPECT_EQ(error_of("?type=offer&room=a/b").text, Text::InvalidRoom);
    EXPECT_EQ(error_of("?type=offer&room=" + std::string(65, 'r')).text, Text::InvalidRoom);
    EXPECT_EQ(config_of("?type=offer&room=" + std::string(64, 'r')).room, std::string(64, 'r'));
}

TEST(PageQuery, MalformedEscapeIsReportedAsWritten) {
    QueryError e = error_of("?type=offer&room=a%zz");
    EXPECT_EQ(e.text, Text::InvalidRoom);
    EXPECT_EQ(e.detail, "a%zz");
}

TEST(PageQuery, LanguageFromQueryOverridesTheBrowser) {
    EXPECT_EQ(pick_language("?type=offer", "zh-CN"), Lang::Zh);
    EXPECT_EQ(pick_language("?type=offer", "zh-TW"), Lang::Zh);
    EXPECT_EQ(pick_language("?type=offer", "en-US"), Lang::En);
    EXPECT_EQ(pick_language("?type=offer", "de"), Lang::En);
    EXPECT_EQ(pick_language("?type=offer&lang=en", "zh-CN"), Lang::En);
    EXPECT_EQ(pick_language("lang=zh&type=answer", "en-US"), Lang::Zh);
    EXPECT_EQ(pick_language("?lang=fr", "zh"), Lang::Zh) << "an unknown override falls back to the browser";
}

}  // namespace
}  // namespace p2p::client
