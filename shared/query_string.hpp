// URL query helpers shared by the relay (upgrade requests) and the page (location.search).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace p2p {

// How '+' is read: forms (the page's own links) encode a space as '+'; request paths do not.
enum class PlusSign { Literal, Space };

// Decodes %XX escapes; nullopt when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text, PlusSign plus = PlusSign::Literal);

// The still-encoded value of the first `name=value` pair in a query (no leading '?'), as
// URLSearchParams.get() picks it; nullopt when the name does not appear.
std::optional<std::string_view> query_value(std::string_view query, std::string_view name);

}  // namespace p2p
