// Every user-visible log string, looked up by id so a second language only touches log_text.cpp.
#pragma once

#include <string_view>

namespace p2p::client {

enum class Text {
    SignallingConnecting,
    SignallingOpen,
    SignallingClosed,
    SignallingError,
    JoinedRoom,
    PeerAlreadyHere,
    PeerJoined,
    PeerLeft,
    RoomFull,
    RelayError,
    ClickStart,
    WaitingForPeer,
    WaitingForOffer,
    RequestingMedia,
    MediaReady,
    MediaFailed,
    CreatingPeerConnection,
    CreatingLocalSdp,
    OfferSent,
    OfferReceived,
    AnswerSent,
    AnswerReceived,
    CandidateSent,
    CandidateReceived,
    CandidateQueued,
    CandidateDropped,
    IceState,
    ConnectionState,
    Connected,
    ConnectionFailed,
    RemoteMedia,
    PeerOperationFailed,
    BadMessage,
    UnexpectedMessage,
    StaleCallback,
    InvalidType,
    InvalidRoom,
};

std::string_view text(Text id);

}  // namespace p2p::client
