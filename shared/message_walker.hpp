// The protocol's schema, once: which fields each message type needs and of what JSON type. The
// same walk serves decode() (it builds the Message) and the relay's check_page_message() (it only
// checks, and allocates nothing unless the text is bad), so the two cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "shared/codec.hpp"
#include "shared/json_reader.hpp"
#include "shared/message_kind.hpp"
#include "shared/messages.hpp"

namespace p2p {

// How many top-level keys the protocol knows (message_walker.cpp names them).
inline constexpr std::size_t kRootFieldCount = 12;

// Reads one signalling message out of JSON text. Materialise=true yields the Message,
// Materialise=false only its kind. Duplicate keys: the last one wins (as in JSON.parse); unknown
// fields are ignored. The first problem met is the one reported, in the order decode() always
// checked: syntax, object, 'type', known type, then the type's fields in declaration order.
template <bool Materialise>
class MessageWalker {
public:
    using Result = std::conditional_t<Materialise, Message, MessageKind>;

    MessageWalker(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) {}

    // The message (or its kind); nullopt when the text is not one, and take_error() says why.
    std::optional<Result> walk();
    DecodeError take_error() { return std::move(*error_); }

private:
    // What each mode keeps of a field: the value, or nothing at all.
    template <class T>
    using Kept = std::conditional_t<Materialise, T, std::monostate>;
    using Field = std::optional<JsonValue>;
    template <std::size_t N>
    using Fields = std::array<Field, N>;

    template <std::size_t N>
    void scan_members(JsonReader& reader, const std::array<std::string_view, N>& names, Fields<N>& out);
    template <std::size_t N>
    Fields<N> members_of(const JsonValue& object, const std::array<std::string_view, N>& names);

    std::optional<Result> read_fields(MessageKind kind, const Fields<kRootFieldCount>& root);
    template <class T, class... Values>
    std::optional<Result> make(MessageKind kind, Values&&... values);

    Kept<std::string> required_string(const Field& field, std::string_view path, std::string_view name);
    Kept<std::optional<std::string>> nullable_string(const Field& field, std::string_view path,
                                                     std::string_view name);
    std::optional<unsigned> nullable_index(const Field& field, std::string_view path, std::string_view name);
    Kept<IceCandidate> ice_candidate(const Field& field);
    Kept<SessionId> session(const Field& field);
    Kept<std::vector<IceServer>> ice_servers(const Field& field);
    Kept<IceServer> ice_server(const JsonValue& entry);
    Kept<std::vector<std::string>> string_list(const Field& field, std::string_view path, std::string_view name);

    void fail(std::string_view code, std::string detail);
    void fail_field(std::string_view path, std::string_view name, std::string_view must_be);

    std::string_view text_;
    std::size_t max_depth_;
    std::optional<DecodeError> error_;
};

extern template class MessageWalker<true>;
extern template class MessageWalker<false>;

}  // namespace p2p
