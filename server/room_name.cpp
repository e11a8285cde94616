#include "server/room_name.hpp"

#include "server/request_target.hpp"
#include "shared/limits.hpp"
#include "shared/room_name.hpp"

namespace p2p::relay {

namespace {

// The ?room= part alone.
RoomChoice room_only(std::string_view query) {
    auto encoded = query_value(query, "room");
    if (!encoded) return {kDefaultRoom, {}};
    auto decoded = percent_decode(*encoded);
    if (!decoded) return {{}, "room name has a malformed %-escape"};
    if (!is_valid_room_name(*decoded)) {
        return {{}, "room name must be 1-" + std::to_string(kMaxRoomNameBytes) +
                        " characters of A-Z a-z 0-9 _ -"};
    }
    return {std::move(*decoded), {}};
}

}  // namespace

RoomChoice room_from_target(std::string_view target) {
    std::string_view query = target_query(target);
    RoomChoice choice = room_only(query);
    auto token = query_value(query, "peer");
    if (!choice.ok() || !token) return choice;
    if (!is_valid_peer_token(*token)) return {{}, "peer token must be 16-64 characters of A-Z a-z 0-9 _ -"};
    choice.peer_token = std::string(*token);
    return choice;
}

}  // namespace p2p::relay
