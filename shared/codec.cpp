#include "shared/codec.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>

#include "shared/json_depth.hpp"

namespace p2p {
namespace {

using json = nlohmann::json;

// Records where and why nlohmann rejected a text; used only on the error path to explain it.
struct SyntaxErrorCatcher : nlohmann::json_sax<json> {
    std::string what;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        what = e.what();
        return false;
    }
};

DecodeError bad_message(std::string detail) {
    return {error_code::kBadMessage, std::move(detail)};
}

std::string describe_syntax_error(std::string_view text) {
    SyntaxErrorCatcher catcher;
    json::sax_parse(text.begin(), text.end(), &catcher);
    return "not valid JSON: " + (catcher.what.empty() ? std::string("parse failed") : catcher.what);
}

// Reads typed fields out of a JSON object, remembering the first problem it meets.
class FieldReader {
public:
    FieldReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

    std::string required_string(const char* name) {
        auto it = object_.find(name);
        if (it == object_.end() || !it->is_string()) {
            fail("field '" + path_ + name + "' must be a string");
            return {};
        }
        return it->get<std::string>();
    }

    std::optional<std::string> nullable_string(const char* name) {
        auto it = object_.find(name);
        if (it == object_.end() || it->is_null()) return std::nullopt;
        if (!it->is_string()) {
            fail("field '" + path_ + name + "' must be a string or null");
            return std::nullopt;
        }
        return it->get<std::string>();
    }

    std::optional<unsigned> nullable_index(const char* name) {
        auto it = object_.find(name);
        if (it == object_.end() || it->is_null()) return std::nullopt;
        if (!it->is_number_unsigned() || it->get<std::uint64_t>() > 0xFFFF) {
            fail("field '" + path_ + name + "' must be a small non-negative integer or null");
            return std::nullopt;
        }
        return it->get<unsigned>();
    }

    const json* required_object(const char* name) {
        auto it = object_.find(name);
        if (it == object_.end() || !it->is_object()) {
            fail("field '" + path_ + name + "' must be an object");
            return nullptr;
        }
        return &*it;
    }

    // An optional array of {"urls": string | [string], "username"?, "credential"?}.
    std::vector<IceServer> ice_servers(const char* name) {
        std::vector<IceServer> out;
        auto it = object_.find(name);
        if (it == object_.end() || it->is_null()) return out;
        if (!it->is_array()) {
            fail("field '" + path_ + name + "' must be an array");
            return out;
        }
        for (const json& entry : *it) {
            if (!entry.is_object()) {
                fail("each entry of '" + path_ + name + "' must be an object");
                return out;
            }
            FieldReader reader(entry, path_ + name + "[].");
            out.push_back(IceServer{reader.string_list("urls"), reader.nullable_string("username"),
                                    reader.nullable_string("credential")});
            if (reader.error()) fail(*reader.error());
        }
        return out;
    }

    // A string or a non-empty array of strings, as RTCIceServer.urls allows.
    std::vector<std::string> string_list(const char* name) {
        auto it = object_.find(name);
        if (it != object_.end() && it->is_string()) return {it->get<std::string>()};
        std::vector<std::string> out;
        if (it != object_.end() && it->is_array() && !it->empty()) {
            for (const json& item : *it) {
                if (!item.is_string()) break;
                out.push_back(item.get<std::string>());
            }
            if (out.size() == it->size()) return out;
        }
        fail("field '" + path_ + name + "' must be a string or a non-empty array of strings");
        return {};
    }

    void fail(std::string detail) {
        if (!error_) error_ = std::move(detail);
    }
    const std::optional<std::string>& error() const { return error_; }

private:
    const json& object_;
    std::string path_;
    std::optional<std::string> error_;
};

IceCandidate read_candidate(FieldReader& outer) {
    IceCandidate out;
    const json* inner = outer.required_object("iceCandidate");
    if (!inner) return out;
    FieldReader reader(*inner, "iceCandidate.");
    out.candidate = reader.required_string("candidate");
    out.sdp_mid = reader.nullable_string("sdpMid");
    out.sdp_mline_index = reader.nullable_index("sdpMLineIndex");
    out.username_fragment = reader.nullable_string("usernameFragment");
    if (reader.error()) outer.fail(*reader.error());
    return out;
}

std::optional<Message> read_by_type(std::string_view type, FieldReader& reader) {
    if (type == "offer") return Offer{reader.required_string("sdp")};
    if (type == "answer") return Answer{reader.required_string("sdp")};
    if (type == "offer_ice") return OfferIce{read_candidate(reader)};
    if (type == "answer_ice") return AnswerIce{read_candidate(reader)};
    if (type == "hangup") return Hangup{};
    if (type == "ready") return Ready{};
    if (type == "peer_joined") return PeerJoined{};
    if (type == "peer_left") return PeerLeft{};
    if (type == "joined") {
        Joined joined{reader.required_string("room"), 0, reader.ice_servers("iceServers")};
        auto peers = reader.nullable_index("peers");
        if (!peers) reader.fail("field 'peers' must be a non-negative integer");
        joined.peers = peers.value_or(0);
        return joined;
    }
    if (type == "ice_servers") return IceServersUpdate{reader.ice_servers("iceServers")};
    if (type == "error") return Error{reader.required_string("code"), reader.required_string("message")};
    return std::nullopt;
}

json ice_servers_to_json(const std::vector<IceServer>& servers) {
    json out = json::array();
    for (const IceServer& server : servers) {
        json entry = json::object();
        entry["urls"] = server.urls;
        if (server.username) entry["username"] = *server.username;
        if (server.credential) entry["credential"] = *server.credential;
        out.push_back(std::move(entry));
    }
    return out;
}

json candidate_to_json(const IceCandidate& c) {
    json out = json::object();
    out["candidate"] = c.candidate;
    out["sdpMid"] = c.sdp_mid ? json(*c.sdp_mid) : json(nullptr);
    out["sdpMLineIndex"] = c.sdp_mline_index ? json(*c.sdp_mline_index) : json(nullptr);
    out["usernameFragment"] = c.username_fragment ? json(*c.username_fragment) : json(nullptr);
    return out;
}

// Adds each message's own fields to a JSON object that already holds its "type".
struct FieldWriter {
    json& out;
    void operator()(const Offer& m) { out["sdp"] = m.sdp; }
    void operator()(const Answer& m) { out["sdp"] = m.sdp; }
    void operator()(const OfferIce& m) { out["iceCandidate"] = candidate_to_json(m.ice_candidate); }
    void operator()(const AnswerIce& m) { out["iceCandidate"] = candidate_to_json(m.ice_candidate); }
    void operator()(const Hangup&) {}
    void operator()(const Ready&) {}
    void operator()(const Joined& m) {
        out["room"] = m.room;
        out["peers"] = m.peers;
        if (!m.ice_servers.empty()) out["iceServers"] = ice_servers_to_json(m.ice_servers);
    }
    void operator()(const IceServersUpdate& m) { out["iceServers"] = ice_servers_to_json(m.ice_servers); }
    void operator()(const PeerJoined&) {}
    void operator()(const PeerLeft&) {}
    void operator()(const Error& m) {
        out["code"] = m.code;
        out["message"] = m.message;
    }
};

std::string dump(const json& value) {
    // `replace` keeps dump() from failing on a stray invalid UTF-8 byte in a caller's string.
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string_view type_name(const Message& message) {
    struct Namer {
        std::string_view operator()(const Offer&) { return "offer"; }
        std::string_view operator()(const Answer&) { return "answer"; }
        std::string_view operator()(const OfferIce&) { return "offer_ice"; }
        std::string_view operator()(const AnswerIce&) { return "answer_ice"; }
        std::string_view operator()(const Hangup&) { return "hangup"; }
        std::string_view operator()(const Ready&) { return "ready"; }
        std::string_view operator()(const Joined&) { return "joined"; }
        std::string_view operator()(const IceServersUpdate&) { return "ice_servers"; }
        std::string_view operator()(const PeerJoined&) { return "peer_joined"; }
        std::string_view operator()(const PeerLeft&) { return "peer_left"; }
        std::string_view operator()(const Error&) { return "error"; }
    };
    return std::visit(Namer{}, message);
}

bool is_peer_message(const Message& message) {
    return std::holds_alternative<Offer>(message) || std::holds_alternative<Answer>(message) ||
           std::holds_alternative<OfferIce>(message) || std::holds_alternative<AnswerIce>(message) ||
           std::holds_alternative<Hangup>(message) || std::holds_alternative<Ready>(message);
}

DecodeResult decode(std::string_view text, const ProtocolLimits& limits) {
    if (text.size() > limits.max_message_bytes) {
        return DecodeError{error_code::kTooLarge, "message is " + std::to_string(text.size()) +
                                                      " bytes; the limit is " +
                                                      std::to_string(limits.max_message_bytes)};
    }
    if (json_depth_exceeds(text, limits.max_json_depth)) {
        return DecodeError{error_code::kTooDeep,
                           "JSON nests deeper than " + std::to_string(limits.max_json_depth) + " levels"};
    }
    json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) return bad_message(describe_syntax_error(text));
    if (!root.is_object()) return bad_message("a message must be a JSON object");

    auto type_it = root.find("type");
    if (type_it == root.end() || !type_it->is_string()) {
        return bad_message("field 'type' must be a string");
    }
    const std::string& type = type_it->get_ref<const std::string&>();
    FieldReader reader(root, "");
    std::optional<Message> message = read_by_type(type, reader);
    if (!message) return DecodeError{error_code::kUnknownType, "unknown message type '" + type + "'"};
    if (reader.error()) return bad_message(*reader.error());
    return std::move(*message);
}

std::string encode(const Message& message) {
    json out = json::object();
    out["type"] = type_name(message);
    std::visit(FieldWriter{out}, message);
    return dump(out);
}

std::string encode_error(std::string_view code, std::string_view human_message) {
    return encode(Error{std::string(code), std::string(human_message)});
}

}  // namespace p2p
