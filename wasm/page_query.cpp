#include "wasm/page_query.hpp"

#include <optional>

#include "shared/limits.hpp"

namespace p2p::client {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_room_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::string form_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

bool is_valid_room(std::string_view room) {
    if (room.empty() || room.size() > kMaxRoomNameBytes) return false;
    for (char c : room) {
        if (!is_room_char(c)) return false;
    }
    return true;
}

QueryResult parse_page_query(std::string_view search, CallConfig defaults) {
    if (!search.empty() && search.front() == '?') search.remove_prefix(1);
    std::optional<std::string> type;
    std::optional<std::string> room;
    while (!search.empty()) {
        std::size_t amp = search.find('&');
        std::string_view pair = search.substr(0, amp);
        search = amp == std::string_view::npos ? std::string_view{} : search.substr(amp + 1);
        std::size_t eq = pair.find('=');
        std::string key = form_decode(pair.substr(0, eq));
        std::string value = eq == std::string_view::npos ? std::string{} : form_decode(pair.substr(eq + 1));
        // The first occurrence wins, as URLSearchParams.get() does.
        if (key == "type" && !type) type = std::move(value);
        if (key == "room" && !room) room = std::move(value);
    }

    CallConfig config = std::move(defaults);
    if (type == "offer") {
        config.role = Role::Offer;
    } else if (type == "answer") {
        config.role = Role::Answer;
    } else {
        return QueryError{Text::InvalidType, type.value_or("")};
    }
    if (room && !room->empty()) {
        if (!is_valid_room(*room)) return QueryError{Text::InvalidRoom, *room};
        config.room = std::move(*room);
    } else {
        config.room = kDefaultRoom;
    }
    return config;
}

}  // namespace p2p::client
