#include "server/cluster_roster.hpp"

#include <algorithm>
#include <utility>

namespace p2p::relay {

ClusterRoster::ClusterRoster(std::string relay_id, std::size_t max_held)
    : relay_id_(std::move(relay_id)), max_held_(max_held) {}

PeerId ClusterRoster::add(const std::string& room, const std::string& token) {
    PeerId peer = next_peer_++;
    seats_.emplace(peer, Seat{room, ClusterMember{relay_id_, peer, token}, false, {}, {}, false, {}});
    ++rooms_[room];
    return peer;
}

std::optional<ClusterRoster::Seat> ClusterRoster::remove(PeerId peer) {
    auto found = seats_.find(peer);
    if (found == seats_.end()) return std::nullopt;
    Seat seat = std::move(found->second);
    seats_.erase(found);
    auto room = rooms_.find(seat.room);
    if (--room->second == 0) rooms_.erase(room);
    return seat;
}

const ClusterRoster::Seat* ClusterRoster::find(PeerId peer) const {
    auto found = seats_.find(peer);
    return found == seats_.end() ? nullptr : &found->second;
}

ClusterRoster::Seat* ClusterRoster::admitted_seat(PeerId peer) {
    auto found = seats_.find(peer);
    return found == seats_.end() || !found->second.admitted ? nullptr : &found->second;
}

std::optional<std::vector<std::shared_ptr<const std::string>>> ClusterRoster::admit(
    PeerId peer, std::vector<ClusterMember> others) {
    auto found = seats_.find(peer);
    if (found == seats_.end() || found->second.admitted) return std::nullopt;
    found->second.admitted = true;
    found->second.others = std::move(others);
    return std::exchange(found->second.held, {});
}

bool ClusterRoster::add_other(PeerId peer, ClusterMember other) {
    Seat* seat = admitted_seat(peer);
    if (!seat || std::find(seat->others.begin(), seat->others.end(), other) != seat->others.end()) return false;
    if (!other.token.empty()) {
        auto same_page = std::find_if(seat->others.begin(), seat->others.end(),
                                      [&](const ClusterMember& known) { return known.token == other.token; });
        if (same_page != seat->others.end()) remove_other(peer, same_page->text());
    }
    seat->others.push_back(std::move(other));
    return true;
}

ClusterRoster::Seat* ClusterRoster::seat_knowing(PeerId peer, std::string_view other_text,
                                                 std::vector<ClusterMember>::iterator& known) {
    Seat* seat = admitted_seat(peer);
    if (!seat) return nullptr;
    known = std::find_if(seat->others.begin(), seat->others.end(),
                         [&](const ClusterMember& other) { return other.text() == other_text; });
    return known == seat->others.end() ? nullptr : seat;
}

bool ClusterRoster::remove_other(PeerId peer, std::string_view other_text) {
    std::vector<ClusterMember>::iterator known;
    Seat* seat = seat_knowing(peer, other_text, known);
    if (!seat) return false;
    seat->others.erase(known);
    std::erase(seat->others_away, other_text);
    return true;
}

bool ClusterRoster::other_away(PeerId peer, std::string_view other_text) {
    std::vector<ClusterMember>::iterator known;
    Seat* seat = seat_knowing(peer, other_text, known);
    if (!seat) return false;
    if (std::find(seat->others_away.begin(), seat->others_away.end(), other_text) != seat->others_away.end()) return false;
    seat->others_away.emplace_back(other_text);
    return true;
}

bool ClusterRoster::set_away(PeerId peer) {
    Seat* seat = admitted_seat(peer);
    if (!seat || seat->away || seat->self.token.empty()) return false;
    seat->away = true;
    return true;
}

bool ClusterRoster::hold(PeerId peer, std::shared_ptr<const std::string> text) {
    auto found = seats_.find(peer);
    if (found == seats_.end() || found->second.admitted || found->second.held.size() >= max_held_) return false;
    found->second.held.push_back(std::move(text));
    return true;
}

std::vector<ClusterRoster::Lease> ClusterRoster::leases() const {
    std::vector<Lease> out;
    for (const auto& [peer, seat] : seats_) {
        if (seat.admitted) out.push_back({peer, seat.room, seat.self.text()});
    }
    return out;
}

std::vector<PeerId> ClusterRoster::peers() const {
    std::vector<PeerId> out;
    for (const auto& entry : seats_) out.push_back(entry.first);
    return out;
}

}  // namespace p2p::relay
