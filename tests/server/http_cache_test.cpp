#include "server/http_cache.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

constexpr std::time_t kMtime = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT

TEST(HttpCache, EntityTagIsWeakAndChangesWithSizeTimeAndEncoding) {
    EXPECT_EQ(entity_tag(18, kMtime), "W/\"12-2ebc98a1\"");
    EXPECT_NE(entity_tag(19, kMtime), entity_tag(18, kMtime));
    EXPECT_NE(entity_tag(18, kMtime + 1), entity_tag(18, kMtime));
    EXPECT_EQ(entity_tag(18, kMtime, true), "W/\"12-2ebc98a1-gz\"");
}

TEST(HttpCache, HttpDatesRoundTrip) {
    EXPECT_EQ(http_date(kMtime), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), kMtime);
    EXPECT_FALSE(parse_http_date("yesterday"));
    EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
}

TEST(HttpCache, IfNoneMatchDecides) {
    const std::string tag = entity_tag(18, kMtime);
    EXPECT_TRUE(is_not_modified(tag, "", tag, kMtime));
    EXPECT_TRUE(is_not_modified("\"x\", " + tag, "", tag, kMtime));
    EXPECT_TRUE(is_not_modified("\"12-2ebc98a1\"", "", tag, kMtime)) << "weak comparison";
    EXPECT_TRUE(is_not_modified("*", "", tag, kMtime));
    EXPECT_FALSE(is_not_modified("\"other\"", "", tag, kMtime));
    EXPECT_FALSE(is_not_modified("\"other\"", http_date(kMtime), tag, kMtime))
        << "If-Modified-Since is ignored when If-None-Match is present";
}

TEST(HttpCache, IfModifiedSinceComparesTimes) {
    EXPECT_TRUE(is_not_modified("", http_date(kMtime), "t", kMtime));
    EXPECT_TRUE(is_not_modified("", http_date(kMtime + 60), "t", kMtime));
    EXPECT_FALSE(is_not_modified("", http_date(kMtime - 1), "t", kMtime));
    EXPECT_FALSE(is_not_modified("", "garbage", "t", kMtime));
    EXPECT_FALSE(is_not_modified("", "", "t", kMtime));
}

TEST(HttpCache, GzipNegotiation) {
    EXPECT_TRUE(accepts_gzip("gzip"));
    EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
    EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
    EXPECT_TRUE(accepts_gzip("*"));
    EXPECT_FALSE(accepts_gzip(""));
    EXPECT_FALSE(accepts_gzip("br, deflate"));
    EXPECT_FALSE(accepts_gzip("gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("gzip;q=0, *"));
    EXPECT_FALSE(accepts_gzip("x-gzip"));
}

}  // namespace
}  // namespace p2p::relay
