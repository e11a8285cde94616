#include "bench/load/load_frame.hpp"

#include <charconv>
#include <stdexcept>

#include "bench/load/stamp_field.hpp"
#include "shared/codec.hpp"

namespace p2p::load {
namespace {

constexpr std::string_view kMarker = " p2p-load ";  // as in sequenced_message.cpp
constexpr std::string_view kPadAttribute = " x-pad ";
constexpr std::size_t kDigits = 20;  // fits any uint64 sequence and any int64 nanosecond time

std::string zeros() { return std::string(kDigits, '0'); }

std::string encode_frame(std::uint32_t room, std::uint32_t side, std::string_view pad) {
    IceCandidate ice;
    // A host candidate as Chrome writes it, so the relay parses realistic characters.
    ice.candidate = "candidate:842163049 1 udp 2122260223 127.0.0.1 " + std::to_string(50000 + side) +
                    " typ host generation 0 network-id 1" + std::string(pad) + std::string(kMarker) + "room " +
                    std::to_string(room) + " seq " + zeros() + " sent " + zeros();
    ice.sdp_mid = "0";
    ice.sdp_mline_index = 0;
    ice.username_fragment = std::nullopt;
    if (side == 0) return encode(OfferIce{std::move(ice)});
    return encode(AnswerIce{std::move(ice)});
}

void write_digits(std::string& text, std::size_t at, std::uint64_t value) {
    for (std::size_t i = 0; i < kDigits; ++i) {
        text[at + kDigits - 1 - i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

}  // namespace

LoadFrame::LoadFrame(std::uint32_t room, std::uint32_t side, std::size_t bytes) {
    const std::size_t bare = encode_frame(room, side, "").size();
    if (bytes < bare + kPadAttribute.size() + 1) {
        throw std::invalid_argument("a load frame needs at least " + std::to_string(bare + kPadAttribute.size() + 1) +
                                    " bytes");
    }
    // Plain letters need no JSON escaping, so the pad adds exactly its own length.
    const std::string pad = std::string(kPadAttribute) + std::string(bytes - bare - kPadAttribute.size(), 'p');
    text_ = encode_frame(room, side, pad);
    const std::size_t stamp_at = text_.find(kMarker);
    sequence_at_ = text_.find(" seq ", stamp_at) + 5;
    sent_at_ = text_.find(" sent ", stamp_at) + 6;
}

const std::string& LoadFrame::stamped(std::uint64_t sequence, std::int64_t sent_ns) {
    write_digits(text_, sequence_at_, sequence);
    write_digits(text_, sent_at_, static_cast<std::uint64_t>(sent_ns));
    return text_;
}

std::optional<LoadFrame::Stamp> LoadFrame::read(std::string_view text) {
    const std::size_t at = text.find(kMarker);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view rest = text.substr(at + kMarker.size());
    Stamp stamp;
    std::uint64_t sent = 0;
    if (!read_stamp_field(rest, "room", stamp.sender.room) || !read_stamp_field(rest, "seq", stamp.sender.sequence) ||
        !read_stamp_field(rest, "sent", sent) || !rest.starts_with('"')) {
        return std::nullopt;
    }
    stamp.sent_ns = static_cast<std::int64_t>(sent);
    // The side comes from the type, so a type swapped in transit shows up as misrouted.
    if (text.find("\"type\":\"offer_ice\"") != std::string_view::npos) stamp.sender.side = 0;
    else if (text.find("\"type\":\"answer_ice\"") != std::string_view::npos) stamp.sender.side = 1;
    else return std::nullopt;
    return stamp;
}

}  // namespace p2p::load
