// Rooms and relaying over real WSS connections to the relay binary.
#include <gtest/gtest.h>

#include <memory>

#include "shared/codec.hpp"
#include "tests/server/relay_fixture.hpp"
#include "tests/server/test_clients.hpp"
#include "tests/server/ws_helpers.hpp"

namespace p2p::relay::testing {
namespace {

using RelayWebsocket = RelayFixture;

// Messages in the seed's shapes, written with odd spacing and key order on purpose: the relay
// must pass on the bytes, not a re-serialisation.
const std::string kOffer = R"({ "sdp" : "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n", "type":"offer" })";
const std::string kAnswer = R"({"type":"answer","sdp":"v=0\r\n\u00e9"})";
const std::string kOfferIce =
    R"({"type":"offer_ice","iceCandidate":{"candidate":"candidate:1 1 udp 2122260223 192.168.1.5 50000 typ host","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"abcd"}})";
const std::string kAnswerIce =
    R"({"type":"answer_ice","iceCandidate":{"candidate":"","sdpMid":null,"sdpMLineIndex":null}})";

TEST_F(RelayWebsocket, JoinedAndPeerJoinedSayWhoIsThere) {
    join_pair(port(), "kitchen");  // checks every control message on the way
}

TEST_F(RelayWebsocket, PeersExchangeMessagesByteForByte) {
    Pair pair = join_pair(port(), "kitchen");
    pair.first->send(kOffer);
    EXPECT_EQ(pair.second->read(), kOffer);
    pair.second->send(kAnswer);
    EXPECT_EQ(pair.first->read(), kAnswer);
    pair.first->send(kOfferIce);
    pair.second->send(kAnswerIce);
    EXPECT_EQ(pair.second->read(), kOfferIce);
    EXPECT_EQ(pair.first->read(), kAnswerIce);
    EXPECT_TRUE(pair.first->stays_silent()) << "nothing is echoed to the sender";
}

TEST_F(RelayWebsocket, ManyMessagesArriveInOrder) {
    Pair pair = join_pair(port(), "kitchen");
    for (int i = 0; i < 50; ++i) pair.first->send(R"({"type":"offer","sdp":")" + std::to_string(i) + "\"}");
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(pair.second->read(), R"({"type":"offer","sdp":")" + std::to_string(i) + "\"}");
    }
}

TEST_F(RelayWebsocket, ThirdPeerGetsRoomFullThenClose1008) {
    Pair pair = join_pair(port(), "kitchen");
    WsClient third(port(), "/ws?room=kitchen");
    expect_error_code(third, "room_full");
    EXPECT_EQ(third.wait_closed(), websocket::close_code::policy_error);
    pair.first->send(kOffer);
    EXPECT_EQ(pair.second->read(), kOffer) << "the room is undisturbed";
    EXPECT_TRUE(pair.first->stays_silent()) << "no peer_left for a refused peer";
}

TEST_F(RelayWebsocket, PeerLeftArrivesAtOnceAndRejoinWorks) {
    Pair pair = join_pair(port(), "kitchen");
    pair.second->close();
    EXPECT_EQ(decoded(pair.first->read(1s)), Message(PeerLeft{}));
    WsClient again(port(), "/ws?room=kitchen");
    EXPECT_EQ(decoded(again.read()), joined("kitchen", 2));
    EXPECT_EQ(decoded(pair.first->read()), Message(PeerJoined{}));
    again.send(kAnswer);
    EXPECT_EQ(pair.first->read(), kAnswer);
}

TEST_F(RelayWebsocket, DroppedConnectionAlsoFreesTheSlot) {
    Pair pair = join_pair(port(), "kitchen");
    pair.second.reset();  // TCP goes away without a close handshake
    EXPECT_EQ(decoded(pair.first->read(1s)), Message(PeerLeft{}));
    WsClient again(port(), "/ws?room=kitchen");
    EXPECT_EQ(decoded(again.read()), joined("kitchen", 2));
}

TEST_F(RelayWebsocket, RoomsDoNotSeeEachOther) {
    Pair a = join_pair(port(), "room-a");
    Pair b = join_pair(port(), "room_b");
    a.first->send(kOffer);
    EXPECT_EQ(a.second->read(), kOffer);
    EXPECT_TRUE(b.first->stays_silent());
    EXPECT_TRUE(b.second->stays_silent());
    a.second->close();
    EXPECT_EQ(decoded(a.first->read()), Message(PeerLeft{}));
    EXPECT_TRUE(b.first->stays_silent()) << "peer_left stays in its room";
}

TEST_F(RelayWebsocket, MessageWithNobodyToReceiveItIsDropped) {
    WsClient alone(port(), "/ws?room=solo");
    decoded(alone.read());
    alone.send(kOffer);
    EXPECT_TRUE(alone.stays_silent());
    WsClient later(port(), "/ws?room=solo");
    EXPECT_EQ(decoded(later.read()), joined("solo", 2));
    EXPECT_TRUE(later.stays_silent()) << "earlier messages are not stored";
}

TEST_F(RelayWebsocket, InvalidMessagesGetAnErrorAndTheConnectionSurvives) {
    Pair pair = join_pair(port(), "kitchen");
    const std::vector<std::pair<std::string, std::string_view>> cases = {
        {"not json", error_code::kBadMessage},
        {"[1,2]", error_code::kBadMessage},
        {R"({"sdp":"v=0"})", error_code::kBadMessage},
        {R"({"type":"nope"})", error_code::kUnknownType},
        {R"({"type":"offer","sdp":5})", error_code::kBadMessage},
        {R"({"type":"offer_ice","iceCandidate":"x"})", error_code::kBadMessage},
        {R"({"type":"joined","room":"kitchen","peers":1})", error_code::kNotAllowed},
        {R"({"type":"peer_left"})", error_code::kNotAllowed},
        {R"({"type":"error","code":"x","message":"y"})", error_code::kNotAllowed},
        {std::string(100, '[') + std::string(100, ']'), error_code::kTooDeep},
    };
    for (const auto& [text, code] : cases) {
        SCOPED_TRACE(text);
        pair.first->send(text);
        expect_error_code(*pair.first, code);
    }
    EXPECT_TRUE(pair.second->stays_silent()) << "nothing invalid was forwarded";
    pair.first->send(kOffer);
    EXPECT_EQ(pair.second->read(), kOffer);
}

// A page checks its socket with ping: the relay answers it itself, alone in the room or not, and
// never forwards it. A pong from a page is refused like any relay-only type.
TEST_F(RelayWebsocket, PingIsAnsweredByThePongAndNeverForwarded) {
    WsClient alone(port(), "/ws?room=solo");
    decoded(alone.read());
    alone.send(R"({"type":"ping"})");
    EXPECT_EQ(alone.read(), R"({"type":"pong"})") << "answered with nobody else in the room";
    Pair pair = join_pair(port(), "kitchen");
    pair.first->send(R"({ "type" : "ping", "extra": [1] })");
    EXPECT_EQ(decoded(pair.first->read()), Message(Pong{}));
    EXPECT_TRUE(pair.second->stays_silent()) << "a ping is not for the peer";
    pair.first->send(R"({"type":"pong"})");
    expect_error_code(*pair.first, error_code::kNotAllowed);
    pair.first->send(kOffer);
    EXPECT_EQ(pair.second->read(), kOffer);
}

TEST_F(RelayWebsocket, UpgradeAtRootWorksForTheOldDemoPage) {
    WsClient root(port(), "/");
    EXPECT_EQ(decoded(root.read()), joined("default", 1));
    WsClient ws(port(), "/ws");
    EXPECT_EQ(decoded(ws.read()), joined("default", 2));
    WsClient named(port(), "/?room=K%5F1");
    EXPECT_EQ(decoded(named.read()), joined("K_1", 1));
}

TEST_F(RelayWebsocket, BinaryFrameClosesWith1003AndTellsThePeer) {
    Pair pair = join_pair(port(), "kitchen");
    pair.first->send_binary("\x01\x02");
    EXPECT_EQ(pair.first->wait_closed(), websocket::close_code::unknown_data);
    EXPECT_EQ(decoded(pair.second->read()), Message(PeerLeft{}));
}

TEST_F(RelayWebsocket, OversizedMessageClosesWith1009) {
    Pair pair = join_pair(port(), "kitchen");
    const std::size_t limit = ProtocolLimits{}.max_message_bytes;
    std::string sdp(limit - 40, 'a');
    std::string fits = R"({"type":"offer","sdp":")" + sdp + "\"}";
    ASSERT_LE(fits.size(), limit);
    pair.first->send(fits);
    EXPECT_EQ(pair.second->read(), fits);
    pair.first->send(R"({"type":"offer","sdp":")" + std::string(limit, 'a') + "\"}");
    EXPECT_EQ(pair.first->wait_closed(), websocket::close_code::too_big);
    EXPECT_EQ(decoded(pair.second->read()), Message(PeerLeft{}));
}

TEST_F(RelayWebsocket, EscapedInvalidUnicodeGetsAnErrorAndTheConnectionSurvives) {
    Pair pair = join_pair(port(), "kitchen");
    pair.first->send(R"({"type":"offer","sdp":"\ud800"})");  // a lone surrogate is not UTF-16
    expect_error_code(*pair.first, error_code::kBadMessage);
    pair.first->send(kOffer);
    EXPECT_EQ(pair.second->read(), kOffer);
}

TEST_F(RelayWebsocket, RawInvalidUtf8ClosesWith1007AsRfc6455RequiresAndTheRoomSurvives) {
    Pair pair = join_pair(port(), "kitchen");
    pair.first->send(std::string(R"({"type":"offer","sdp":")") + "\xff\xfe" + "\"}");
    EXPECT_EQ(pair.first->wait_closed(), websocket::close_code::bad_payload);
    EXPECT_EQ(decoded(pair.second->read()), Message(PeerLeft{}));
    WsClient again(port(), "/ws?room=kitchen");
    EXPECT_EQ(decoded(again.read()), joined("kitchen", 2));
}

TEST_F(RelayWebsocket, ResetConnectionIsNoGhostAndTheReconnectGetsIn) {
    Pair pair = join_pair(port(), "kitchen");
    pair.second->abort();  // RST: a crashed tab or a killed process, no close frame
    EXPECT_EQ(decoded(pair.first->read(1s)), Message(PeerLeft{}));
    WsClient again(port(), "/ws?room=kitchen");
    EXPECT_EQ(decoded(again.read()), joined("kitchen", 2)) << "not room_full";
}

TEST(RelayThreads, SeveralIoThreadsRelayTheSameWay) {
    TempDir dir;
    std::vector<std::string> args = loopback_args(dir.path() / "state", dir.path());
    args.insert(args.end(), {"--threads", "4"});
    RelayProcess relay(args);
    for (const char* room : {"t1", "t2", "t3"}) {
        Pair pair = join_pair(relay.port(), room);
        pair.first->send(kOffer);
        EXPECT_EQ(pair.second->read(), kOffer);
        pair.first->close();
        EXPECT_EQ(decoded(pair.second->read()), Message(PeerLeft{}));
    }
}

}  // namespace
}  // namespace p2p::relay::testing
