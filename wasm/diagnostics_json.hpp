// The "download diagnostics" file as JSON text: the page's event timeline, last stats and
// connection check. Written by hand (a few string appends) so the wasm does not carry a JSON
// library's object model for it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wasm/check_report.hpp"
#include "wasm/stats_math.hpp"

namespace p2p::client {

// `text` as a JSON string literal, quotes included; control characters become \u00XX.
std::string json_quote(std::string_view text);

// `check`: the connection check's last result ("connectionCheck": null until one finished).
std::string diagnostics_json(const std::vector<std::string>& timeline, const StatsView& stats,
                             std::string_view call_state, std::string_view user_agent,
                             const CheckReport& check = {});

}  // namespace p2p::client
