// The randomised model test: thousands of seeded interleavings of two call pages, their browsers
// and the relay, each checked against the invariants of model_invariants.hpp.
//   MODEL_RUNS=<n>  how many seeds (1..n), default 10000
//   MODEL_SEED=<n>  only that seed, with its full trace
//   MODEL_LIST=1    also one line per failing seed: seed, kind, actions
//   MODEL_SHARD=i/n only the seeds s with s % n == i (ctest runs the seeds as two such shards,
//                   one per core: under the sanitizers the 10,000 seeds take over a minute)
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "tests/wasm/model/model_run.hpp"

namespace p2p::client::model {
namespace {

constexpr std::uint64_t kDefaultRuns = 10000;
constexpr std::size_t kTraceTail = 120;   // lines of trace printed for a failing seed
constexpr std::size_t kKindsShown = 12;   // failure kinds printed with a full report

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
    const char* text = std::getenv(name);
    if (!text || !*text) return fallback;
    return std::strtoull(text, nullptr, 10);
}

// The seeds this process runs: every seed, or with MODEL_SHARD=i/n the i-th of n interleaved slices.
struct Shard {
    std::uint64_t index = 0;
    std::uint64_t count = 1;
    bool holds(std::uint64_t seed) const { return seed % count == index; }
};

// MODEL_SHARD, exactly "i/n" with 0 <= i < n; anything else fails the test with what was given.
Shard env_shard() {
    const char* text = std::getenv("MODEL_SHARD");
    if (!text || !*text) return {};
    char* slash = nullptr;
    char* end = nullptr;
    Shard shard{std::strtoull(text, &slash, 10), 0};
    // strtoull would take a sign ("0/-2" as a huge n): both numbers must start with a digit.
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (digit(text[0]) && *slash == '/' && digit(slash[1])) {
        shard.count = std::strtoull(slash + 1, &end, 10);
    }
    if (shard.count == 0 || shard.index >= shard.count || end == slash + 1 || *end != '\0') {
        ADD_FAILURE() << "MODEL_SHARD must be i/n with 0 <= i < n, not \"" << text << "\"";
        return {};
    }
    return shard;
}

struct Kind {
    std::uint64_t count = 0;
    std::uint64_t first_seed = 0;
};

TEST(ModelTest, ReplaysASeedExactly) {
    RunResult first = run_model(4242, 0);
    RunResult again = run_model(4242, SIZE_MAX);
    EXPECT_EQ(first.tasks, again.tasks);
    EXPECT_EQ(first.end_state, again.end_state);
    EXPECT_EQ(first.signature(), again.signature());
}

TEST(ModelTest, RandomInterleavingsKeepTheCallConsistent) {
    if (std::uint64_t seed = env_number("MODEL_SEED", 0)) {
        RunResult result = run_model(seed, SIZE_MAX);
        std::cout << report(result);
        EXPECT_TRUE(result.passed()) << result.signature();
        return;
    }
    const std::uint64_t runs = env_number("MODEL_RUNS", kDefaultRuns);
    const bool list = env_number("MODEL_LIST", 0) != 0;
    const Shard shard = env_shard();
    std::map<std::string, Kind> kinds;
    std::uint64_t failed = 0;
    std::uint64_t ran = 0;
    std::uint64_t tasks = 0;
    auto started = std::chrono::steady_clock::now();  // reported only; the runs never read it
    for (std::uint64_t seed = 1; seed <= runs; ++seed) {
        if (!shard.holds(seed)) continue;
        ++ran;
        RunResult result = run_model(seed, 0);
        tasks += result.tasks;
        if (result.passed()) continue;
        ++failed;
        if (list) std::cout << "seed " << seed << ": " << result.primary_kind() << "\n" << describe(result.scenario);
        Kind& kind = kinds[result.primary_kind()];
        if (kind.count++ == 0) kind.first_seed = seed;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "model: " << ran << " runs (seeds 1.." << runs << ", shard " << shard.index << "/" << shard.count
              << "), " << failed << " failed, " << tasks << " simulated tasks, " << seconds
              << " s\n";
    std::size_t shown = 0;
    for (const auto& [signature, kind] : kinds) {
        std::cout << "\n==== " << kind.count << " x " << signature << " (first seed " << kind.first_seed << ")\n";
        if (shown++ < kKindsShown) std::cout << report(run_model(kind.first_seed, kTraceTail));
    }
    EXPECT_EQ(failed, 0u) << "failing seeds replay with MODEL_SEED=<seed>";
}

}  // namespace
}  // namespace p2p::client::model
