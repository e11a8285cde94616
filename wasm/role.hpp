// Which side of the call this page plays: the offerer starts negotiation, the answerer replies.
#pragma once

#include <string_view>

namespace p2p::client {

enum class Role { Offer, Answer };

// An SDP's type; the same two words as Role, kept apart because they mean different things.
enum class SdpType { Offer, Answer };

inline std::string_view sdp_type_name(SdpType type) {
    return type == SdpType::Offer ? "offer" : "answer";
}

}  // namespace p2p::client
