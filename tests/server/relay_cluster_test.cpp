// Rooms across relays: a real redis-server on a loopback port and two real relay processes with
// --redis, driven by Beast clients. The two peers of a room sit on different relays and get the
// same guarantees as on one relay: cap of two, isolation, order, peer_left at once or within the
// TTL bound when a relay dies, and a clear refusal when Redis is missing.
#include <gtest/gtest.h>

#include <signal.h>

#include <memory>
#include <thread>

#include "shared/codec.hpp"
#include "tests/server/loopback_ports.hpp"
#include "tests/server/redis_server_process.hpp"
#include "tests/server/relay_process.hpp"
#include "tests/server/temp_dir.hpp"
#include "tests/server/test_clients.hpp"
#include "tests/server/ws_helpers.hpp"

namespace p2p::relay::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Short seats so the dead-relay cases finish quickly: gone within 3 + 1 s.
const std::vector<std::string> kFastSeats{"--redis-ttl", "3", "--redis-refresh", "1"};
constexpr auto kDeadRelayBound = 4s + 1500ms;  // TTL + refresh + scheduling slack

std::string room_target(const std::string& room, const std::string& token = "") {
    return "/ws?room=" + room + (token.empty() ? "" : "&peer=" + token);
}

class RelayCluster : public ::testing::Test {
protected:
    void SetUp() override {
        redis_ = std::make_unique<RedisServerProcess>(dir_.path());
        one_ = start_relay("one");
        two_ = start_relay("two");
    }

    std::unique_ptr<RelayProcess> start_relay(const std::string& name, std::vector<std::string> extra = {}) {
        std::vector<std::string> flags{"--redis", redis_->url()};
        flags.insert(flags.end(), kFastSeats.begin(), kFastSeats.end());
        flags.insert(flags.end(), extra.begin(), extra.end());
        std::filesystem::create_directories(dir_.path() / name);
        return std::make_unique<RelayProcess>(loopback_args_with(dir_.path() / name, flags));
    }

    // A peer on `relay` in `room`, past its "joined" (which must say `peers`).
    std::unique_ptr<WsClient> join(const RelayProcess& relay, const std::string& room, unsigned peers,
                                   const std::string& token = "") {
        auto client = std::make_unique<WsClient>(relay.port(), room_target(room, token));
        EXPECT_EQ(decoded(client->read()), joined(room, peers));
        return client;
    }

    TempDir dir_;
    std::unique_ptr<RedisServerProcess> redis_;
    std::unique_ptr<RelayProcess> one_;
    std::unique_ptr<RelayProcess> two_;
};

TEST_F(RelayCluster, PeersOnTwoRelaysShareARoom) {
    auto a = join(*one_, "across", 1);
    auto b = join(*two_, "across", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    a->send(R"({"type":"offer","sdp":"v=0 from one"})");
    EXPECT_EQ(b->read(), R"({"type":"offer","sdp":"v=0 from one"})");
    b->send(R"({"type":"answer","sdp":"v=0 from two"})");
    EXPECT_EQ(a->read(), R"({"type":"answer","sdp":"v=0 from two"})");
}

TEST_F(RelayCluster, ForwardsTheExactBytes) {
    auto a = join(*one_, "bytes", 1);
    auto b = join(*two_, "bytes", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    // Odd spacing, key order and escapes: a re-serialising relay would change them.
    const std::string text = "{ \"sdp\" : \"a=x\\u00e9\\n\",\"type\":\"offer\" ,\"extra\":[1, 2] }";
    a->send(text);
    EXPECT_EQ(b->read(), text);
}

TEST_F(RelayCluster, ThirdPeerIsRefusedOnTheOtherRelay) {
    auto a = join(*one_, "capped", 1);
    auto a2 = join(*one_, "capped", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    WsClient third(two_->port(), room_target("capped"));
    expect_error_code(third, error_code::kRoomFull);
    EXPECT_EQ(third.wait_closed(), 1008);
    EXPECT_TRUE(a->stays_silent());
    EXPECT_TRUE(a2->stays_silent());
}

TEST_F(RelayCluster, ThirdPeerIsRefusedOnTheSameRelay) {
    auto a = join(*one_, "capped2", 1);
    auto b = join(*two_, "capped2", 2);
    WsClient third(one_->port(), room_target("capped2"));
    expect_error_code(third, error_code::kRoomFull);
    EXPECT_EQ(third.wait_closed(), 1008);
}

TEST_F(RelayCluster, RoomsStayApart) {
    auto x1 = join(*one_, "x", 1);
    auto x2 = join(*two_, "x", 2);
    auto y1 = join(*two_, "y", 1);
    auto y2 = join(*one_, "y", 2);
    EXPECT_EQ(decoded(x1->read()), Message(PeerJoined{}));
    EXPECT_EQ(decoded(y1->read()), Message(PeerJoined{}));
    x1->send(R"({"type":"hangup"})");
    y2->send(R"({"type":"ready"})");
    EXPECT_EQ(x2->read(), R"({"type":"hangup"})");
    EXPECT_EQ(y1->read(), R"({"type":"ready"})");
    EXPECT_TRUE(x2->stays_silent());
    EXPECT_TRUE(y1->stays_silent());
    EXPECT_TRUE(x1->stays_silent(50ms));
    EXPECT_TRUE(y2->stays_silent(50ms));
}

TEST_F(RelayCluster, PeersOnTheSameRelayStillTalk) {
    auto a = join(*one_, "local", 1);
    auto b = join(*one_, "local", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    b->send(R"({"type":"ready"})");
    EXPECT_EQ(a->read(), R"({"type":"ready"})");
}

// 1,000 sequenced messages each way at once: none lost, none doubled, all in order.
TEST_F(RelayCluster, ThousandsOfMessagesBothWaysInOrder) {
    one_ = start_relay("fast-one", {"--rate", "100000", "--burst", "100000"});
    two_ = start_relay("fast-two", {"--rate", "100000", "--burst", "100000"});
    auto a = join(*one_, "order", 1);
    auto b = join(*two_, "order", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    constexpr int kCount = 1000;
    auto message = [](const char* from, int i) {
        return std::string(R"({"type":"offer_ice","iceCandidate":{"candidate":")") + from + " " + std::to_string(i) + "\"}}";
    };
    // Each client is used by one thread at a time: b sends from its own thread, then both read.
    std::thread sender_b([&] {
        for (int i = 0; i < kCount; ++i) b->send(message("b", i));
    });
    for (int i = 0; i < kCount; ++i) a->send(message("a", i));
    sender_b.join();
    for (int i = 0; i < kCount; ++i) ASSERT_EQ(b->read(10s), message("a", i)) << "message " << i;
    for (int i = 0; i < kCount; ++i) ASSERT_EQ(a->read(10s), message("b", i)) << "message " << i;
    EXPECT_TRUE(a->stays_silent());
    EXPECT_TRUE(b->stays_silent(50ms));
}

TEST_F(RelayCluster, CleanCloseIsSeenAtOnceOnTheOtherRelay) {
    auto a = join(*one_, "bye", 1);
    auto b = join(*two_, "bye", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    auto started = Clock::now();
    b->close();
    EXPECT_EQ(decoded(a->read(1s)), Message(PeerLeft{}));
    EXPECT_LT(Clock::now() - started, 1s);
    auto c = join(*two_, "bye", 2);  // the seat is free again
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
}

TEST_F(RelayCluster, AKilledRelaysPeersLeaveWithinTheTtlAndFreeTheRoom) {
    auto a = join(*one_, "crash", 1);
    auto b = join(*two_, "crash", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    auto started = Clock::now();
    two_->stop(SIGKILL, 2s);
    EXPECT_EQ(decoded(a->read(kDeadRelayBound)), Message(PeerLeft{}));
    EXPECT_LT(Clock::now() - started, kDeadRelayBound);
    auto c = join(*one_, "crash", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    c->send(R"({"type":"ready"})");
    EXPECT_EQ(a->read(), R"({"type":"ready"})");
}

TEST_F(RelayCluster, AStoppedRelaysPeersLeaveAtOnce) {
    auto a = join(*one_, "stop", 1);
    auto b = join(*two_, "stop", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    auto started = Clock::now();
    EXPECT_EQ(two_->stop(SIGTERM, 3s), 0);
    EXPECT_EQ(decoded(a->read(2s)), Message(PeerLeft{}));
    EXPECT_LT(Clock::now() - started, 2s);
}

TEST_F(RelayCluster, SamePageTakesBackItsSeatThroughTheOtherRelay) {
    const std::string token = "page-token-0123456789";
    auto ghost = join(*one_, "again", 1, token);
    auto other = join(*two_, "again", 2);
    EXPECT_EQ(decoded(ghost->read()), Message(PeerJoined{}));
    auto back = join(*two_, "again", 2, token);
    EXPECT_EQ(ghost->wait_closed(), 4001);
    EXPECT_EQ(decoded(other->read()), Message(PeerAway{}));
    EXPECT_EQ(decoded(other->read()), Message(PeerJoined{}));
    back->send(R"({"type":"ready"})");
    EXPECT_EQ(other->read(), R"({"type":"ready"})");
}

TEST_F(RelayCluster, ALostPageIsAwayOnTheOtherRelayAndComesBackThroughIt) {
    const std::string token = "page-token-0123456789";
    auto page = join(*one_, "lost", 1, token);
    auto other = join(*two_, "lost", 2, "other-token-0123456789");
    EXPECT_EQ(decoded(page->read()), Message(PeerJoined{}));
    page->close(close_code::kReconnecting);  // its silence would take the 20 s idle timeout
    EXPECT_EQ(decoded(other->read(2s)), Message(PeerAway{}));
    WsClient third(one_->port(), room_target("lost", "third-token-0123456789"));
    expect_error_code(third, error_code::kRoomFull);
    auto back = join(*two_, "lost", 2, token);
    EXPECT_EQ(decoded(other->read()), Message(PeerJoined{}));
    back->send(R"({"type":"ready"})");
    EXPECT_EQ(other->read(), R"({"type":"ready"})");
    EXPECT_TRUE(other->stays_silent(500ms)) << "no peer_left for the seat taken back";
}

TEST_F(RelayCluster, AStoppedRelaysPagesAreAwayAndComeBackThroughTheOtherRelay) {
    const std::string token = "page-token-0123456789";
    auto other = join(*one_, "moved", 1, "other-token-0123456789");
    auto page = join(*two_, "moved", 2, token);
    EXPECT_EQ(decoded(other->read()), Message(PeerJoined{}));
    EXPECT_EQ(two_->stop(SIGTERM, 3s), 0);
    EXPECT_EQ(decoded(other->read(2s)), Message(PeerAway{}));
    auto back = join(*one_, "moved", 2, token);
    EXPECT_EQ(decoded(other->read()), Message(PeerJoined{}));
}

TEST_F(RelayCluster, AHeldSeatEndsWithTheResumeWindow) {
    one_ = start_relay("short", {"--resume-window", "1"});
    auto page = std::make_unique<WsClient>(one_->port(), room_target("late", "page-token-0123456789"));
    Message first = decoded(page->read());
    ASSERT_TRUE(std::holds_alternative<Joined>(first));
    EXPECT_EQ(std::get<Joined>(first).resume_window_s, 1u);
    auto other = join(*two_, "late", 2, "other-token-0123456789");
    EXPECT_EQ(decoded(page->read()), Message(PeerJoined{}));
    page->close(close_code::kReconnecting);
    EXPECT_EQ(decoded(other->read(2s)), Message(PeerAway{}));
    EXPECT_EQ(decoded(other->read(3s)), Message(PeerLeft{}));
    join(*two_, "late", 2, "third-token-0123456789");
}

TEST_F(RelayCluster, MaxRoomsCountsEachRelaysOwnRooms) {
    one_ = start_relay("small", {"--max-rooms", "1"});
    auto a = join(*one_, "first", 1);
    WsClient refused(one_->port(), room_target("second"));
    expect_error_code(refused, error_code::kServerFull);
    auto b = join(*two_, "second", 1);  // the other relay has room for it
    auto c = join(*one_, "first", 2);   // and a room this relay already holds takes its second peer
}

TEST_F(RelayCluster, RedisLostClosesPeersRefusesJoinsAndComesBack) {
    auto a = join(*one_, "outage", 1);
    auto b = join(*two_, "outage", 2);
    const std::uint16_t port = redis_->port();
    redis_->kill();
    EXPECT_EQ(a->wait_closed(3s), 1013);
    EXPECT_EQ(b->wait_closed(3s), 1013);
    WsClient refused(one_->port(), room_target("outage"));
    expect_error_code(refused, error_code::kUnavailable);
    EXPECT_EQ(refused.wait_closed(), 1013);
    redis_ = std::make_unique<RedisServerProcess>(dir_.path(), port);
    // Reconnects with backoff (at most a few seconds); then rooms work again.
    const auto deadline = Clock::now() + 10s;
    std::unique_ptr<WsClient> again;
    while (Clock::now() < deadline) {
        again = std::make_unique<WsClient>(one_->port(), room_target("after"));
        Message first = decoded(again->read());
        if (std::holds_alternative<Joined>(first)) break;
        again.reset();
        std::this_thread::sleep_for(200ms);
    }
    ASSERT_TRUE(again) << "rooms did not come back after Redis did";
    auto other = join(*two_, "after", 2);
    other->send(R"({"type":"ready"})");
    EXPECT_EQ(decoded(again->read()), Message(PeerJoined{}));
    EXPECT_EQ(again->read(), R"({"type":"ready"})");
}

TEST_F(RelayCluster, IgnoresMalformedFramesOnItsChannel) {
    auto a = join(*one_, "garbage", 1);
    auto b = join(*two_, "garbage", 2);
    EXPECT_EQ(decoded(a->read()), Message(PeerJoined{}));
    std::string channels = redis_->command({"PUBSUB", "CHANNELS", "p2p:relay:*"});
    for (std::size_t start = 0; start < channels.size();) {
        std::size_t end = channels.find('\n', start);
        std::string channel = channels.substr(start, end - start);
        for (const char* junk : {"", "x 1\nhello", "m notanumber\n{}", "m 1", "m 99999\n{}"}) {
            redis_->command({"PUBLISH", channel, junk});
        }
        start = end == std::string::npos ? channels.size() : end + 1;
    }
    EXPECT_TRUE(a->stays_silent());
    EXPECT_TRUE(b->stays_silent(50ms));
    a->send(R"({"type":"ready"})");
    EXPECT_EQ(b->read(), R"({"type":"ready"})");
}

TEST_F(RelayCluster, SeatsLiveInRedisWithATtl) {
    auto a = join(*one_, "stored", 1, "stored-token-0123456789");
    std::string members = redis_->command({"ZRANGE", "p2p:room:stored", "0", "-1"});
    EXPECT_NE(members.find("/stored-token-0123456789"), std::string::npos) << members;
    long long ttl_ms = std::stoll(redis_->command({"PTTL", "p2p:room:stored"}));
    EXPECT_GT(ttl_ms, 0);
    EXPECT_LE(ttl_ms, 3000);
    a->close();
    const auto deadline = Clock::now() + 2s;
    while (redis_->command({"EXISTS", "p2p:room:stored"}) != "0" && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
    EXPECT_EQ(redis_->command({"EXISTS", "p2p:room:stored"}), "0");
}

TEST(RelayClusterStart, RefusesToStartWithoutRedis) {
    TempDir dir;
    std::uint16_t nobody = free_tcp_port();
    FinishedRun run = run_relay_to_exit(loopback_args_with(dir.path(), {"--redis", "redis://127.0.0.1:" + std::to_string(nobody)}));
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("cannot use Redis at redis://127.0.0.1:" + std::to_string(nobody)), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("Connection refused"), std::string::npos) << run.err;
    EXPECT_EQ(run.out.find("listening on"), std::string::npos);
}

TEST(RelayClusterStart, RefusesABadRedisPassword) {
    TempDir dir;
    RedisServerProcess redis(dir.path());
    redis.command({"CONFIG", "SET", "requirepass", "right-password"});
    FinishedRun run = run_relay_to_exit(
        loopback_args_with(dir.path(), {"--redis", "redis://:wrong@127.0.0.1:" + std::to_string(redis.port())}));
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("cannot use Redis at redis://:***@127.0.0.1"), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find("wrong"), std::string::npos) << "the password must not be logged:\n" << run.err;
}

TEST(RelayClusterStart, UsesThePasswordAndDatabaseOfTheUrl) {
    TempDir dir;
    RedisServerProcess redis(dir.path());
    redis.command({"CONFIG", "SET", "requirepass", "right-password"});
    std::string url = "redis://:right-password@127.0.0.1:" + std::to_string(redis.port()) + "/3";
    RelayProcess relay(loopback_args_with(dir.path(), {"--redis", url}));
    WsClient client(relay.port(), room_target("db3"));
    EXPECT_EQ(decoded(client.read()), joined("db3", 1));
}

}  // namespace
}  // namespace p2p::relay::testing
