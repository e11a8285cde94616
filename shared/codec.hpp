// JSON encoding and decoding of signalling messages, on our own JSON reader and writer
// (shared/json_reader.hpp, shared/json_writer.hpp). decode() never throws: it returns the message
// or a DecodeError that says precisely what was wrong.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "shared/limits.hpp"
#include "shared/message_kind.hpp"
#include "shared/messages.hpp"

namespace p2p {

// Why a text is not a valid message: a stable code (error_code::*) and a precise human detail.
struct DecodeError {
    std::string_view code;
    std::string detail;
};

// Either a decoded message or the reason it could not be decoded.
class DecodeResult {
public:
    DecodeResult(Message message) : value_(std::move(message)) {}
    DecodeResult(DecodeError error) : value_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<Message>(value_); }
    const Message& message() const { return std::get<Message>(value_); }
    Message& message() { return std::get<Message>(value_); }
    const DecodeError& error() const { return std::get<DecodeError>(value_); }

private:
    std::variant<Message, DecodeError> value_;
};

DecodeResult decode(std::string_view text, const ProtocolLimits& limits = {});

// The relay's check of a page's message: its kind exactly when decode() accepts the text and a
// page may send it (is_page_kind: for its peer, or Ping), otherwise the same code and detail
// decode() would give (or not_allowed for a relay-only type). Builds no message, so it allocates
// nothing on success.
using PageCheck = std::variant<MessageKind, DecodeError>;
PageCheck check_page_message(std::string_view text, const ProtocolLimits& limits = {});
// The reason a check refused the text, or nullopt when a page may send it.
inline std::optional<DecodeError> refusal_of(PageCheck check) {
    if (auto* problem = std::get_if<DecodeError>(&check)) return std::move(*problem);
    return std::nullopt;
}
std::string encode(const Message& message);

// Convenience for relay replies: {"type":"error","code":...,"message":...}.
std::string encode_error(std::string_view code, std::string_view human_message);

}  // namespace p2p
