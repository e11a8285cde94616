// The "download diagnostics" file as JSON text: the page's event timeline and last stats. Written
// by hand (a few string appends) so the wasm does not carry a JSON library's object model for it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wasm/stats_math.hpp"

namespace p2p::client {

// `text` as a JSON string literal, quotes included; control characters become \u00XX.
std::string json_quote(std::string_view text);

std::string diagnostics_json(const std::vector<std::string>& timeline, const StatsView& stats,
                             std::string_view call_state, std::string_view user_agent);

}  // namespace p2p::client
