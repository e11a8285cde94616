// The keep-alive wheel on a real io_context and clock: when targets are checked, which are skipped.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "server/keep_alive.hpp"

namespace p2p::relay {
namespace {

using namespace std::chrono_literals;
using Clock = KeepAlive::Clock;

// Records when it was checked.
struct Probe : KeepAliveTarget {
    void check_alive() override { checks.push_back(Clock::now()); }
    std::vector<Clock::time_point> checks;
};

// A 2 s idle timeout: ticks of 62.5 ms, the longest wait 2 s.
struct Wheel {
    Wheel() : keep_alive(std::make_shared<KeepAlive>(io, 2s)) { keep_alive->start(); }
    void run_for(Clock::duration d) {
        io.restart();
        io.run_for(d);
    }
    net::io_context io;
    std::shared_ptr<KeepAlive> keep_alive;
};

TEST(KeepAlive, TicksAreAThirtySecondOfTheTimeoutWithinBounds) {
    net::io_context io;
    EXPECT_EQ(KeepAlive(io, 2s).tick(), 62500us);
    EXPECT_EQ(KeepAlive(io, 20s).tick(), 250ms) << "at most a quarter second";
    EXPECT_EQ(KeepAlive(io, 0s).tick(), 50ms) << "at least 50 ms";
}

TEST(KeepAlive, PingsComeLateButLeaveAnEighthOfTheTimeoutForThePong) {
    net::io_context io;
    for (auto timeout : {1s, 2s, 20s, 30s}) {
        KeepAlive keep_alive(io, timeout);
        const auto latest_ping = keep_alive.ping_after() + 2 * keep_alive.tick();  // a check's worst lateness
        EXPECT_LE(latest_ping, timeout - timeout / 8) << timeout.count() << " s";
        EXPECT_GE(keep_alive.ping_after(), timeout * 3 / 4) << "a third fewer pings than at half the timeout";
    }
}

// How long after watch(delay) the one check came (run for `run`); a failure when it did not come once.
Clock::duration checked_after(Clock::duration delay, Clock::duration run) {
    Wheel wheel;
    auto probe = std::make_shared<Probe>();
    const auto asked = Clock::now();
    wheel.keep_alive->watch(probe, delay);
    wheel.run_for(run);
    EXPECT_EQ(probe->checks.size(), 1u) << "one watch, one check";
    return probe->checks.empty() ? Clock::duration::max() : probe->checks[0] - asked;
}

constexpr auto kTwoTicks = 2 * 62500us + 100ms;  // and some slack for a busy machine

TEST(KeepAlive, ATargetIsCheckedOnceNeverBeforeItsDelayAndWithinTwoTicks) {
    const auto after = checked_after(600ms, 1500ms);
    EXPECT_GE(after, 600ms);
    EXPECT_LE(after, 600ms + kTwoTicks);
}

TEST(KeepAlive, TargetsDueTogetherAreCheckedInOneTick) {
    Wheel wheel;
    std::vector<std::shared_ptr<Probe>> probes;
    for (int i = 0; i < 1000; ++i) {
        probes.push_back(std::make_shared<Probe>());
        wheel.keep_alive->watch(probes.back(), 300ms);
    }
    wheel.run_for(1s);
    for (const auto& probe : probes) {
        ASSERT_EQ(probe->checks.size(), 1u);
        EXPECT_LT(probe->checks[0] - probes[0]->checks[0], 20ms) << "the same tick";
    }
}

TEST(KeepAlive, AGoneTargetIsSkipped) {
    Wheel wheel;
    auto gone = std::make_shared<Probe>();
    std::weak_ptr<Probe> watch_gone = gone;
    wheel.keep_alive->watch(gone, 0ms);
    gone.reset();
    auto kept = std::make_shared<Probe>();
    wheel.keep_alive->watch(kept, 0ms);
    wheel.run_for(600ms);
    EXPECT_TRUE(watch_gone.expired());
    EXPECT_EQ(kept->checks.size(), 1u);
}

TEST(KeepAlive, LongDelaysAreCutToTheTimeout) {
    EXPECT_LE(checked_after(1h, 3s), 2s + kTwoTicks);
}

TEST(KeepAlive, StopEndsTheTimerAndIgnoresLaterWatches) {
    Wheel wheel;
    auto probe = std::make_shared<Probe>();
    wheel.keep_alive->watch(probe, 300ms);
    wheel.keep_alive->stop();
    wheel.keep_alive->watch(probe, 300ms);
    const auto started = Clock::now();
    wheel.run_for(2s);
    EXPECT_TRUE(probe->checks.empty());
    EXPECT_LT(Clock::now() - started, 1s) << "nothing keeps the io_context running";
}

// As in the relay: the io_context on 4 threads, ticks under way, stop() from another thread (the
// signal handler's). The timer is touched on its strand only (a ThreadSanitizer build reports a
// stop that cancels it while a tick re-arms it), and nothing ticks on after the stop.
TEST(KeepAlive, StopFromAnotherThreadWhileTickingEndsTheTimer) {
    for (int round = 0; round < 20; ++round) {
        net::io_context io;
        auto keep_alive = std::make_shared<KeepAlive>(io, 1s);  // ticks of 50 ms
        keep_alive->start();
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) threads.emplace_back([&io] { io.run(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + 7 * round));
        const auto stopped = Clock::now();
        keep_alive->stop();
        for (std::thread& t : threads) t.join();
        EXPECT_LT(Clock::now() - stopped, 200ms) << "round " << round << ": the io_context ran out";
    }
}

}  // namespace
}  // namespace p2p::relay
