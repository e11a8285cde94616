#include "bench/load/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace p2p::load {

LatencyHistogram::LatencyHistogram() : buckets_(kBuckets, 0) {}

void LatencyHistogram::record(std::int64_t microseconds) {
    microseconds = std::max<std::int64_t>(microseconds, 0);
    auto bucket = static_cast<std::size_t>(microseconds / kBucketUs);
    if (bucket < kBuckets) ++buckets_[bucket];
    else ++overflow_;
    ++count_;
    sum_us_ += microseconds;
    max_us_ = std::max(max_us_, microseconds);
}

std::int64_t LatencyHistogram::percentile_us(double p) const {
    if (count_ == 0) return 0;
    auto wanted = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(count_)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        seen += buckets_[i];
        if (seen >= wanted && seen > 0) return static_cast<std::int64_t>(i + 1) * kBucketUs;
    }
    return max_us_;
}

}  // namespace p2p::load
