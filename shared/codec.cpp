#include "shared/codec.hpp"

#include <utility>
#include <variant>

#include "shared/json_depth.hpp"
#include "shared/json_writer.hpp"
#include "shared/message_kind.hpp"
#include "shared/message_walker.hpp"

namespace p2p {
namespace {

std::optional<DecodeError> too_large(std::string_view text, const ProtocolLimits& limits) {
    if (text.size() <= limits.max_message_bytes) return std::nullopt;
    return DecodeError{error_code::kTooLarge, "message is " + std::to_string(text.size()) + " bytes; the limit is " +
                                                  std::to_string(limits.max_message_bytes)};
}

std::optional<DecodeError> too_deep(std::string_view text, const ProtocolLimits& limits) {
    if (!json_depth_exceeds(text, limits.max_json_depth)) return std::nullopt;
    return DecodeError{error_code::kTooDeep,
                       "JSON nests deeper than " + std::to_string(limits.max_json_depth) + " levels"};
}

// Walks a text within the limits. too_deep outranks every other problem, as when a depth scan ran
// before parsing; but a text the walker accepted cannot nest too deep (the reader holds it to the
// same depth), so the scan runs only when the walk failed, and a good message is read once.
template <bool Materialise>
auto walk_within_limits(std::string_view text, const ProtocolLimits& limits)
    -> std::variant<typename MessageWalker<Materialise>::Result, DecodeError> {
    if (std::optional<DecodeError> problem = too_large(text, limits)) return std::move(*problem);
    MessageWalker<Materialise> walker(text, limits.max_json_depth);
    if (auto result = walker.walk()) return std::move(*result);
    if (std::optional<DecodeError> problem = too_deep(text, limits)) return std::move(*problem);
    return walker.take_error();
}

void write_nullable_string(JsonWriter& out, const std::optional<std::string>& value) {
    if (value) out.string(*value);
    else out.null();
}

// Keys go out in byte order, as nlohmann's std::map kept them: the wire format predates us.
void write_candidate(JsonWriter& out, const IceCandidate& c) {
    out.begin_object();
    out.key("candidate");
    out.string(c.candidate);
    out.key("sdpMLineIndex");
    if (c.sdp_mline_index) out.unsigned_number(*c.sdp_mline_index);
    else out.null();
    out.key("sdpMid");
    write_nullable_string(out, c.sdp_mid);
    out.key("usernameFragment");
    write_nullable_string(out, c.username_fragment);
    out.end_object();
}

void write_ice_server(JsonWriter& out, const IceServer& server) {
    out.begin_object();
    if (server.credential) {
        out.key("credential");
        out.string(*server.credential);
    }
    out.key("urls");
    out.begin_array();
    for (const std::string& url : server.urls) out.string(url);
    out.end_array();
    if (server.username) {
        out.key("username");
        out.string(*server.username);
    }
    out.end_object();
}

// Writes each message's own fields, all of whose keys sort before "type", which comes last.
struct FieldWriter {
    JsonWriter& out;
    void operator()(const Offer& m) {
        sdp(m.sdp);
        session(m.session);
    }
    void operator()(const Answer& m) {
        sdp(m.sdp);
        session(m.session);
    }
    void operator()(const OfferIce& m) {
        candidate(m.ice_candidate);
        session(m.session);
    }
    void operator()(const AnswerIce& m) {
        candidate(m.ice_candidate);
        session(m.session);
    }
    void operator()(const Hangup& m) { session(m.session); }
    void operator()(const Ready& m) { session(m.session); }
    void operator()(const RestartRequest& m) { session(m.session); }
    void operator()(const Joined& m) {
        if (!m.ice_servers.empty()) ice_servers(m.ice_servers);
        out.key("peers");
        out.unsigned_number(m.peers);
        if (m.ping_interval_ms) {
            out.key("pingIntervalMs");
            out.unsigned_number(m.ping_interval_ms);
        }
        if (m.pong_deadline_ms) {
            out.key("pongDeadlineMs");
            out.unsigned_number(m.pong_deadline_ms);
        }
        if (m.resume_window_s) {
            out.key("resumeWindowSeconds");
            out.unsigned_number(m.resume_window_s);
        }
        out.key("room");
        out.string(m.room);
    }
    void operator()(const IceServersUpdate& m) { ice_servers(m.ice_servers); }
    void operator()(const Ping&) {}
    void operator()(const Pong&) {}
    void operator()(const PeerJoined&) {}
    void operator()(const PeerLeft&) {}
    void operator()(const PeerAway&) {}
    void operator()(const Error& m) {
        out.key("code");
        out.string(m.code);
        out.key("message");
        out.string(m.message);
    }

    void sdp(const std::string& text) {
        out.key("sdp");
        out.string(text);
    }
    void ice_servers(const std::vector<IceServer>& servers) {
        out.key("iceServers");
        out.begin_array();
        for (const IceServer& server : servers) write_ice_server(out, server);
        out.end_array();
    }
    void candidate(const IceCandidate& c) {
        out.key("iceCandidate");
        write_candidate(out, c);
    }
    // Omitted when absent: the Node demo's page never sees a field it does not know from us
    // unless we have a session to name.
    void session(const SessionId& id) {
        if (!id) return;
        out.key("session");
        out.string(*id);
    }
};

struct SessionReader {
    const SessionId& operator()(const Offer& m) const { return m.session; }
    const SessionId& operator()(const Answer& m) const { return m.session; }
    const SessionId& operator()(const OfferIce& m) const { return m.session; }
    const SessionId& operator()(const AnswerIce& m) const { return m.session; }
    const SessionId& operator()(const Hangup& m) const { return m.session; }
    const SessionId& operator()(const Ready& m) const { return m.session; }
    const SessionId& operator()(const RestartRequest& m) const { return m.session; }
    template <class Control>
    const SessionId& operator()(const Control&) const {
        static const SessionId none;
        return none;
    }
};

}  // namespace

std::string_view type_name(const Message& message) { return kind_name(kind_of(message)); }

bool is_peer_message(const Message& message) { return is_peer_kind(kind_of(message)); }

const SessionId& session_of(const Message& message) { return std::visit(SessionReader{}, message); }

DecodeResult decode(std::string_view text, const ProtocolLimits& limits) {
    auto walked = walk_within_limits<true>(text, limits);
    if (auto* message = std::get_if<Message>(&walked)) return std::move(*message);
    return std::move(std::get<DecodeError>(walked));
}

PageCheck check_page_message(std::string_view text, const ProtocolLimits& limits) {
    auto walked = walk_within_limits<false>(text, limits);
    if (auto* problem = std::get_if<DecodeError>(&walked)) return std::move(*problem);
    const MessageKind kind = std::get<MessageKind>(walked);
    if (is_page_kind(kind)) return kind;
    // Appended rather than "'" + std::string(...): GCC 12 warns falsely (-Wrestrict, bug 105651) on
    // operator+(const char*, std::string&&) in Release builds.
    std::string detail = "'";
    detail.append(kind_name(kind)).append("' is sent only by the relay");
    return DecodeError{error_code::kNotAllowed, std::move(detail)};
}

std::string encode(const Message& message) {
    JsonWriter out;
    out.begin_object();
    std::visit(FieldWriter{out}, message);
    out.key("type");
    out.string(type_name(message));
    out.end_object();
    return out.take();
}

std::string encode_error(std::string_view code, std::string_view human_message) {
    return encode(Error{std::string(code), std::string(human_message)});
}

}  // namespace p2p
