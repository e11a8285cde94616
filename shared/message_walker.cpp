#include "shared/message_walker.hpp"

#include <utility>

namespace p2p {
namespace {

// The keys each object of the protocol may carry; a field's index in its Fields array.
enum RootField : std::size_t {
    kType, kSdp, kIceCandidate, kRoom, kPeers, kIceServers, kCode, kMessage, kSession, kPingInterval, kPongDeadline,
    kResumeWindow
};
constexpr std::array<std::string_view, kRootFieldCount> kRootNames = {
    "type", "sdp",     "iceCandidate", "room",           "peers",         "iceServers",
    "code", "message", "session",      "pingIntervalMs", "pongDeadlineMs", "resumeWindowSeconds"};

enum CandidateField : std::size_t { kCandidate, kSdpMid, kSdpMLineIndex, kUsernameFragment };
constexpr std::array<std::string_view, 4> kCandidateNames = {"candidate", "sdpMid", "sdpMLineIndex",
                                                             "usernameFragment"};

enum ServerField : std::size_t { kUrls, kUsername, kCredential };
constexpr std::array<std::string_view, 3> kServerNames = {"urls", "username", "credential"};

// RTCIceCandidate.sdpMLineIndex is an unsigned short.
constexpr std::uint64_t kMaxIndex = 0xFFFF;

bool is(const std::optional<JsonValue>& field, JsonKind kind) { return field && field->kind == kind; }

bool absent_or_null(const std::optional<JsonValue>& field) { return !field || field->kind == JsonKind::null; }

bool session_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

std::optional<MessageKind> kind_named(const JsonString& name) {
    for (std::size_t i = 0; i < kMessageKindNames.size(); ++i) {
        if (name.equals(kMessageKindNames[i])) return static_cast<MessageKind>(i);
    }
    return std::nullopt;
}

}  // namespace

template <bool Materialise>
auto MessageWalker<Materialise>::walk() -> std::optional<Result> {
    JsonReader reader(text_, max_depth_);
    Fields<kRootFieldCount> root;
    // Only an object is worth walking member by member; anything else is still read to its end,
    // because a syntax error anywhere outranks "not an object".
    const bool is_object = reader.peek_kind() == JsonKind::object;
    if (is_object) {
        scan_members(reader, kRootNames, root);
    } else {
        reader.read_value();
    }
    if (!reader.finish()) {
        fail(error_code::kBadMessage, "not valid JSON: " + reader.error()->describe());
        return std::nullopt;
    }
    if (!is_object) {
        fail(error_code::kBadMessage, "a message must be a JSON object");
        return std::nullopt;
    }
    if (!is(root[kType], JsonKind::string)) {
        fail(error_code::kBadMessage, "field 'type' must be a string");
        return std::nullopt;
    }
    const JsonString type = root[kType]->string();
    const std::optional<MessageKind> kind = kind_named(type);
    if (!kind) {
        fail(error_code::kUnknownType, "unknown message type '" + type.value() + "'");
        return std::nullopt;
    }
    return read_fields(*kind, root);
}

template <bool Materialise>
template <std::size_t N>
void MessageWalker<Materialise>::scan_members(JsonReader& reader, const std::array<std::string_view, N>& names,
                                              Fields<N>& out) {
    reader.enter_object();
    while (std::optional<JsonString> key = reader.next_key()) {
        std::optional<JsonValue> value = reader.read_value();
        if (!value) return;
        for (std::size_t i = 0; i < N; ++i) {
            if (key->equals(names[i])) {
                out[i] = *value;  // a later duplicate overwrites: the last one wins
                break;
            }
        }
    }
}

// The wanted members of an object inside a text that was already read once whole, so this
// second look cannot meet a syntax error.
template <bool Materialise>
template <std::size_t N>
auto MessageWalker<Materialise>::members_of(const JsonValue& object, const std::array<std::string_view, N>& names)
    -> Fields<N> {
    JsonReader reader(text_, max_depth_, object.offset);
    Fields<N> out;
    scan_members(reader, names, out);
    return out;
}

template <bool Materialise>
auto MessageWalker<Materialise>::read_fields(MessageKind kind, const Fields<kRootFieldCount>& root) -> std::optional<Result> {
    switch (kind) {
        case MessageKind::offer: {
            auto sdp = required_string(root[kSdp], "", "sdp");
            return make<Offer>(kind, std::move(sdp), session(root[kSession]));
        }
        case MessageKind::answer: {
            auto sdp = required_string(root[kSdp], "", "sdp");
            return make<Answer>(kind, std::move(sdp), session(root[kSession]));
        }
        case MessageKind::offer_ice: {
            auto candidate = ice_candidate(root[kIceCandidate]);
            return make<OfferIce>(kind, std::move(candidate), session(root[kSession]));
        }
        case MessageKind::answer_ice: {
            auto candidate = ice_candidate(root[kIceCandidate]);
            return make<AnswerIce>(kind, std::move(candidate), session(root[kSession]));
        }
        case MessageKind::hangup:
            return make<Hangup>(kind, session(root[kSession]));
        case MessageKind::ready:
            return make<Ready>(kind, session(root[kSession]));
        case MessageKind::restart:
            return make<RestartRequest>(kind, session(root[kSession]));
        case MessageKind::ping:
            return make<Ping>(kind);
        case MessageKind::pong:
            return make<Pong>(kind);
        case MessageKind::peer_joined:
            return make<PeerJoined>(kind);
        case MessageKind::peer_left:
            return make<PeerLeft>(kind);
        case MessageKind::peer_away:
            return make<PeerAway>(kind);
        case MessageKind::joined: {
            auto room = required_string(root[kRoom], "", "room");
            auto servers = ice_servers(root[kIceServers]);
            const std::optional<unsigned> peers = nullable_index(root[kPeers], "", "peers");
            if (!peers) fail(error_code::kBadMessage, "field 'peers' must be a non-negative integer");
            // The page's liveness check, in ms; absent or null: the page keeps its defaults.
            const auto ping = nullable_index(root[kPingInterval], "", "pingIntervalMs");
            const auto pong = nullable_index(root[kPongDeadline], "", "pongDeadlineMs");
            // Absent or null: the relay holds no seats (an older relay).
            const auto resume = nullable_index(root[kResumeWindow], "", "resumeWindowSeconds");
            return make<Joined>(kind, std::move(room), peers.value_or(0), std::move(servers), ping.value_or(0),
                                pong.value_or(0), resume.value_or(0));
        }
        case MessageKind::ice_servers:
            return make<IceServersUpdate>(kind, ice_servers(root[kIceServers]));
        case MessageKind::error: {
            auto code = required_string(root[kCode], "", "code");
            auto message = required_string(root[kMessage], "", "message");
            return make<Error>(kind, std::move(code), std::move(message));
        }
    }
    return std::nullopt;
}

template <bool Materialise>
template <class T, class... Values>
auto MessageWalker<Materialise>::make(MessageKind kind, Values&&... values) -> std::optional<Result> {
    if (error_) return std::nullopt;
    if constexpr (Materialise) {
        return Message{T{std::forward<Values>(values)...}};
    } else {
        return kind;
    }
}

template <bool Materialise>
auto MessageWalker<Materialise>::required_string(const Field& field, std::string_view path, std::string_view name)
    -> Kept<std::string> {
    if (error_) return {};
    if (!is(field, JsonKind::string)) {
        fail_field(path, name, "must be a string");
        return {};
    }
    if constexpr (Materialise) return field->string().value();
    else return {};
}

template <bool Materialise>
auto MessageWalker<Materialise>::nullable_string(const Field& field, std::string_view path, std::string_view name)
    -> Kept<std::optional<std::string>> {
    if (error_ || absent_or_null(field)) return {};
    if (!is(field, JsonKind::string)) {
        fail_field(path, name, "must be a string or null");
        return {};
    }
    if constexpr (Materialise) return field->string().value();
    else return {};
}

// Absent or null: no session (the Node demo's page). Otherwise 1-64 of [A-Za-z0-9_.-], so a session
// id can be logged and compared as it is.
template <bool Materialise>
auto MessageWalker<Materialise>::session(const Field& field) -> Kept<SessionId> {
    if (error_ || absent_or_null(field)) return {};
    bool ok = is(field, JsonKind::string);
    if (ok) {
        const JsonString id = field->string();
        std::size_t length = 0;
        id.for_each_piece([&](std::string_view piece) {
            length += piece.size();
            for (char c : piece) ok = ok && session_char(c);
        });
        ok = ok && length >= 1 && length <= kMaxSessionIdBytes;
        if constexpr (Materialise) {
            if (ok) return SessionId{id.value()};
        }
    }
    if (!ok) {
        fail_field("", "session", "must be null or a string of 1-" + std::to_string(kMaxSessionIdBytes) +
                                      " letters, digits, '-', '_' or '.'");
    }
    return {};
}

template <bool Materialise>
std::optional<unsigned> MessageWalker<Materialise>::nullable_index(const Field& field, std::string_view path,
                                                                   std::string_view name) {
    if (error_ || absent_or_null(field)) return std::nullopt;
    const std::optional<std::uint64_t> value =
        is(field, JsonKind::number) ? field->number().as_unsigned() : std::nullopt;
    if (!value || *value > kMaxIndex) {
        fail_field(path, name, "must be a small non-negative integer or null");
        return std::nullopt;
    }
    return static_cast<unsigned>(*value);
}

template <bool Materialise>
auto MessageWalker<Materialise>::ice_candidate(const Field& field) -> Kept<IceCandidate> {
    if (error_) return {};
    if (!is(field, JsonKind::object)) {
        fail_field("", "iceCandidate", "must be an object");
        return {};
    }
    const Fields<4> fields = members_of(*field, kCandidateNames);
    constexpr std::string_view path = "iceCandidate.";
    auto candidate = required_string(fields[kCandidate], path, "candidate");
    auto sdp_mid = nullable_string(fields[kSdpMid], path, "sdpMid");
    const std::optional<unsigned> index = nullable_index(fields[kSdpMLineIndex], path, "sdpMLineIndex");
    auto username_fragment = nullable_string(fields[kUsernameFragment], path, "usernameFragment");
    if constexpr (Materialise) {
        return IceCandidate{std::move(candidate), std::move(sdp_mid), index, std::move(username_fragment)};
    } else {
        return {};
    }
}

// An optional array of {"urls": string | [string], "username"?, "credential"?}.
template <bool Materialise>
auto MessageWalker<Materialise>::ice_servers(const Field& field) -> Kept<std::vector<IceServer>> {
    Kept<std::vector<IceServer>> out{};
    if (error_ || absent_or_null(field)) return out;
    if (!is(field, JsonKind::array)) {
        fail_field("", "iceServers", "must be an array");
        return out;
    }
    JsonReader reader(text_, max_depth_, field->offset);
    reader.enter_array();
    while (!error_ && reader.next_element()) {
        const std::optional<JsonValue> entry = reader.read_value();
        if (!entry) break;
        if (entry->kind != JsonKind::object) {
            fail(error_code::kBadMessage, "each entry of 'iceServers' must be an object");
            break;
        }
        auto server = ice_server(*entry);
        if constexpr (Materialise) out.push_back(std::move(server));
    }
    return out;
}

template <bool Materialise>
auto MessageWalker<Materialise>::ice_server(const JsonValue& entry) -> Kept<IceServer> {
    const Fields<3> fields = members_of(entry, kServerNames);
    constexpr std::string_view path = "iceServers[].";
    auto urls = string_list(fields[kUrls], path, "urls");
    auto username = nullable_string(fields[kUsername], path, "username");
    auto credential = nullable_string(fields[kCredential], path, "credential");
    if constexpr (Materialise) {
        return IceServer{std::move(urls), std::move(username), std::move(credential)};
    } else {
        return {};
    }
}

// A string or a non-empty array of strings, as RTCIceServer.urls allows.
template <bool Materialise>
auto MessageWalker<Materialise>::string_list(const Field& field, std::string_view path, std::string_view name)
    -> Kept<std::vector<std::string>> {
    Kept<std::vector<std::string>> out{};
    if (error_) return out;
    if (is(field, JsonKind::string)) {
        if constexpr (Materialise) out.push_back(field->string().value());
        return out;
    }
    std::size_t count = 0;
    bool all_strings = true;
    if (is(field, JsonKind::array)) {
        JsonReader reader(text_, max_depth_, field->offset);
        reader.enter_array();
        while (reader.next_element()) {
            const std::optional<JsonValue> item = reader.read_value();
            if (!item) break;
            ++count;
            all_strings = all_strings && item->kind == JsonKind::string;
            if constexpr (Materialise) {
                if (all_strings) out.push_back(item->string().value());
            }
        }
    }
    if (count == 0 || !all_strings) fail_field(path, name, "must be a string or a non-empty array of strings");
    return out;
}

template <bool Materialise>
void MessageWalker<Materialise>::fail(std::string_view code, std::string detail) {
    if (!error_) error_ = DecodeError{code, std::move(detail)};
}

template <bool Materialise>
void MessageWalker<Materialise>::fail_field(std::string_view path, std::string_view name, std::string_view must_be) {
    if (error_) return;
    std::string detail = "field '";
    detail.append(path).append(name).append("' ").append(must_be);
    fail(error_code::kBadMessage, std::move(detail));
}

template class MessageWalker<true>;
template class MessageWalker<false>;

}  // namespace p2p
