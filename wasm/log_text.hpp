// Every user-visible string, looked up by id and language: one table per language
// (text_zh.cpp, text_en.cpp), so the machine and the page never hold literal words.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace p2p::client {

enum class Lang { Zh, En };

enum class Text {
    // Log panel and notices.
    SignallingConnecting,
    SignallingOpen,
    SignallingClosed,
    SignallingError,
    RelayRetrying,
    JoinedRoom,
    PeerAlreadyHere,
    PeerJoined,
    PeerLeft,
    PeerOffline,
    PeerHungUp,
    PeerRestarted,
    HungUp,
    RoomFull,
    RelayError,
    ClickStart,
    WaitingForPeer,
    IncomingCall,
    RequestingMedia,
    MediaReady,
    MediaFailed,
    PermissionDenied,
    NoDevice,
    DeviceBusy,
    HttpsRequired,
    CreatingPeerConnection,
    OfferSent,
    OfferReceived,
    AnswerSent,
    AnswerReceived,
    GlareIgnored,
    GlareYield,
    GlareWithdraw,
    OfferRepeated,
    NegotiationDeferred,
    CandidateSent,
    CandidateReceived,
    CandidateQueued,
    CandidateDropped,
    IceState,
    Connected,
    ConnectionLost,
    IceRestart,
    Reconnected,
    ConnectionFailed,
    IceFailed,
    IceFailedRelay,
    IceServerError,
    IceServersUpdated,
    RemoteMedia,
    PeerOperationFailed,
    BadMessage,
    UnexpectedMessage,
    StaleCallback,
    StaleSession,
    FreshConnection,
    RestartAsked,
    PeerBack,
    NegotiationLeftToPeer,
    InvalidType,
    InvalidRoom,
    InvalidIce,
    PeerMicOff,
    PeerMicOn,
    PeerCameraOff,
    PeerCameraOn,
    ShareFailed,
    DeviceSwitchFailed,
    ChatUnavailable,
    // Static labels of the page.
    UiTitle,
    UiStart,
    UiHangup,
    UiMute,
    UiUnmute,
    UiCameraOff,
    UiCameraOn,
    UiShare,
    UiStopShare,
    UiStats,
    UiDiagnostics,
    UiSend,
    UiChatPlaceholder,
    UiRemote,
    UiLocal,
    UiVerify,
    UiReconnect,
    UiDevices,
    UiMe,
    UiPeer,
    StatRtt,
    StatIn,
    StatOut,
    StatResolution,
    StatFps,
    StatLoss,
    StatPath,
    Count,  // not a string: the number of ids, for the per-language tables
};

std::string_view text(Text id, Lang lang = Lang::Zh);

// One string per Text id, in the enum's order; defined in text_zh.cpp and text_en.cpp.
using TextTable = std::array<std::string_view, static_cast<std::size_t>(Text::Count)>;
extern const TextTable kTextZh;
extern const TextTable kTextEn;

}  // namespace p2p::client
