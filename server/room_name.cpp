#include "server/room_name.hpp"

#include "server/request_target.hpp"
#include "shared/limits.hpp"
#include "shared/room_name.hpp"

namespace p2p::relay {

RoomChoice room_from_target(std::string_view target) {
    auto encoded = query_value(target_query(target), "room");
    if (!encoded) return {kDefaultRoom, {}};
    auto decoded = percent_decode(*encoded);
    if (!decoded) return {{}, "room name has a malformed %-escape"};
    if (!is_valid_room_name(*decoded)) {
        return {{}, "room name must be 1-" + std::to_string(kMaxRoomNameBytes) +
                        " characters of A-Z a-z 0-9 _ -"};
    }
    return {std::move(*decoded), {}};
}

}  // namespace p2p::relay
