// Pure helpers that take an HTTP request target ("/path?query") apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace p2p::relay {

// The path part of a request target, before any '?'.
std::string_view target_path(std::string_view target);

// The query part of a request target, after the first '?', or empty.
std::string_view target_query(std::string_view target);

// Decodes %XX escapes; nullopt when an escape is malformed. '+' stays '+' (only forms use it).
std::optional<std::string> percent_decode(std::string_view text);

// The still-encoded value of the first `name=value` pair in a query, if the name appears.
std::optional<std::string_view> query_value(std::string_view query, std::string_view name);

}  // namespace p2p::relay
