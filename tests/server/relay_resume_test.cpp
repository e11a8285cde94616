// The waiting seat: a page whose socket goes silent (its network went) or that closes it to
// reconnect at once keeps its seat for the resume window. The other page hears "peer_away", a
// third page still finds the room full, the page takes its seat back with its token, and
// "peer_left" comes for a goodbye (a close frame, or the FIN or reset of a closed or reloaded tab)
// or when the window passes. Real relay, real sockets; a short idle timeout finds silence in ~2 s.
#include <gtest/gtest.h>

#include <iostream>
#include <thread>

#include "server/config.hpp"
#include "shared/codec.hpp"
#include "tests/server/relay_process.hpp"
#include "tests/server/temp_dir.hpp"
#include "tests/server/test_clients.hpp"
#include "tests/server/ws_helpers.hpp"

namespace p2p::relay::testing {
namespace {

using Clock = std::chrono::steady_clock;

const std::string kPage = "page-token-0123456789";
const std::string kOther = "other-token-0123456789";
const std::string kThird = "third-token-0123456789";
// --idle-timeout 2: a silent page is dropped (and its seat held) about 2 s after it went quiet.
constexpr auto kSilenceFound = 3500ms;

std::string target(const std::string& room, const std::string& token) {
    return "/ws?room=" + room + (token.empty() ? "" : "&peer=" + token);
}

Message joined_with_window(const std::string& room, unsigned peers, unsigned window_s) {
    Message message = joined(room, peers);
    std::get<Joined>(message).resume_window_s = window_s;
    return message;
}

long long ms_since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

class RelayResume : public ::testing::Test {
protected:
    // A relay with `window` seconds of resume window ("" keeps the default).
    void start(const std::string& window = "") {
        std::vector<std::string> flags{"--idle-timeout", "2"};
        if (!window.empty()) flags.insert(flags.end(), {"--resume-window", window});
        window_ = window.empty() ? Config{}.resume_window.count() : std::stoul(window);
        relay_ = std::make_unique<RelayProcess>(loopback_args_with(dir_.path(), flags));
    }
    void SetUp() override { start(); }

    std::unique_ptr<WsClient> join(const std::string& room, const std::string& token, unsigned peers) {
        auto client = std::make_unique<WsClient>(relay_->port(), target(room, token));
        EXPECT_EQ(decoded(client->read()), joined_with_window(room, peers, static_cast<unsigned>(window_)));
        return client;
    }
    // Two of our pages (with tokens) in `room`, past joined / peer_joined. A WsClient runs its
    // I/O only inside its own calls, so one left alone from here on is silent: it answers no ping.
    std::pair<std::unique_ptr<WsClient>, std::unique_ptr<WsClient>> pair(const std::string& room) {
        auto first = join(room, kPage, 1);
        auto second = join(room, kOther, 2);
        EXPECT_EQ(decoded(first->read()), Message(PeerJoined{}));
        return {std::move(first), std::move(second)};
    }
    std::string metrics() { return https_request(relay_->port(), http::verb::get, "/metrics").body(); }

    TempDir dir_;
    std::unique_ptr<RelayProcess> relay_;
    unsigned long window_ = 0;
};

TEST_F(RelayResume, JoinedTellsThePageTheResumeWindow) {
    WsClient page(relay_->port(), target("w", kPage));
    EXPECT_EQ(decoded(page.read()), joined_with_window("w", 1, 60));
}

TEST_F(RelayResume, ASilentPageIsAwayNotGoneAndAThirdPageStillFindsTheRoomFull) {
    auto [silent, other] = pair("lost");
    const auto start = Clock::now();
    EXPECT_EQ(decoded(other->read(kSilenceFound)), Message(PeerAway{}));
    std::cout << "[ figure ] peer_away " << ms_since(start) << " ms after the page went silent (idle timeout 2 s)\n";
    WsClient third(relay_->port(), target("lost", kThird));
    expect_error_code(third, error_code::kRoomFull);
    WsClient demo_page(relay_->port(), target("lost", ""));
    expect_error_code(demo_page, error_code::kRoomFull);
    EXPECT_TRUE(other->stays_silent(500ms)) << "no peer_left while the seat is held";
}

TEST_F(RelayResume, ThePageTakesItsSeatBackAndTheCallSignalsAgain) {
    auto [silent, other] = pair("back");
    EXPECT_EQ(decoded(other->read(kSilenceFound)), Message(PeerAway{}));
    other->send(R"({"type":"ready","session":"s1"})");  // nobody to hear it: dropped
    auto back = join("back", kPage, 2);
    EXPECT_EQ(decoded(other->read()), Message(PeerJoined{}));
    EXPECT_TRUE(back->stays_silent()) << "what was sent to an away seat is not replayed";
    back->send(R"({"type":"ready","session":"s1"})");
    EXPECT_EQ(other->read(), R"({"type":"ready","session":"s1"})");
    other->send(R"({"type":"restart","session":"s1"})");
    EXPECT_EQ(back->read(), R"({"type":"restart","session":"s1"})");
    const std::string text = metrics();
    EXPECT_NE(text.find("p2p_relay_seats_total{outcome=\"held\"} 1\n"), std::string::npos) << text;
    EXPECT_NE(text.find("p2p_relay_seats_total{outcome=\"resumed\"} 1\n"), std::string::npos) << text;
}

TEST_F(RelayResume, APageClosingToReconnectIsAwayAtOnce) {
    auto [page, other] = pair("again");
    const auto start = Clock::now();
    page->close(close_code::kReconnecting);
    EXPECT_EQ(decoded(other->read(1s)), Message(PeerAway{}));
    EXPECT_LT(ms_since(start), 1000);
    auto back = join("again", kPage, 2);
    EXPECT_EQ(decoded(other->read()), Message(PeerJoined{}));
}

TEST_F(RelayResume, AClosedTabHasLeftAtOnceWithACloseFrameOrWithout) {
    for (bool frame : {true, false}) {
        const std::string room = frame ? "bye" : "gone";
        auto [page, other] = pair(room);
        const auto start = Clock::now();
        if (frame) page->close(1001);  // going away: a tab closing with time to say so
        else page->abort();            // a reset: what Chromium's closed or reloaded tab does
        EXPECT_EQ(decoded(other->read(1s)), Message(PeerLeft{})) << room;
        EXPECT_LT(ms_since(start), 1000) << room;
        join(room, kThird, 2);  // the seat is free
    }
}

TEST_F(RelayResume, APageWithoutATokenCannotComeBackSoItHasLeft) {
    auto demo_page = join("demo", "", 1);
    auto other = join("demo", kOther, 2);
    EXPECT_EQ(decoded(demo_page->read()), Message(PeerJoined{}));
    EXPECT_EQ(decoded(other->read(kSilenceFound)), Message(PeerLeft{}));
}

TEST_F(RelayResume, ANewcomerIsToldTheOtherSeatIsAway) {
    auto silent = join("early", kPage, 1);
    std::this_thread::sleep_for(kSilenceFound);  // dropped as silent meanwhile
    auto other = join("early", kOther, 1);
    EXPECT_EQ(decoded(other->read()), Message(PeerAway{}));
    auto back = join("early", kPage, 2);
    EXPECT_EQ(decoded(other->read()), Message(PeerJoined{}));
}

TEST_F(RelayResume, WhenTheWindowPassesThePeerHasLeftAndTheSeatIsFree) {
    start("1");
    auto [page, other] = pair("late");
    page->close(close_code::kReconnecting);
    EXPECT_EQ(decoded(other->read(1s)), Message(PeerAway{}));
    const auto start_wait = Clock::now();
    EXPECT_EQ(decoded(other->read(3s)), Message(PeerLeft{}));
    EXPECT_GT(ms_since(start_wait), 700);
    EXPECT_LT(ms_since(start_wait), 2000);
    join("late", kThird, 2);
    EXPECT_NE(metrics().find("p2p_relay_seats_total{outcome=\"expired\"} 1\n"), std::string::npos);
}

TEST_F(RelayResume, AWindowOfZeroHoldsNoSeat) {
    start("0");
    auto [page, other] = pair("none");
    page->close(close_code::kReconnecting);
    EXPECT_EQ(decoded(other->read(1s)), Message(PeerLeft{}));
}

}  // namespace
}  // namespace p2p::relay::testing
