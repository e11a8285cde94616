#include "server/keep_alive.hpp"

#include <algorithm>


namespace p2p::relay {

namespace {

// An eighth of the timeout keeps the drop within ~1/8 of it; a second at most is plenty for the
// default 20 s, and 100 ms at least keeps test-sized timeouts from spinning the timer.
KeepAlive::Clock::duration tick_for(std::chrono::seconds idle_timeout) {
    using std::chrono::milliseconds;
    const KeepAlive::Clock::duration timeout = idle_timeout;  // in clock ticks: 2 s / 8 is not 0 s
    return std::clamp<KeepAlive::Clock::duration>(timeout / 8, milliseconds(100), milliseconds(1000));
}

}  // namespace

KeepAlive::KeepAlive(net::io_context& io, std::chrono::seconds idle_timeout)
    : timer_(io), tick_(tick_for(idle_timeout)) {
    // The longest wait asked for is half the timeout (rounded up, plus the tick under way), and
    // one slot more so it never wraps onto the slot being emptied.
    slots_.resize(static_cast<std::size_t>(idle_timeout / tick_) / 2 + 3);
}

void KeepAlive::start() {
    next_tick_ = Clock::now() + tick_;
    arm();
}

void KeepAlive::stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    timer_.cancel();
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
