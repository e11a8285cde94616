// One timer that finds the quiet WebSockets to ping and the silent ones to drop.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "server/net_types.hpp"

namespace p2p::relay {

// What KeepAlive checks: a WebSocket session (or a test's stand-in).
class KeepAliveTarget {
public:
    virtual ~KeepAliveTarget() = default;
    // Called from the timer's thread: ping a quiet peer or drop a silent one, then watch() again.
    virtual void check_alive() = 0;
};

// Sessions wait in a wheel of slots and are checked when their slot comes round. Thousands of
// idle peers then cost one wakeup per tick, and their pings go out (and pongs come back) in
// batches; Beast's own keep-alive arms a timer per connection and re-arms it on every frame,
// which made each ping cost two wakeups and a timerfd update (BENCHMARKS.md, idle CPU).
class KeepAlive : public std::enable_shared_from_this<KeepAlive> {
public:
    using Clock = std::chrono::steady_clock;

    // `idle_timeout`: a peer silent that long (after a ping) is dropped.
    KeepAlive(net::io_context& io, std::chrono::seconds idle_timeout);

    // Both from any thread; the timer itself lives on a strand of its own.
    void start();
    void stop();

    // Calls target->check_alive() once `delay` has passed (at most two ticks later; delays past
    // the idle timeout are cut to it), unless the target is gone by then; any thread.
    void watch(std::weak_ptr<KeepAliveTarget> target, Clock::duration delay);

    Clock::duration tick() const { return tick_; }
    Clock::duration idle_timeout() const { return idle_timeout_; }
    // A peer quiet this long is pinged. Late: each ping costs the relay a TLS record each way, and
    // 20k idle peers make that its whole idle CPU. Not too late: a check comes at most two ticks
    // after it is due, and then an eighth of the timeout is still left for the pong.
    Clock::duration ping_after() const { return idle_timeout_ - idle_timeout_ / 8 - 2 * tick_; }

private:
    void arm();
    void on_tick(beast::error_code ec);

    net::steady_timer timer_;  // on its strand, as are next_tick_ and every call on it
    Clock::duration idle_timeout_;
    Clock::duration tick_;
    Clock::time_point next_tick_;
    std::mutex mutex_;
    std::vector<std::vector<std::weak_ptr<KeepAliveTarget>>> slots_;  // guarded by mutex_
    std::size_t cursor_ = 0;                                           // the slot of the next tick
    bool stopped_ = false;
};

}  // namespace p2p::relay
