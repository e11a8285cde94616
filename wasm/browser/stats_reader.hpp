// Reads the counters the stats panel needs out of an RTCStatsReport (one getStats() result).
#pragma once

#include <emscripten/val.h>

#include "wasm/stats_math.hpp"

namespace p2p::client {

StatsSample read_stats(const emscripten::val& report);

}  // namespace p2p::client
