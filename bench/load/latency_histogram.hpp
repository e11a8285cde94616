// Delivery latencies in fixed 10 us buckets up to 100 ms: cheap to record at thousands per second.
#pragma once

#include <cstdint>
#include <vector>

namespace p2p::load {

// Counts latencies and answers percentiles; anything past the last bucket is reported as the max.
class LatencyHistogram {
public:
    LatencyHistogram();

    void record(std::int64_t microseconds);

    std::uint64_t count() const { return count_; }
    std::int64_t max_us() const { return max_us_; }
    double mean_us() const { return count_ ? static_cast<double>(sum_us_) / static_cast<double>(count_) : 0; }
    // The upper edge of the bucket holding the p-th fraction (0..1) of samples.
    std::int64_t percentile_us(double p) const;

private:
    static constexpr std::int64_t kBucketUs = 10;
    static constexpr std::size_t kBuckets = 10'000;

    std::vector<std::uint64_t> buckets_;
    std::uint64_t overflow_ = 0;
    std::uint64_t count_ = 0;
    std::int64_t sum_us_ = 0;
    std::int64_t max_us_ = 0;
};

}  // namespace p2p::load
