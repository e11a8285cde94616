#include "server/cluster_frame.hpp"

#include <charconv>

namespace p2p::relay {
namespace {

bool is_kind(char c) {
    switch (static_cast<FrameKind>(c)) {
        case FrameKind::message:
        case FrameKind::joined:
        case FrameKind::peer_joined:
        case FrameKind::peer_left:
        case FrameKind::replaced:
        case FrameKind::peer_away:
            return true;
    }
    return false;
}

}  // namespace

std::string encode_frame(FrameKind kind, PeerId target, std::string_view body) {
    std::string id = std::to_string(target);
    std::string text;
    text.reserve(3 + id.size() + body.size());
    text += static_cast<char>(kind);
    text += ' ';
    text += id;
    text += '\n';
    text += body;
    return text;
}

std::optional<ClusterFrame> parse_frame(std::string_view text) {
    if (text.size() < 4 || !is_kind(text[0]) || text[1] != ' ') return std::nullopt;
    auto newline = text.find('\n');
    if (newline == std::string_view::npos) return std::nullopt;
    ClusterFrame frame;
    frame.kind = static_cast<FrameKind>(text[0]);
    const char* first = text.data() + 2;
    const char* last = text.data() + newline;
    auto [end, ec] = std::from_chars(first, last, frame.target);
    if (ec != std::errc() || end != last || first == last) return std::nullopt;
    frame.body = text.substr(newline + 1);
    return frame;
}

}  // namespace p2p::relay
