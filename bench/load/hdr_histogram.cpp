#include "bench/load/hdr_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace p2p::load {

HdrHistogram::HdrHistogram() : counts_(static_cast<std::size_t>((kMagnitudes + 1) * kSubBuckets), 0) {}

// Values below kSubBuckets map 1:1; above, a value's magnitude (its top bit) picks a row of
// kSubBuckets/2 buckets and its next kSubBucketBits-1 bits pick the bucket within the row.
std::size_t HdrHistogram::index_of(std::int64_t value) {
    const auto v = static_cast<std::uint64_t>(std::max<std::int64_t>(value, 0));
    if (v < static_cast<std::uint64_t>(kSubBuckets)) return static_cast<std::size_t>(v);
    const int top_bit = 63 - std::countl_zero(v);
    const int shift = top_bit - (kSubBucketBits - 1);
    const std::uint64_t sub = v >> shift;  // in [kSubBuckets/2, kSubBuckets)
    const auto row = static_cast<std::uint64_t>(shift);
    const std::uint64_t index = static_cast<std::uint64_t>(kSubBuckets) + (row - 1) * (kSubBuckets / 2) +
                                (sub - static_cast<std::uint64_t>(kSubBuckets / 2));
    return static_cast<std::size_t>(index);
}

std::int64_t HdrHistogram::highest_value_of(std::size_t index) {
    const auto i = static_cast<std::int64_t>(index);
    if (i < kSubBuckets) return i;
    const std::int64_t row = (i - kSubBuckets) / (kSubBuckets / 2) + 1;
    const std::int64_t sub = (i - kSubBuckets) % (kSubBuckets / 2) + kSubBuckets / 2;
    return ((sub + 1) << row) - 1;
}

void HdrHistogram::record(std::int64_t nanoseconds) {
    const std::size_t index = std::min(index_of(nanoseconds), counts_.size() - 1);
    ++counts_[index];
    ++count_;
    sum_ns_ += static_cast<double>(nanoseconds);
    max_ns_ = std::max(max_ns_, nanoseconds);
}

void HdrHistogram::merge(const HdrHistogram& other) {
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
    count_ += other.count_;
    sum_ns_ += other.sum_ns_;
    max_ns_ = std::max(max_ns_, other.max_ns_);
}

void HdrHistogram::clear() {
    std::fill(counts_.begin(), counts_.end(), 0);
    count_ = 0;
    sum_ns_ = 0;
    max_ns_ = 0;
}

std::int64_t HdrHistogram::percentile_ns(double p) const {
    if (count_ == 0) return 0;
    const auto wanted = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(count_))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= wanted) return std::min(highest_value_of(i), max_ns_);
    }
    return max_ns_;
}

}  // namespace p2p::load
