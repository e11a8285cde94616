// Pure helpers that take an HTTP request target ("/path?query") apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/query_string.hpp"

namespace p2p::relay {

// The path part of a request target, before any '?'.
std::string_view target_path(std::string_view target);

// The query part of a request target, after the first '?', or empty.
std::string_view target_query(std::string_view target);

// percent_decode() and query_value() come from shared/query_string.hpp.

}  // namespace p2p::relay
