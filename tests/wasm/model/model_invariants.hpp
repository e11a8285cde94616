// What must hold after a run has gone quiet, judged from the commands the pages executed (what
// a person would see) and the simulated browser's own state (connections, tracks, failures).
#pragma once

#include <string>
#include <vector>

#include "tests/wasm/model/model_scenario.hpp"
#include "tests/wasm/model/model_world.hpp"

namespace p2p::client::model {

struct Problem {
    std::string kind;    // stable across seeds: failures are grouped by it
    std::string detail;  // this run's particulars
};

// Every problem of the run; empty when it passed.
std::vector<Problem> judge(const World& world, Expect expect);

// "A2{open connected in_call pc7[connected remote pc5] tracks 2 video g3 chat}" for messages.
std::string summarize_page(const World& world, int slot);

}  // namespace p2p::client::model
