#include "server/room_registry.hpp"

#include <algorithm>

namespace p2p::relay {

std::optional<RoomRegistry::Admission> RoomRegistry::join(std::string_view room) {
    std::vector<PeerId>& members = members_[std::string(room)];
    if (members.size() >= capacity_) return std::nullopt;
    Admission admission{next_peer_++, members.size() + 1, members};
    members.push_back(admission.peer);
    room_of_.emplace(admission.peer, room);
    return admission;
}

std::vector<PeerId> RoomRegistry::leave(PeerId peer) {
    auto found = room_of_.find(peer);
    if (found == room_of_.end()) return {};
    auto room = members_.find(found->second);
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
    std::vector<PeerId> others = members_.at(found->second);
    others.erase(std::remove(others.begin(), others.end(), peer), others.end());
    return others;
}

}  // namespace p2p::relay
