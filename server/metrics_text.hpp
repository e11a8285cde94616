// Pure rendering of a metrics snapshot in the Prometheus text exposition format (version 0.0.4).
#pragma once

#include <string>

#include "server/metrics.hpp"

namespace p2p::relay {

// Every metric with # HELP and # TYPE lines; counters end in _total, names start p2p_relay_.
std::string render_metrics(const MetricsSnapshot& snapshot);

}  // namespace p2p::relay
