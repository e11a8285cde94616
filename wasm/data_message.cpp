#include "wasm/data_message.hpp"

namespace p2p::client {

std::string encode_data(const DataMessage& message) {
    switch (message.kind) {
        case DataMessage::Kind::Chat: return "c" + message.text;
        case DataMessage::Kind::Mic: return message.on ? "m1" : "m0";
        case DataMessage::Kind::Camera: return message.on ? "v1" : "v0";
    }
    return {};
}

std::optional<DataMessage> decode_data(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::string_view rest = text.substr(1);
    if (text[0] == 'c') {
        if (rest.empty() || rest.size() > kMaxChatBytes) return std::nullopt;
        return DataMessage{DataMessage::Kind::Chat, std::string(rest), false};
    }
    if ((text[0] == 'm' || text[0] == 'v') && (rest == "0" || rest == "1")) {
        auto kind = text[0] == 'm' ? DataMessage::Kind::Mic : DataMessage::Kind::Camera;
        return DataMessage{kind, {}, rest == "1"};
    }
    return std::nullopt;
}

}  // namespace p2p::client
