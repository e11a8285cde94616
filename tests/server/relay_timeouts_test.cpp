// Time limits over the wire, with short flags so each takes about two seconds: silent TCP,
// slowloris requests, and WebSocket peers that die without a word.
#include <gtest/gtest.h>

#include <future>
#include <iostream>

#include "tests/server/raw_clients.hpp"
#include "tests/server/relay_process.hpp"
#include "tests/server/temp_dir.hpp"
#include "tests/server/test_clients.hpp"
#include "tests/server/ws_helpers.hpp"

namespace p2p::relay::testing {
namespace {

using Clock = std::chrono::steady_clock;

class RelayTimeouts : public ::testing::Test {
protected:
    TempDir dir_;
    RelayProcess relay_{loopback_args_with(
        dir_.path(), {"--handshake-timeout", "1", "--http-timeout", "2", "--idle-timeout", "2"})};
};

TEST_F(RelayTimeouts, ConnectionThatNeverStartsTlsIsDropped) {
    RawOutcome outcome = silent_tcp(relay_.port(), 5s);
    ASSERT_TRUE(outcome.closed_after) << "still open after 5 s";
    std::cout << "[ figure ] silent TCP dropped after " << outcome.closed_after->count() << " ms\n";
    EXPECT_GE(*outcome.closed_after, 900ms);
    EXPECT_LT(*outcome.closed_after, 2500ms);
}

TEST_F(RelayTimeouts, SlowlorisRequestIsDroppedAtTheRequestTimeout) {
    // One header byte every 250 ms: each arrives well within any per-read timeout.
    std::vector<std::string> chunks = {"GET / HTTP/1.1\r\nHost: x\r\n"};
    for (int i = 0; i < 40; ++i) chunks.push_back("X");
    RawOutcome outcome = tls_trickle(relay_.port(), chunks, 250ms, 8s);
    ASSERT_TRUE(outcome.closed_after) << "still open after 8 s";
    std::cout << "[ figure ] slowloris dropped after " << outcome.closed_after->count() << " ms\n";
    EXPECT_LT(*outcome.closed_after, 3500ms);
    EXPECT_EQ(outcome.received.find("200 OK"), std::string::npos);
}

TEST_F(RelayTimeouts, SilentPeerIsDroppedWithinTheIdleTimeoutAndTheOtherIsTold) {
    Pair pair = join_pair(relay_.port(), "quiet");
    // pair.second now never runs its I/O: like a frozen tab or a pulled cable, it answers no ping.
    const auto start = Clock::now();
    EXPECT_EQ(decoded(pair.first->read(5s)), Message(PeerLeft{}));
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    std::cout << "[ figure ] peer_left after silent death: " << waited.count() << " ms (idle timeout 2 s)\n";
    EXPECT_LT(waited, 3s);
    WsClient again(relay_.port(), "/ws?room=quiet");
    EXPECT_EQ(decoded(again.read()), joined("quiet", 2)) << "the ghost no longer holds the room";
}

TEST_F(RelayTimeouts, QuietButLivePeerSurvivesManyIdleTimeouts) {
    Pair pair = join_pair(relay_.port(), "calm");
    // Both keep their I/O running (and so answer pings) without sending anything for 5 s.
    auto first = std::async(std::launch::async, [&] { return pair.first->stays_silent(5s); });
    EXPECT_TRUE(pair.second->stays_silent(5s));
    EXPECT_TRUE(first.get());
    pair.first->send(R"({"type":"offer","sdp":"v=0"})");
    EXPECT_EQ(pair.second->read(), R"({"type":"offer","sdp":"v=0"})");
}

}  // namespace
}  // namespace p2p::relay::testing
