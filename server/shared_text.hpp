// A message's text, made once and shared by every send queue it goes into (each peer of a room,
// each relay of a cluster) instead of copied into each.
#pragma once

#include <memory>
#include <string>
#include <utility>

namespace p2p::relay {

inline std::shared_ptr<const std::string> shared_text(std::string text) {
    return std::make_shared<const std::string>(std::move(text));
}

}  // namespace p2p::relay
