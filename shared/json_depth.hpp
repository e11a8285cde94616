// A cheap scan that bounds JSON nesting before any parser builds a tree from hostile input.
#pragma once

#include <cstddef>
#include <string_view>

namespace p2p {

// True when `text` opens more than `max_depth` nested arrays/objects at some point. Brackets inside
// strings are ignored. It does not validate JSON; the parser does that afterwards.
bool json_depth_exceeds(std::string_view text, std::size_t max_depth);

}  // namespace p2p
