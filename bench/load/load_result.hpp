// Everything one p2p-load run measured, with the figures derived from it, as text and as JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/load/load_options.hpp"
#include "bench/load/process_sample.hpp"
#include "bench/load/traffic_tally.hpp"

namespace p2p::load {

// Raw samples and tallies; derived figures (rates, percentiles, per-connection memory) are
// computed when reported so the JSON and the text always agree.
struct LoadResult {
    LoadOptions options;
    std::size_t connections = 0;
    std::string connection_limit;  // idle --connections max: which open-files limit decided
    TrafficTally traffic;
    double measured_seconds = 0;
    double open_seconds = 0;  // opening every connection (and, for our relay, pairing)
    bool opened_all = false;
    bool drained = true;
    bool closed_all = false;
    std::optional<ProcessSample> server_before_open;
    std::optional<ProcessSample> server_after_open;
    std::optional<ProcessSample> server_from;  // the measured window's edges
    std::optional<ProcessSample> server_to;
    std::optional<ProcessSample> server_after_close;
    std::optional<ProcessSample> server_b_from;  // --server-pid-b over the same window
    std::optional<ProcessSample> server_b_to;
    std::optional<ProcessSample> client_from;
    std::optional<ProcessSample> client_to;
    std::vector<std::string> notes;  // caveats a reader must see next to the numbers

    bool ok() const { return opened_all && drained && closed_all && traffic.clean(); }
    nlohmann::json to_json() const;
    std::string to_text() const;
};

}  // namespace p2p::load
