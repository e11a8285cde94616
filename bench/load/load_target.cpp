#include "bench/load/load_target.hpp"

namespace p2p::load {

std::optional<LoadTarget> LoadTarget::parse(std::string_view name) {
    if (name == "relay") return LoadTarget(Kind::relay);
    if (name == "echo") return LoadTarget(Kind::echo);
    if (name == "node") return LoadTarget(Kind::node);
    if (name == "node-seed") return LoadTarget(Kind::node_seed);
    return std::nullopt;
}

std::string_view LoadTarget::name() const {
    switch (kind_) {
        case Kind::relay: return "relay";
        case Kind::echo: return "echo";
        case Kind::node: return "node";
        case Kind::node_seed: return "node-seed";
    }
    return "?";
}

std::string LoadTarget::path_for(std::size_t index, std::string_view room_prefix) const {
    const std::string room = std::string(room_prefix) + std::to_string(index / 2);
    switch (kind_) {
        case Kind::relay: return "/ws?room=" + room;
        case Kind::echo: return "/";  // every connection is its own peer; the path is ignored
        case Kind::node: return "/?room=" + room;
        case Kind::node_seed: return "/";  // the seed page's URL: one shared broadcast
    }
    return "/";
}

}  // namespace p2p::load
