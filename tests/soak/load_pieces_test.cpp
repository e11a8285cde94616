// The load client's pure pieces: stamped messages survive the codec, ledgers classify arrivals.
#include <gtest/gtest.h>

#include "bench/load/delivery_ledger.hpp"
#include "bench/load/latency_histogram.hpp"
#include "bench/load/sequenced_message.hpp"
#include "shared/codec.hpp"

namespace p2p::load {
namespace {

TEST(SequencedMessage, StampSurvivesEncodeAndDecode) {
    for (std::uint32_t side : {0u, 1u}) {
        SequenceStamp stamp{417, side, 123456789, 987654321};
        DecodeResult decoded = decode(encode_sequenced(stamp));
        ASSERT_TRUE(decoded.ok());
        EXPECT_EQ(read_sequenced(decoded.message()), stamp);
    }
}

TEST(SequencedMessage, SideFollowsTheMessageType) {
    DecodeResult decoded = decode(encode_sequenced({1, 0, 2, 3}));
    ASSERT_TRUE(decoded.ok());
    EXPECT_TRUE(std::holds_alternative<OfferIce>(decoded.message()));
}

TEST(SequencedMessage, OrdinaryCandidatesCarryNoStamp) {
    EXPECT_FALSE(read_sequenced(OfferIce{{"candidate:1 1 udp 1 10.0.0.1 5000 typ host", "0", 0, {}}}));
    EXPECT_FALSE(read_sequenced(OfferIce{{"x p2p-load room 1 seq 2", "0", 0, {}}}));  // no "sent"
    EXPECT_FALSE(read_sequenced(PeerJoined{}));
}

TEST(DeliveryLedger, ClassifiesEveryArrival) {
    DeliveryLedger ledger(7, 0);
    ledger.record({7, 0, 0, 0});
    ledger.record({7, 0, 1, 0});
    ledger.record({7, 0, 4, 0});  // 2 and 3 skipped
    ledger.record({7, 0, 1, 0});  // again
    ledger.record({8, 0, 5, 0});  // another room
    ledger.record({7, 1, 5, 0});  // our own side's
    EXPECT_EQ(ledger.in_order(), 2u);
    EXPECT_EQ(ledger.skipped(), 2u);
    EXPECT_EQ(ledger.duplicated(), 1u);
    EXPECT_EQ(ledger.misrouted(), 2u);
    EXPECT_EQ(ledger.expected(), 5u);
}

TEST(LatencyHistogram, PercentilesFromBuckets) {
    LatencyHistogram histogram;
    for (int i = 0; i < 99; ++i) histogram.record(100);
    histogram.record(5'000'000);  // past the last bucket
    EXPECT_EQ(histogram.percentile_us(0.5), 110);
    EXPECT_EQ(histogram.percentile_us(1.0), 5'000'000);
    EXPECT_EQ(histogram.max_us(), 5'000'000);
}

}  // namespace
}  // namespace p2p::load
