#include "wasm/backoff.hpp"

#include <algorithm>

namespace p2p::client {

std::uint32_t Backoff::random() {
    // xorshift32: plenty for jitter, and deterministic under test.
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
}

int Backoff::next_delay_ms() {
    int base = kFirstMs << std::min(attempt_, 4);  // 500, 1000, 2000, 4000, 8000
    base = std::min(base, kMaxMs);
    if (attempt_ < 100) ++attempt_;
    int spread = base / 2;                                // jitter window: [0.75, 1.25) * base
    int jitter = static_cast<int>(random() % static_cast<std::uint32_t>(spread)) - spread / 2;
    return base + jitter;
}

}  // namespace p2p::client
