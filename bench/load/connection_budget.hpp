// How many connections an idle run can hold: every connection is one open file in this process
// and one in the server, and both processes have a hard open-files limit.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "bench/load/process_sample.hpp"

namespace p2p::load {

// The largest even connection count both sides can hold, and which limit decided it.
struct ConnectionBudget {
    std::size_t connections = 0;
    std::string limited_by;
};

// Raises this process's soft open-files limit to its hard limit first. Without a server sample
// only the client side is known, and limited_by says so. Each client thread needs a few files
// of its own (epoll, eventfd, timerfd).
ConnectionBudget idle_connection_budget(const std::optional<ProcessSample>& server, std::size_t client_threads);

}  // namespace p2p::load
