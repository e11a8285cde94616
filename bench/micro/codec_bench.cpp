// Micro-benchmarks of the per-message work: decode/validate/encode of real message sizes, the
// relay's allocation-free check next to the nlohmann DOM parse it replaced, and the relay's path for
// one message (validate + find the other peer) without sockets.
//   build/native/bench/micro/codec_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "bench/micro/sample_messages.hpp"
#include "server/room_registry.hpp"
#include "shared/codec.hpp"
#include "shared/json_depth.hpp"

namespace p2p::bench {
namespace {

void decode_text(benchmark::State& state, const std::string& text) {
    for (auto _ : state) {
        DecodeResult result = decode(text);
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_DecodeOffer(benchmark::State& state) { decode_text(state, sample_offer_json()); }
void BM_DecodeAnswer(benchmark::State& state) { decode_text(state, sample_answer_json()); }
void BM_DecodeCandidate(benchmark::State& state) { decode_text(state, sample_candidate_json()); }

void check_text(benchmark::State& state, const std::string& text) {
    for (auto _ : state) {
        std::optional<DecodeError> problem = refusal_of(check_page_message(text));
        benchmark::DoNotOptimize(problem);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_CheckOffer(benchmark::State& state) { check_text(state, sample_offer_json()); }
void BM_CheckAnswer(benchmark::State& state) { check_text(state, sample_answer_json()); }
void BM_CheckCandidate(benchmark::State& state) { check_text(state, sample_candidate_json()); }

// The old way, for the ratio: the relay built a whole nlohmann DOM per message just to validate it.
void BM_NlohmannDomOffer(benchmark::State& state) {
    const std::string text = sample_offer_json();
    for (auto _ : state) {
        nlohmann::json dom = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        benchmark::DoNotOptimize(dom);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_EncodeOffer(benchmark::State& state) {
    const Message offer = decode(sample_offer_json()).message();
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text = encode(offer);
        bytes += text.size();
        benchmark::DoNotOptimize(text);
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

// The depth pre-scan alone: the part of validation that runs before any parser.
void BM_DepthScanOffer(benchmark::State& state) {
    const std::string text = sample_offer_json();
    for (auto _ : state) benchmark::DoNotOptimize(json_depth_exceeds(text, ProtocolLimits{}.max_json_depth));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// What the relay does per message before the socket write: validate, then look up the other
// peer of the room among `range(0)` busy rooms.
void BM_RelayPathCandidate(benchmark::State& state) {
    relay::RoomRegistry rooms;
    relay::PeerId sender = 0;
    for (int64_t i = 0; i < state.range(0); ++i) {
        sender = rooms.join("room-" + std::to_string(i))->peer;
        rooms.join("room-" + std::to_string(i));
    }
    const std::string text = sample_candidate_json();
    for (auto _ : state) {
        if (!refusal_of(check_page_message(text))) benchmark::DoNotOptimize(rooms.others_in_room(sender));
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

BENCHMARK(BM_DecodeOffer);
BENCHMARK(BM_DecodeAnswer);
BENCHMARK(BM_DecodeCandidate);
BENCHMARK(BM_CheckOffer);
BENCHMARK(BM_CheckAnswer);
BENCHMARK(BM_CheckCandidate);
BENCHMARK(BM_NlohmannDomOffer);
BENCHMARK(BM_EncodeOffer);
BENCHMARK(BM_DepthScanOffer);
BENCHMARK(BM_RelayPathCandidate)->Arg(1)->Arg(1000);

}  // namespace
}  // namespace p2p::bench

BENCHMARK_MAIN();
