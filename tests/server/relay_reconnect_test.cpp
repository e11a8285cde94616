// A page that reconnects with its ?peer= token takes over its own old (possibly dead) connection
// instead of finding the room full; nobody else can.
#include <gtest/gtest.h>

#include "server/shared_state.hpp"
#include "tests/server/relay_fixture.hpp"
#include "tests/server/ws_helpers.hpp"

namespace p2p::relay::testing {
namespace {

using RelayReconnect = RelayFixture;

const std::string kToken = "page-token-0123456789";

TEST_F(RelayReconnect, SameTokenReplacesTheGhostAndTheOtherSeesAwayThenJoined) {
    WsClient ghost(port(), "/ws?room=back&peer=" + kToken);
    EXPECT_EQ(decoded(ghost.read()), joined("back", 1));
    WsClient other(port(), "/ws?room=back");
    EXPECT_EQ(decoded(other.read()), joined("back", 2));
    EXPECT_EQ(decoded(ghost.read()), Message(PeerJoined{}));

    // The ghost is still "connected" as far as TCP goes: the relay could not know it is dead.
    WsClient back(port(), "/ws?room=back&peer=" + kToken);
    EXPECT_EQ(decoded(back.read()), joined("back", 2));
    EXPECT_EQ(decoded(other.read()), Message(PeerAway{}));
    EXPECT_EQ(decoded(other.read()), Message(PeerJoined{}));
    EXPECT_EQ(ghost.wait_closed(), kReplacedCloseCode);

    back.send(R"({"type":"offer","sdp":"v=0\r\n"})");
    EXPECT_EQ(other.read(), R"({"type":"offer","sdp":"v=0\r\n"})");
    EXPECT_TRUE(other.stays_silent()) << "the replaced connection must cause no peer_left nor a second peer_away";
}

TEST_F(RelayReconnect, AStrangersTokenStillFindsTheRoomFull) {
    Pair pair = join_pair(port(), "taken");
    WsClient stranger(port(), "/ws?room=taken&peer=stranger-token-01234");
    expect_error_code(stranger, error_code::kRoomFull);
    EXPECT_TRUE(pair.first->stays_silent());
    EXPECT_TRUE(pair.second->stays_silent());
}

TEST_F(RelayReconnect, BadTokenIsRefusedBeforeTheUpgrade) {
    auto response = https_request(port(), http::verb::get, "/ws?room=r&peer=short",
                                  {{"Upgrade", "websocket"}, {"Connection", "Upgrade"},
                                   {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                   {"Sec-WebSocket-Version", "13"}});
    EXPECT_EQ(response.result(), http::status::bad_request);
    EXPECT_NE(response.body().find("peer token"), std::string::npos);
}

}  // namespace
}  // namespace p2p::relay::testing
