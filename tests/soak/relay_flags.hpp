// Which limit-lifting flags to pass to the relay under load, judged from its --help text: older
// relays reject unknown flags, newer ones cap connections per IP and messages per second.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace p2p::soak {

// "--flag value" pairs for every flag in `wanted` that `help_text` lists (as "--flag" followed by a
// space, tab or '='), flattened in order.
std::vector<std::string> supported_flags(std::string_view help_text,
                                         const std::vector<std::pair<std::string, std::string>>& wanted);

// True when `help_text` lists `flag` as a flag of its own (not as the prefix of a longer one).
bool help_lists(std::string_view help_text, std::string_view flag);

}  // namespace p2p::soak
