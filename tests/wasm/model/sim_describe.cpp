#include "tests/wasm/model/sim_describe.hpp"

#include <type_traits>

#include "shared/codec.hpp"
#include "tests/wasm/model/sim_sdp.hpp"

namespace p2p::client::model {

namespace {

const char* timer_name(TimerKind kind) {
    switch (kind) {
        case TimerKind::Reconnect: return "reconnect";
        case TimerKind::IceRestart: return "ice-restart";
        case TimerKind::Stats: return "stats";
        case TimerKind::IceConnect: return "ice-connect";
        case TimerKind::OpenChat: return "open-chat";
        case TimerKind::Heartbeat: return "heartbeat";
        case TimerKind::LinkDeadline: return "link-deadline";
        case TimerKind::Check: return "check";
    }
    return "?";
}

std::string candidate_text(const IceCandidate& c) {
    return candidate_ufrag(c.candidate, c.username_fragment);
}

std::string yes_no(bool value) {
    return value ? "1" : "0";
}

// Details of the events worth more than their name.
template <typename E>
std::string event_detail(const E& e) {
    if constexpr (std::is_same_v<E, SignallingClosed>) return "code " + std::to_string(e.code);
    if constexpr (std::is_same_v<E, SignallingMessage>) return describe_message(e.text);
    if constexpr (std::is_same_v<E, TimerFired>) return std::string(timer_name(e.kind)) + " #" + std::to_string(e.token);
    if constexpr (std::is_same_v<E, MediaFailed>) return e.name;
    if constexpr (std::is_same_v<E, ChatSubmitted>) return e.text;
    if constexpr (std::is_same_v<E, LocalDescriptionSet>) return summarize_sdp(e.sdp, e.type);
    if constexpr (std::is_same_v<E, RemoteDescriptionSet>) return std::string(sdp_type_name(e.type));
    if constexpr (std::is_same_v<E, LocalIceCandidate>) return candidate_text(e.candidate);
    if constexpr (std::is_same_v<E, IceStateChanged>) return e.state;
    if constexpr (std::is_same_v<E, PeerOperationFailed>) return std::string(operation_name(e.op)) + ": " + e.error;
    if constexpr (std::is_same_v<E, DataChannelOpen>) return e.open ? "open" : "closed";
    if constexpr (std::is_same_v<E, DataReceived>) return e.text;
    return {};
}

template <typename C>
std::string command_detail(const C& c) {
    if constexpr (std::is_same_v<C, SendMessage>) return describe_message(c.text);
    if constexpr (std::is_same_v<C, StartTimer>) {
        return std::string(timer_name(c.kind)) + " #" + std::to_string(c.token) + " in " + std::to_string(c.delay_ms) + " ms";
    }
    if constexpr (std::is_same_v<C, SetRemoteDescription>) return summarize_sdp(c.sdp, c.type);
    if constexpr (std::is_same_v<C, AddIceCandidate>) return candidate_text(c.candidate);
    if constexpr (std::is_same_v<C, ShowControls>) return "start=" + yes_no(c.start) + " in_call=" + yes_no(c.in_call);
    if constexpr (std::is_same_v<C, SetCallState>) return std::string(state_name(c.state));
    if constexpr (std::is_same_v<C, SetSignallingState>) return std::string(state_name(c.state));
    if constexpr (std::is_same_v<C, EnableChat>) return yes_no(c.enabled);
    if constexpr (std::is_same_v<C, ShowVerifyCode>) return c.code;
    if constexpr (std::is_same_v<C, Log>) {
        std::string line = std::string(text(c.text, Lang::En));
        if (!c.detail.empty()) line += " " + c.detail;
        return line;
    }
    return {};
}

template <typename T>
std::string with_gen(const T& value, std::string detail) {
    std::string out(type_label<T>());
    if constexpr (requires { value.gen; }) out += " g" + std::to_string(value.gen);
    if (!detail.empty()) out += " " + detail;
    return out;
}

}  // namespace

std::string describe(const CallEvent& event) {
    return std::visit([](const auto& e) { return with_gen(e, event_detail(e)); }, event);
}

std::string describe(const CallCommand& command) {
    return std::visit(
        [](const auto& c) -> std::string {
            using C = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<C, Log>) {
                if (c.level == LogLevel::Debug && c.text != Text::StaleCallback) return {};
                return (c.level == LogLevel::Error ? "LOG! " : "log ") + command_detail(c);
            } else if constexpr (std::is_same_v<C, ShowToggles> || std::is_same_v<C, ShowStats> ||
                                 std::is_same_v<C, CollectStats> || std::is_same_v<C, ShowNegotiations> ||
                                 std::is_same_v<C, ShowPeerState> || std::is_same_v<C, ClearNotice>) {
                return {};
            } else {
                return with_gen(c, command_detail(c));
            }
        },
        command);
}

std::string describe_message(std::string_view text) {
    DecodeResult result = decode(text);
    if (!result.ok()) return "<undecodable " + std::string(result.error().code) + ">";
    const Message& m = result.message();
    std::string out(type_name(m));
    if (const auto* offer = std::get_if<Offer>(&m)) out += "[" + summarize_sdp(offer->sdp, SdpType::Offer) + "]";
    if (const auto* answer = std::get_if<Answer>(&m)) out += "[" + summarize_sdp(answer->sdp, SdpType::Answer) + "]";
    if (const auto* ice = std::get_if<OfferIce>(&m)) out += "[" + candidate_text(ice->ice_candidate) + "]";
    if (const auto* ice = std::get_if<AnswerIce>(&m)) out += "[" + candidate_text(ice->ice_candidate) + "]";
    if (const auto* joined = std::get_if<Joined>(&m)) out += "[" + std::to_string(joined->peers) + "]";
    if (const auto* error = std::get_if<Error>(&m)) out += "[" + error->code + "]";
    return out;
}

}  // namespace p2p::client::model
