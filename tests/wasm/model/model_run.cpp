#include "tests/wasm/model/model_run.hpp"

#include <set>
#include <string_view>

namespace p2p::client::model {

std::string RunResult::signature() const {
    std::set<std::string> kinds;
    for (const Problem& p : problems) kinds.insert(p.kind);
    std::string out;
    for (const std::string& kind : kinds) out += (out.empty() ? "" : " + ") + kind;
    if (firefox_bug_hit) out += " [firefox DTLS role bug hit]";
    return out;
}

std::string RunResult::primary_kind() const {
    auto has = [this](std::string_view text) {
        for (const Problem& p : problems) {
            if (p.kind.find(text) != std::string::npos) return true;
        }
        return false;
    };
    auto only = [this](std::string_view text) {
        for (const Problem& p : problems) {
            if (p.kind.find(text) == std::string::npos) return false;
        }
        return true;
    };
    if (has("answer to another offer") || has("description from another connection")) {
        return "offers from two different connections reach the peer: m-line order refusals (stale-offer wedge)";
    }
    if (firefox_bug_hit && has("end:")) return "Firefox DTLS role failure on an ICE restart: the call is not back in order";
    if (room_full_hit) return "room_full (a ghost socket still in the room) ends a page for good";
    if (has("came back after the last hang-up")) return "a hang-up that could not be delivered is undone";
    if (has("negotiating, B in call but negotiating")) return "glare deadlock: both pages wait for an answer forever";
    if (only("stale candidate")) return "stale candidates reach a newer connection (the call itself recovers)";
    return signature();
}

RunResult run_model(std::uint64_t seed, std::size_t trace_lines) {
    Rng rng(seed);
    RunResult result;
    result.seed = seed;
    result.scenario = make_scenario(rng);
    World world(rng, trace_lines > 0, result.scenario.engines);
    ScenarioDriver driver(world, result.scenario);
    driver.schedule();
    world.run_until(result.scenario.quiet_at);
    if (world.trace().on()) world.trace().add(world.clock().now(), "---- quiet: no more actions or faults ----");
    world.run_until(result.scenario.quiet_at + kSettleTime);
    result.expect = driver.expect();
    result.last_decisive = driver.last_decisive();
    result.problems = judge(world, result.expect);
    for (const OpFailure& failure : world.failures()) {
        if (failure.cause == FailureCause::FirefoxRoleBug) result.firefox_bug_hit = true;
    }
    result.room_full_hit = world.relay().room_full_refusals > 0;
    result.end_state = summarize_page(world, kOfferPage) + "\n  " + summarize_page(world, kAnswerPage);
    if (trace_lines > 0) result.trace = world.trace().tail(trace_lines == SIZE_MAX ? 0 : trace_lines);
    result.tasks = world.clock().tasks_run();
    return result;
}

std::string report(const RunResult& result) {
    std::string out = "seed " + std::to_string(result.seed) + " (MODEL_SEED=" + std::to_string(result.seed) +
                      " replays it with the full trace)\n";
    out += "scenario: " + describe(result.scenario);
    out += "kind: " + result.primary_kind() + "\n";
    out += "expected end: " + std::string(expect_name(result.expect)) + " (last decisive: " + result.last_decisive + ")\n";
    out += "end state:\n  " + result.end_state + "\n";
    for (const Problem& p : result.problems) out += "PROBLEM " + p.kind + "\n    " + p.detail + "\n";
    if (!result.trace.empty()) out += "trace:\n" + result.trace;
    return out;
}

}  // namespace p2p::client::model
