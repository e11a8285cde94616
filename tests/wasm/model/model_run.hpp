// One seeded run of the model: scenario, world, settle time, verdict.
#pragma once

#include <cstdint>
#include <cstddef>
#include <string>
#include <vector>

#include "tests/wasm/model/model_invariants.hpp"
#include "tests/wasm/model/model_scenario.hpp"

namespace p2p::client::model {

// After the last action and the end of every fault it started, the world runs this much longer
// with nothing new happening. The longest chain the machine may need to get back: a reconnect
// backoff at its cap (8 s +25 % jitter = 10 s), then ICE noticing the loss (failed after up to
// 18 s, sim_ice.hpp), then an ICE-restart retry (8 s) or a connect timeout (15 s) before the
// restart that gets through: 10 + 18 + 15 = 43 s, plus a few seconds of signalling. 60 s holds
// that with room; a run still unsettled by then would not settle by itself.
inline constexpr SimTime kSettleTime = 60 * kSecond;

struct RunResult {
    std::uint64_t seed = 0;
    Scenario scenario;
    Expect expect = Expect::Ready;
    std::string last_decisive;
    std::vector<Problem> problems;
    std::string end_state;  // both pages, summarized
    std::string trace;      // only when traced
    std::uint64_t tasks = 0;
    bool firefox_bug_hit = false;
    bool room_full_hit = false;  // the relay refused a page with room_full  // the injected Firefox answer failed somewhere in the run
    bool passed() const { return problems.empty(); }
    // The failure's kind: its problems' kinds, so runs that fail alike group together.
    std::string signature() const;
    // The likely root cause, for the summary: the first rule of model_run.cpp that matches, else
    // the signature itself.
    std::string primary_kind() const;
};

// `trace_lines`: 0 for no trace, SIZE_MAX for all of it, else the last that many lines.
RunResult run_model(std::uint64_t seed, std::size_t trace_lines);

std::string report(const RunResult& result);

}  // namespace p2p::client::model
