// TURN REST credentials: known answers computed independently with
// `printf %s USERNAME | openssl dgst -sha1 -hmac SECRET -binary | base64` and `printf X | base64`.
#include "server/turn_credentials.hpp"

#include <gtest/gtest.h>

#include <set>

namespace p2p::relay {
namespace {

using namespace std::chrono_literals;

WallClock::time_point at(std::chrono::milliseconds since_epoch) {
    return WallClock::time_point(std::chrono::duration_cast<WallClock::duration>(since_epoch));
}

TEST(Base64, Rfc4648Vectors) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("fo"), "Zm8=");
    EXPECT_EQ(base64_encode("foo"), "Zm9v");
    EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
    EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64_encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(HmacSha1, KnownAnswers) {
    // RFC 2202 test case 2 (hex effcdf6ae5eb2fa2d27416d5f184df9c259a7c79).
    EXPECT_EQ(hmac_sha1_base64("Jefe", "what do ya want for nothing?"), "7/zfauXrL6LSdBbV8YTfnCWafHk=");
    EXPECT_EQ(hmac_sha1_base64("north-wind-secret", "1700003600:9f86d081884c7d65"), "tKoOc8YpjuNrOpDDOsjsY7gnURM=");
    EXPECT_EQ(hmac_sha1_base64("other-secret", "1700003600:9f86d081884c7d65"), "d3Xdd9tWpPiACPBCjr87eWPsdBM=");
    EXPECT_EQ(hmac_sha1_base64("sec ret with spaces", "1700003600:9f86d081884c7d65"), "Achk0aRCM29qTG0/Mz4RSID7Euw=");
}

TEST(TurnCredentialMinter, UsernameIsExpiryColonIdAndPasswordItsHmac) {
    TurnCredentialMinter minter("north-wind-secret", 3600s);
    // A fractional "now" is cut to whole seconds, as coturn compares Unix seconds.
    TurnCredential c = minter.mint("9f86d081884c7d65", at(1'700'000'000'700ms));
    EXPECT_EQ(c.username, "1700003600:9f86d081884c7d65");
    EXPECT_EQ(c.password, "tKoOc8YpjuNrOpDDOsjsY7gnURM=");
    EXPECT_EQ(c.expires, at(1'700'003'600'000ms));
}

TEST(TurnCredentialMinter, TheTtlAndTheClockSetTheExpiry) {
    TurnCredentialMinter minter("north-wind-secret", 60s);
    TurnCredential c = minter.mint("abc", at(1'700'000'000'000ms));
    EXPECT_EQ(c.username, "1700000060:abc");
    EXPECT_EQ(c.password, "dG3cD2cPLdx/5UFBNNZQ+semgg0=");
    EXPECT_NE(minter.mint("abc", at(1'700'000'001'000ms)).password, c.password);
}

TEST(TurnCredentialMinter, TheSecretMatters) {
    EXPECT_EQ(TurnCredentialMinter("other-secret", 3600s).mint("9f86d081884c7d65", at(1'700'000'000'000ms)).password,
              "d3Xdd9tWpPiACPBCjr87eWPsdBM=");
}

TEST(RandomCredentialId, SixteenHexDigitsAndFreshEachTime) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string id = random_credential_id();
        EXPECT_EQ(id.size(), 16u);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 100u);
}

}  // namespace
}  // namespace p2p::relay
