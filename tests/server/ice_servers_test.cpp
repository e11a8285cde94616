// The operator's STUN/TURN settings: flag checks and what the pages receive.
#include "server/ice_servers.hpp"

#include <gtest/gtest.h>

#include "server/config.hpp"
#include "tests/server/temp_dir.hpp"

namespace p2p::relay {
namespace {

ParsedOptions parse(std::vector<std::string_view> args) {
    return parse_options(args, Config{});
}

TEST(IceServers, NoneByDefault) {
    EXPECT_TRUE(ice_servers_for_pages(parse({}).config.ice).empty());
}

TEST(IceServers, StunAndTurnFlagsBecomeTwoEntries) {
    ParsedOptions parsed = parse({"--stun", "stun:a:3478", "--stun=stuns:b:5349", "--turn",
                                  "turn:t:3478?transport=udp", "--turn-username", "u",
                                  "--turn-credential", "c"});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    EXPECT_EQ(ice_servers_for_pages(parsed.config.ice),
              (std::vector<IceServer>{IceServer{{"stun:a:3478", "stuns:b:5349"}, std::nullopt, std::nullopt},
                                      IceServer{{"turn:t:3478?transport=udp"}, "u", "c"}}));
}

TEST(IceServers, BadUrlsAreRefusedWithTheFlagName) {
    for (auto [flag, url] : {std::pair{"--stun", "turn:x"}, std::pair{"--stun", "stun:"},
                             std::pair{"--turn", "http://x"}, std::pair{"--stun", "stun:a b"}}) {
        ParsedOptions parsed = parse({flag, url, "--turn-username", "u", "--turn-credential", "c"});
        EXPECT_EQ(parsed.action, ParsedOptions::Action::fail) << url;
        EXPECT_NE(parsed.error.find(flag), std::string::npos) << parsed.error;
    }
}

TEST(IceServers, TurnNeedsCredentialsAndCredentialsNeedTurn) {
    EXPECT_EQ(parse({"--turn", "turn:t"}).error,
              "--turn needs --turn-secret-file (or --turn-secret), or both --turn-username and --turn-credential");
    EXPECT_NE(parse({"--turn", "turn:t", "--turn-username", "u"}).error.find("--turn-credential"),
              std::string::npos);
    EXPECT_NE(parse({"--turn-username", "u"}).error.find("without --turn"), std::string::npos);
    EXPECT_EQ(parse({"--turn-secret", "s"}).error, "--turn-secret/--turn-secret-file given without --turn");
    EXPECT_EQ(parse({"--turn-secret-file", "/x"}).error, "--turn-secret/--turn-secret-file given without --turn");
    EXPECT_EQ(parse({"--turn-ttl", "60"}).error, "--turn-ttl given without --turn");
}

using namespace std::chrono_literals;

const WallClock::time_point kNow = WallClock::time_point(1'700'000'000s);

TEST(IceServers, ASecretMintsCredentialsPerPageWithTheDefaultTtl) {
    ParsedOptions parsed = parse({"--stun", "stun:s", "--turn", "turn:t:3478", "--turn", "turns:t:5349",
                                  "--turn-secret", "north-wind-secret"});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    EXPECT_TRUE(mints_turn_credentials(parsed.config.ice));
    EXPECT_EQ(turn_ttl(parsed.config.ice), kDefaultTurnTtl);
    EXPECT_EQ(kDefaultTurnTtl, 6h);
    TurnCredential expected = TurnCredentialMinter("north-wind-secret", 6h).mint("9f86d081884c7d65", kNow);
    EXPECT_EQ(expected.username, "1700021600:9f86d081884c7d65");
    EXPECT_EQ(ice_servers_for_pages(parsed.config.ice, "9f86d081884c7d65", kNow),
              (std::vector<IceServer>{IceServer{{"stun:s"}, std::nullopt, std::nullopt},
                                      IceServer{{"turn:t:3478", "turns:t:5349"}, expected.username,
                                                expected.password}}));
}

TEST(IceServers, TurnTtlSetsTheExpiry) {
    ParsedOptions parsed = parse({"--turn", "turn:t", "--turn-secret", "north-wind-secret", "--turn-ttl", "3600"});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    std::vector<IceServer> servers = ice_servers_for_pages(parsed.config.ice, "9f86d081884c7d65", kNow);
    ASSERT_EQ(servers.size(), 1u);
    EXPECT_EQ(servers[0].username, "1700003600:9f86d081884c7d65");
    EXPECT_EQ(servers[0].credential, "tKoOc8YpjuNrOpDDOsjsY7gnURM=");
}

TEST(IceServers, TurnTtlBounds) {
    auto with_ttl = [](std::string_view ttl) { return parse({"--turn", "turn:t", "--turn-secret", "s", "--turn-ttl", ttl}); };
    EXPECT_EQ(with_ttl("10").action, ParsedOptions::Action::run);
    EXPECT_EQ(with_ttl("604800").action, ParsedOptions::Action::run);
    for (std::string_view bad : {"9", "604801", "0", "-5", "1h", "99999999999999999999"}) {
        EXPECT_EQ(with_ttl(bad).error,
                  "--turn-ttl: '" + std::string(bad) + "' must be a whole number of seconds 10-604800");
    }
}

TEST(IceServers, SecretAndStaticCredentialsExcludeEachOther) {
    EXPECT_EQ(parse({"--turn", "turn:t", "--turn-secret", "s", "--turn-username", "u", "--turn-credential", "c"}).error,
              "--turn-secret/--turn-secret-file mint credentials per page; do not also give "
              "--turn-username/--turn-credential");
    EXPECT_NE(parse({"--turn", "turn:t", "--turn-secret-file", "/f", "--turn-credential", "c"}).error.find(
                  "do not also give"),
              std::string::npos);
    EXPECT_EQ(parse({"--turn", "turn:t", "--turn-secret", "s", "--turn-secret-file", "/f"}).error,
              "give --turn-secret or --turn-secret-file, not both");
    EXPECT_EQ(parse({"--turn", "turn:t", "--turn-username", "u", "--turn-credential", "c", "--turn-ttl", "60"}).error,
              "--turn-ttl applies to minted credentials: give it with --turn-secret-file");
}

TEST(IceServers, SecretOnTheCommandLineWarnsAboutPs) {
    ParsedOptions parsed = parse({"--turn", "turn:t", "--turn-secret", "s"});
    ASSERT_EQ(parsed.warnings.size(), 1u);
    EXPECT_NE(parsed.warnings[0].find("visible to every local user in `ps`"), std::string::npos);
    EXPECT_TRUE(parse({"--turn", "turn:t", "--turn-username", "u", "--turn-credential", "c"}).warnings.empty());
}

TEST(IceServers, SecretFileIsReadAtStartWithoutWarning) {
    testing::TempDir dir;
    std::filesystem::path file = dir.write("turn-secret", "north-wind-secret\n");
    ParsedOptions parsed = parse({"--turn", "turn:t", "--turn-secret-file", file.string()});
    ASSERT_EQ(parsed.action, ParsedOptions::Action::run) << parsed.error;
    EXPECT_TRUE(parsed.warnings.empty());
    EXPECT_EQ(parsed.config.ice.turn_secret, "north-wind-secret");
    EXPECT_EQ(ice_servers_for_pages(parsed.config.ice, "abc", kNow).at(0).credential,
              hmac_sha1_base64("north-wind-secret", "1700021600:abc"));
}

TEST(IceServers, BadSecretFilesFailTheStart) {
    testing::TempDir dir;
    ParsedOptions missing = parse({"--turn", "turn:t", "--turn-secret-file", (dir.path() / "none").string()});
    EXPECT_EQ(missing.action, ParsedOptions::Action::fail);
    EXPECT_NE(missing.error.find("does not exist"), std::string::npos) << missing.error;
    ParsedOptions empty = parse({"--turn", "turn:t", "--turn-secret-file", dir.write("empty", "\n").string()});
    EXPECT_NE(empty.error.find("is empty"), std::string::npos) << empty.error;
}

TEST(IceServers, StaticCredentialsAreTheSameForEveryPage) {
    ParsedOptions parsed = parse({"--turn", "turn:t", "--turn-username", "u", "--turn-credential", "c"});
    EXPECT_FALSE(mints_turn_credentials(parsed.config.ice));
    EXPECT_EQ(ice_servers_for_pages(parsed.config.ice, "a", kNow), ice_servers_for_pages(parsed.config.ice, "b", kNow));
}

}  // namespace
}  // namespace p2p::relay
