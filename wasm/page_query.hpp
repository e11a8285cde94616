// Turns the call page's query string (?type=offer&room=x) into a CallConfig, or says what is wrong.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "wasm/call_config.hpp"
#include "wasm/log_text.hpp"

namespace p2p::client {

// Why the page cannot start a call; `detail` quotes the offending value.
struct QueryError {
    Text text = Text::InvalidType;
    std::string detail;
};

using QueryResult = std::variant<CallConfig, QueryError>;

// `search` is location.search, with or without the leading '?'. An absent or empty room means
// kDefaultRoom; anything else must match the relay's rule [A-Za-z0-9_-]{1,64}.
QueryResult parse_page_query(std::string_view search, CallConfig defaults = {});

// The relay's room rule, applied before connecting so the user sees why nothing happens.
bool is_valid_room(std::string_view room);

// Decodes one application/x-www-form-urlencoded component ('+' and %XX); bad escapes stay as-is.
std::string form_decode(std::string_view text);

}  // namespace p2p::client
