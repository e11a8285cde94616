#include "server/room_registry.hpp"

#include <algorithm>

namespace p2p::relay {

std::optional<PeerId> RoomRegistry::holder_of(const std::vector<PeerId>& members,
                                              std::string_view token) const {
    if (token.empty()) return std::nullopt;
    for (PeerId member : members) {
        if (seats_.at(member).token == token) return member;
    }
    return std::nullopt;
}

std::vector<PeerId> RoomRegistry::present(const std::vector<PeerId>& members, PeerId except) const {
    std::vector<PeerId> out;
    for (PeerId member : members) {
        if (member != except && !seats_.at(member).held) out.push_back(member);
    }
    return out;
}

std::optional<RoomRegistry::Admission> RoomRegistry::join(std::string_view room, std::string_view token) {
    Admission admission;
    if (auto it = members_.find(std::string(room)); it != members_.end()) {
        admission.replaced = holder_of(it->second, token);
        if (!admission.replaced && it->second.size() >= capacity_) return std::nullopt;
    }
    if (admission.replaced) {
        admission.replaced_was_present = !seats_.at(*admission.replaced).held;
        leave(*admission.replaced);
    }
    std::vector<PeerId>& members = members_[std::string(room)];
    admission.peer = next_peer_++;
    admission.others = present(members, 0);
    admission.peers_in_room = admission.others.size() + 1;
    admission.held = members.size() - admission.others.size();
    members.push_back(admission.peer);
    seats_.emplace(admission.peer, Seat{std::string(room), std::string(token)});
    return admission;
}

std::optional<std::vector<PeerId>> RoomRegistry::hold(PeerId peer) {
    auto found = seats_.find(peer);
    if (found == seats_.end() || found->second.held || found->second.token.empty()) return std::nullopt;
    found->second.held = true;
    return present(members_.at(found->second.room), peer);
}

bool RoomRegistry::is_held(PeerId peer) const {
    auto found = seats_.find(peer);
    return found != seats_.end() && found->second.held;
}

std::vector<PeerId> RoomRegistry::leave(PeerId peer) {
    auto found = seats_.find(peer);
    if (found == seats_.end()) return {};
    auto room = members_.find(found->second.room);
    seats_.erase(found);
    std::vector<PeerId>& members = room->second;
    members.erase(std::remove(members.begin(), members.end(), peer), members.end());
    std::vector<PeerId> remaining = present(members, 0);
    if (members.empty()) members_.erase(room);
    return remaining;
}

std::vector<PeerId> RoomRegistry::others_in_room(PeerId peer) const {
    auto found = seats_.find(peer);
    if (found == seats_.end()) return {};
    return present(members_.at(found->second.room), peer);
}

}  // namespace p2p::relay
