#include "wasm/page_query.hpp"

#include <optional>

#include "shared/limits.hpp"
#include "shared/query_string.hpp"
#include "shared/room_name.hpp"

namespace p2p::client {
namespace {

// The decoded value of `name`, as the page's own form encodes it; "" when absent or malformed
// (a malformed value can never be a valid type or room, so it is reported as such by the caller).
std::optional<std::string> form_value(std::string_view query, std::string_view name) {
    auto encoded = query_value(query, name);
    if (!encoded) return std::nullopt;
    return percent_decode(*encoded, PlusSign::Space).value_or(std::string(*encoded));
}

}  // namespace

QueryResult parse_page_query(std::string_view search, CallConfig defaults) {
    if (!search.empty() && search.front() == '?') search.remove_prefix(1);
    std::optional<std::string> type = form_value(search, "type");
    std::optional<std::string> room = form_value(search, "room");
    std::optional<std::string> ice = form_value(search, "ice");

    CallConfig config = std::move(defaults);
    if (type == "offer") {
        config.role = Role::Offer;
    } else if (type == "answer") {
        config.role = Role::Answer;
    } else {
        return QueryError{Text::InvalidType, type.value_or("")};
    }
    if (!room || room->empty()) {
        config.room = kDefaultRoom;
    } else if (is_valid_room_name(*room)) {
        config.room = std::move(*room);
    } else {
        return QueryError{Text::InvalidRoom, *room};
    }
    if (ice == "relay") {
        config.relay_only = true;
    } else if (ice && !ice->empty() && *ice != "all") {
        return QueryError{Text::InvalidIce, *ice};
    }
    return config;
}

Lang pick_language(std::string_view search, std::string_view navigator_language) {
    if (!search.empty() && search.front() == '?') search.remove_prefix(1);
    std::optional<std::string> lang = form_value(search, "lang");
    if (lang && lang->rfind("zh", 0) == 0) return Lang::Zh;
    if (lang && lang->rfind("en", 0) == 0) return Lang::En;
    return navigator_language.substr(0, 2) == "zh" ? Lang::Zh : Lang::En;
}

}  // namespace p2p::client
