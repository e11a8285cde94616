// Relay log lines: stderr, one write per line so concurrent threads do not interleave mid-line.
#pragma once

#include <string_view>

namespace p2p::relay {

void log_line(std::string_view text);

}  // namespace p2p::relay
