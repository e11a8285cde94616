// Reconnect delays: 0.5 s doubling up to 8 s, each with ±25 % jitter so pages that lost the same
// relay do not all come back in the same millisecond.
#pragma once

#include <cstdint>

namespace p2p::client {

class Backoff {
public:
    explicit Backoff(std::uint32_t seed) : state_(seed ? seed : 0x9e3779b9u) {}

    // The delay before the next attempt, in milliseconds; each call moves one step further.
    int next_delay_ms();
    void reset() { attempt_ = 0; }
    int attempt() const { return attempt_; }

    static constexpr int kFirstMs = 500;
    static constexpr int kMaxMs = 8000;

private:
    std::uint32_t random();

    std::uint32_t state_;
    int attempt_ = 0;
};

}  // namespace p2p::client
