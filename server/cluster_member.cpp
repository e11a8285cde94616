#include "server/cluster_member.hpp"

#include <charconv>

namespace p2p::relay {

std::string ClusterMember::text() const { return relay + "/" + std::to_string(peer) + "/" + token; }

std::optional<ClusterMember> parse_cluster_member(std::string_view text) {
    auto first = text.find('/');
    if (first == std::string_view::npos || first == 0) return std::nullopt;
    auto second = text.find('/', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    ClusterMember member;
    member.relay = text.substr(0, first);
    std::string_view peer = text.substr(first + 1, second - first - 1);
    auto [end, ec] = std::from_chars(peer.data(), peer.data() + peer.size(), member.peer);
    if (ec != std::errc() || end != peer.data() + peer.size() || peer.empty()) return std::nullopt;
    member.token = text.substr(second + 1);
    if (member.token.find('/') != std::string::npos) return std::nullopt;
    return member;
}

}  // namespace p2p::relay
