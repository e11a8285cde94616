#include "server/room_registry.hpp"

#include <algorithm>

namespace p2p::relay {

std::optional<PeerId> RoomRegistry::holder_of(const std::vector<PeerId>& members,
                                              std::string_view token) const {
    if (token.empty()) return std::nullopt;
    for (PeerId member : members) {
        if (room_of_.at(member).token == token) return member;
    }
    return std::nullopt;
}

std::optional<RoomRegistry::Admission> RoomRegistry::join(std::string_view room, std::string_view token) {
    std::optional<PeerId> replaced;
    if (auto it = members_.find(std::string(room)); it != members_.end() && it->second.size() >= capacity_) {
        replaced = holder_of(it->second, token);
        if (!replaced) return std::nullopt;
        leave(*replaced);
    }
    std::vector<PeerId>& members = members_[std::string(room)];
    Admission admission{next_peer_++, members.size() + 1, members, replaced};
    members.push_back(admission.peer);
    room_of_.emplace(admission.peer, Seat{std::string(room), std::string(token)});
    return admission;
}

std::vector<PeerId> RoomRegistry::leave(PeerId peer) {
    auto found = room_of_.find(peer);
    if (found == room_of_.end()) return {};
    auto room = members_.find(found->second.room);
    room_of_.erase(found);
    std::vector<PeerId>& members = room->second;
    members.erase(std::remove(members.begin(), members.end(), peer), members.end());
    std::vector<PeerId> remaining = members;
    if (members.empty()) members_.erase(room);
    return remaining;
}

std::vector<PeerId> RoomRegistry::others_in_room(PeerId peer) const {
    auto found = room_of_.find(peer);
    if (found == room_of_.end()) return {};
    std::vector<PeerId> others = members_.at(found->second.room);
    others.erase(std::remove(others.begin(), others.end(), peer), others.end());
    return others;
}

}  // namespace p2p::relay
