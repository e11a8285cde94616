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
// kDefaultRoom; anything else must pass the relay's rule (shared/room_name.hpp), checked before
// connecting so the user sees why nothing happens. ?ice=relay forces TURN-relayed media (absent,
// empty or "all": every path).
QueryResult parse_page_query(std::string_view search, CallConfig defaults = {});

// The page language: ?lang=zh|en wins, else navigator.language (zh* -> Chinese, anything else ->
// English).
Lang pick_language(std::string_view search, std::string_view navigator_language);

}  // namespace p2p::client
