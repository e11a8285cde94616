// Latencies in log-linear buckets (HdrHistogram's layout): ~0.4% relative precision from 1 ns to
// over a minute in a few hundred KiB, so p99.9 is as trustworthy as p50.
#pragma once

#include <cstdint>
#include <vector>

namespace p2p::load {

// Counts nanosecond values; percentiles answer the highest value of the bucket they fall in.
class HdrHistogram {
public:
    HdrHistogram();

    void record(std::int64_t nanoseconds);
    // Adds every count of `other` (histograms of several client threads are merged at the end).
    void merge(const HdrHistogram& other);
    void clear();

    std::uint64_t count() const { return count_; }
    std::int64_t max_ns() const { return max_ns_; }
    double mean_ns() const { return count_ ? sum_ns_ / static_cast<double>(count_) : 0; }
    // The value at or below which the fraction `p` (0..1) of the samples lie.
    std::int64_t percentile_ns(double p) const;

private:
    // 256 sub-buckets per power of two: bucket width is at most 1/256 of the values it holds.
    static constexpr int kSubBucketBits = 8;
    static constexpr std::int64_t kSubBuckets = std::int64_t{1} << kSubBucketBits;
    static constexpr int kMagnitudes = 40;  // 2^(40+8) ns is far beyond any run

    static std::size_t index_of(std::int64_t value);
    static std::int64_t highest_value_of(std::size_t index);

    std::vector<std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    double sum_ns_ = 0;
    std::int64_t max_ns_ = 0;
};

}  // namespace p2p::load
