// The relay hands its STUN/TURN settings to every page in "joined", and nothing on a LAN set-up.
#include <gtest/gtest.h>

#include "shared/codec.hpp"
#include "tests/server/relay_process.hpp"
#include "tests/server/temp_dir.hpp"
#include "tests/server/test_clients.hpp"

namespace p2p::relay::testing {
namespace {

Joined read_joined(WsClient& client) {
    std::optional<std::string> text = client.read();
    EXPECT_TRUE(text);
    DecodeResult result = decode(text.value_or(""));
    EXPECT_TRUE(result.ok() && std::holds_alternative<Joined>(result.message())) << text.value_or("");
    return result.ok() && std::holds_alternative<Joined>(result.message()) ? std::get<Joined>(result.message())
                                                                              : Joined{};
}

TEST(RelayIceServers, JoinedCarriesTheConfiguredServers) {
    TempDir dir;
    std::vector<std::string> args = loopback_args(dir.path() / "state", dir.path());
    for (const char* extra : {"--stun", "stun:127.0.0.1:3478", "--turn", "turn:127.0.0.1:3478",
                              "--turn-username", "alice", "--turn-credential", "s3cret"}) {
        args.emplace_back(extra);
    }
    RelayProcess relay(args);
    WsClient client(relay.port(), "/ws?room=ice");
    EXPECT_EQ(read_joined(client).ice_servers,
              (std::vector<IceServer>{IceServer{{"stun:127.0.0.1:3478"}, std::nullopt, std::nullopt},
                                      IceServer{{"turn:127.0.0.1:3478"}, "alice", "s3cret"}}));
}

// The page's liveness check runs at the relay's pace: the flags reach every page in "joined".
TEST(RelayIceServers, JoinedCarriesThePagePingPace) {
    TempDir dir;
    std::vector<std::string> args = loopback_args(dir.path() / "state", dir.path());
    for (const char* extra : {"--page-ping", "1500", "--page-pong-deadline", "700"}) args.emplace_back(extra);
    RelayProcess relay(args);
    WsClient client(relay.port(), "/ws?room=pace");
    Joined joined = read_joined(client);
    EXPECT_EQ(joined.ping_interval_ms, 1500u);
    EXPECT_EQ(joined.pong_deadline_ms, 700u);
}

TEST(RelayIceServers, NoneWithoutFlags) {
    TempDir dir;
    RelayProcess relay(loopback_args(dir.path() / "state", dir.path()));
    WsClient client(relay.port(), "/ws?room=lan");
    std::optional<std::string> text = client.read();
    ASSERT_TRUE(text);
    EXPECT_EQ(text->find("iceServers"), std::string::npos) << *text;
}

}  // namespace
}  // namespace p2p::relay::testing
