#include "server/keep_alive.hpp"

#include <algorithm>


namespace p2p::relay {

namespace {

// Short ticks keep checks close to when they are due (so pings can wait until late in the
// timeout) at the price of a few wakeups a second, which cost nothing next to one ping each;
// 50 ms at least keeps test-sized timeouts from spinning the timer.
KeepAlive::Clock::duration tick_for(KeepAlive::Clock::duration idle_timeout) {
    using std::chrono::milliseconds;
    return std::clamp<KeepAlive::Clock::duration>(idle_timeout / 32, milliseconds(50), milliseconds(250));
}

}  // namespace

KeepAlive::KeepAlive(net::io_context& io, std::chrono::seconds idle_timeout)
    : timer_(net::make_strand(io)), idle_timeout_(idle_timeout), tick_(tick_for(idle_timeout_)) {
    // The longest wait asked for is the timeout (rounded up, plus the tick under way), and one
    // slot more so it never wraps onto the slot being emptied.
    slots_.resize(static_cast<std::size_t>(idle_timeout_ / tick_) + 3);
}

// The timer is touched only on its strand: stop() comes from the signal handler, which may run
// on any I/O thread while a tick re-arms the timer on another (Asio timers are not thread-safe).
void KeepAlive::start() {
    net::post(timer_.get_executor(), [self = shared_from_this()] {
        self->next_tick_ = Clock::now() + self->tick_;
        self->arm();
    });
}

void KeepAlive::stop() {
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;  // at once: no watch() is taken from here on
    }
    net::post(timer_.get_executor(), [self = shared_from_this()] { self->timer_.cancel(); });
}

void KeepAlive::watch(std::weak_ptr<KeepAliveTarget> target, Clock::duration delay) {
    // The next tick is less than one away: `ticks` whole ticks after it is never before `delay`.
    const auto ticks = static_cast<std::size_t>((std::max(delay, Clock::duration::zero()) + tick_ - Clock::duration(1)) / tick_);
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    const std::size_t ahead = std::min(ticks, slots_.size() - 2);
    slots_[(cursor_ + ahead) % slots_.size()].push_back(std::move(target));
}

void KeepAlive::arm() {
    timer_.expires_at(next_tick_);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) { self->on_tick(ec); });
}

void KeepAlive::on_tick(beast::error_code ec) {
    std::vector<std::weak_ptr<KeepAliveTarget>> due;
    {
        std::lock_guard lock(mutex_);
        if (ec || stopped_) return;
        due.swap(slots_[cursor_]);
        cursor_ = (cursor_ + 1) % slots_.size();
    }
    for (const std::weak_ptr<KeepAliveTarget>& weak : due) {
        if (std::shared_ptr<KeepAliveTarget> target = weak.lock()) target->check_alive();
    }
    // Ticks keep their rhythm; after a stall (a debugger, a suspended VM) they resume from now.
    next_tick_ = std::max(next_tick_ + tick_, Clock::now());
    arm();
}

}  // namespace p2p::relay
