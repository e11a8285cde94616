// Lifts this process's open-file limit so thousands of sockets fit; children inherit it.
#pragma once

#include <cstddef>

namespace p2p::soak {

// Raises the soft RLIMIT_NOFILE to `wanted` (capped at the hard limit); returns the new soft limit.
std::size_t raise_open_file_limit(std::size_t wanted);

}  // namespace p2p::soak
