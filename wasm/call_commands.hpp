// Everything the call machine asks the browser to do, one struct per command.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/call_events.hpp"
#include "wasm/call_states.hpp"
#include "wasm/log_text.hpp"
#include "wasm/role.hpp"

namespace p2p::client {

struct OpenSignalling {
    std::string room;
};
struct SendMessage {
    std::string text;  // already encoded with p2p::encode
};
struct RequestMedia {};    // getUserMedia({video:true, audio:true})
struct ShowLocalVideo {};  // attach the local stream to #local-video
struct CreatePeerConnection {
    Generation gen = 0;  // the new connection also gets every local track
};
struct ClosePeerConnection {
    Generation gen = 0;
};
struct CreateOffer {
    Generation gen = 0;
};
struct CreateAnswer {
    Generation gen = 0;
};
struct SetLocalDescription {
    Generation gen = 0;
    SdpType type = SdpType::Offer;
    std::string sdp;
};
struct SetRemoteDescription {
    Generation gen = 0;
    SdpType type = SdpType::Offer;
    std::string sdp;
};
struct AddIceCandidate {
    Generation gen = 0;
    IceCandidate candidate;
};
struct ShowRemoteVideo {
    Generation gen = 0;  // the stream that connection's ontrack delivered
};
struct ClearRemoteVideo {};
struct ShowStartButton {
    bool visible = false;
};
struct SetSignallingState {
    SignallingState state = SignallingState::Connecting;
};
struct SetCallState {
    CallState state = CallState::Idle;
};

// Debug lines go to the console only; info and error lines go to the log panel.
enum class LogLevel { Debug, Info, Error };
struct Log {
    LogLevel level = LogLevel::Info;
    Text text = Text::StaleCallback;
    std::string detail;  // appended after the text, untranslated (names, codes, states)
};

using CallCommand = std::variant<OpenSignalling, SendMessage, RequestMedia, ShowLocalVideo, CreatePeerConnection,
                                 ClosePeerConnection, CreateOffer, CreateAnswer, SetLocalDescription,
                                 SetRemoteDescription, AddIceCandidate, ShowRemoteVideo, ClearRemoteVideo,
                                 ShowStartButton, SetSignallingState, SetCallState, Log>;
using CallCommands = std::vector<CallCommand>;

}  // namespace p2p::client
