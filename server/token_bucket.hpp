// Pure rate limiter: a token bucket that refills continuously; time is passed in, so tests need
// no clock.
#pragma once

#include <chrono>

namespace p2p::relay {

// Allows bursts of up to `burst` messages, then `rate` per second on average.
class TokenBucket {
public:
    using Clock = std::chrono::steady_clock;

    TokenBucket(double rate_per_second, double burst, Clock::time_point now);

    // Takes one token if there is one (after refilling for the time since the last call).
    bool try_take(Clock::time_point now);

private:
    double rate_;
    double burst_;
    double tokens_;
    Clock::time_point last_;
};

}  // namespace p2p::relay
