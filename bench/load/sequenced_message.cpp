#include "bench/load/sequenced_message.hpp"

#include <charconv>
#include <string_view>

#include "bench/load/stamp_field.hpp"
#include "shared/codec.hpp"

namespace p2p::load {
namespace {

// Separates the realistic candidate text from the stamp; nothing in a real candidate contains it.
constexpr std::string_view kMarker = " p2p-load ";

std::optional<SequenceStamp> parse_candidate(const IceCandidate& ice, std::uint32_t side) {
    auto at = ice.candidate.find(kMarker);
    if (at == std::string::npos) return std::nullopt;
    std::string_view rest = std::string_view(ice.candidate).substr(at + kMarker.size());
    SequenceStamp stamp;
    stamp.side = side;
    if (!read_stamp_field(rest, "room", stamp.room) || !read_stamp_field(rest, "seq", stamp.sequence) ||
        !read_stamp_field(rest, "sent", stamp.sent_us) || !rest.empty()) {
        return std::nullopt;
    }
    return stamp;
}

}  // namespace

std::string encode_sequenced(const SequenceStamp& stamp) {
    IceCandidate ice;
    // A host candidate as Chrome writes it, so the relay sees realistic sizes and characters.
    ice.candidate = "candidate:" + std::to_string(stamp.sequence % 4294967295u) +
                    " 1 udp 2122260223 127.0.0.1 " + std::to_string(50000 + stamp.side) +
                    " typ host generation 0 network-id 1" + std::string(kMarker) +
                    "room " + std::to_string(stamp.room) + " seq " + std::to_string(stamp.sequence) +
                    " sent " + std::to_string(stamp.sent_us);
    ice.sdp_mid = "0";
    ice.sdp_mline_index = 0;
    ice.username_fragment = std::nullopt;  // the seed's browsers sometimes send null here
    if (stamp.side == 0) return encode(OfferIce{std::move(ice)});
    return encode(AnswerIce{std::move(ice)});
}

std::optional<SequenceStamp> read_sequenced(const Message& message) {
    if (const auto* offer = std::get_if<OfferIce>(&message)) return parse_candidate(offer->ice_candidate, 0);
    if (const auto* answer = std::get_if<AnswerIce>(&message)) return parse_candidate(answer->ice_candidate, 1);
    return std::nullopt;
}

}  // namespace p2p::load
