#include "server/token_bucket.hpp"

#include <algorithm>

namespace p2p::relay {

TokenBucket::TokenBucket(double rate_per_second, double burst, Clock::time_point now)
    : rate_(rate_per_second), burst_(burst), tokens_(burst), last_(now) {}

bool TokenBucket::try_take(Clock::time_point now) {
    // A clock that goes backwards (it should not, steady_clock) must never add tokens.
    if (now > last_) {
        const std::chrono::duration<double> elapsed = now - last_;
        tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
        last_ = now;
    }
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
}

}  // namespace p2p::relay
