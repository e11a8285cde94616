// The English table: one string per Text id, in the enum's order.
#include "wasm/log_text.hpp"

namespace p2p::client {

extern const TextTable kTextEn = {
    "Connecting to the relay",  // SignallingConnecting
    "Connected to the relay",  // SignallingOpen
    "Relay connection closed",  // SignallingClosed
    "Relay connection error",  // SignallingError
    "Relay unreachable, retrying (the call itself keeps going)",  // RelayRetrying
    "Joined room",  // JoinedRoom
    "The other person is already here",  // PeerAlreadyHere
    "The other person joined",  // PeerJoined
    "The other person left",  // PeerLeft
    "The other person lost the relay for now; the call goes on",  // PeerOffline
    "The other person is reconnecting",  // PeerReconnecting
    "The other person hung up",  // PeerHungUp
    "The other person came back; calling again",  // PeerRestarted
    "Hung up",  // HungUp
    "Room full: pick another room name",  // RoomFull
    "Relay error",  // RelayError
    "Press \"Start\" to call",  // ClickStart
    "Waiting for the other person",  // WaitingForPeer
    "Incoming call, answering",  // IncomingCall
    "Asking for camera and microphone",  // RequestingMedia
    "Camera and microphone ready",  // MediaReady
    "Could not open camera/microphone",  // MediaFailed
    "Camera/microphone permission denied: allow it in the address bar, then press \"Start\"",  // PermissionDenied
    "No camera or microphone found: connect one and try again",  // NoDevice
    "Camera or microphone is busy in another program: close it and try again",  // DeviceBusy
    "Browsers allow camera/microphone only on HTTPS pages",  // HttpsRequired
    "Creating RTCPeerConnection",  // CreatingPeerConnection
    "Offer sent",  // OfferSent
    "Offer received",  // OfferReceived
    "Answer sent",  // AnswerSent
    "Answer received",  // AnswerReceived
    "Both sides offered at once; ignoring theirs (impolite side)",  // GlareIgnored
    "Both sides offered at once; rolling back ours (polite side)",  // GlareYield
    "Both sides called at once; dropping our call and answering theirs (polite side)",  // GlareWithdraw
    "The same offer again (a resend): the same answer goes back",  // OfferRepeated
    "Negotiating once signalling is back",  // NegotiationDeferred
    "Candidate sent",  // CandidateSent
    "Candidate received",  // CandidateReceived
    "Candidate received (held until the remote description is set)",  // CandidateQueued
    "Too many held candidates, dropped",  // CandidateDropped
    "ICE state:",  // IceState
    "Connected",  // Connected
    "Connection lost, reconnecting",  // ConnectionLost
    "Connection interrupted: nothing arrives from the other person; waiting for the network",  // MediaInterrupted
    "The relay stopped answering; reconnecting",  // SignallingSilent
    "The network changed",  // NetworkChanged
    "Restarting ICE",  // IceRestart
    "The other person asked for an ICE restart: ours is under way",  // RestartUnderWay
    "Connection restored",  // Reconnected
    "Connection failed",  // ConnectionFailed
    "Could not connect to the other person: no network path was found (a firewall or NAT may block it; a TURN server on the relay gets around that)",  // IceFailed
    "Could not connect through the TURN server (relay-only mode, ?ice=relay): the TURN server is unreachable or rejected the credentials",  // IceFailedRelay
    "STUN/TURN server error:",  // IceServerError
    "TURN credentials renewed",  // IceServersUpdated
    "Receiving audio/video",  // RemoteMedia
    "WebRTC operation failed",  // PeerOperationFailed
    "Invalid message received",  // BadMessage
    "Message ignored in this state",  // UnexpectedMessage
    "Stale callback ignored",  // StaleCallback
    "Dropped: it belongs to another call session",  // StaleSession
    "Starting a fresh connection",  // FreshConnection
    "Asked the other side to restart ICE",  // RestartAsked
    "The other person is back on the relay",  // PeerBack
    "Renegotiation is left to the side that started this session",  // NegotiationLeftToPeer
    "Bad page address: type must be offer or answer",  // InvalidType
    "Bad page address: room names use A-Z a-z 0-9 _ - and 1-64 characters",  // InvalidRoom
    "Bad page address: ice must be relay or all",  // InvalidIce
    "The other person muted",  // PeerMicOff
    "The other person unmuted",  // PeerMicOn
    "The other person turned the camera off",  // PeerCameraOff
    "The other person turned the camera on",  // PeerCameraOn
    "Screen sharing failed",  // ShareFailed
    "Could not switch device",  // DeviceSwitchFailed
    "Messages can be sent once the call is connected",  // ChatUnavailable
    "P2P video call",  // UiTitle
    "Start",  // UiStart
    "Hang up",  // UiHangup
    "Mute",  // UiMute
    "Unmute",  // UiUnmute
    "Camera off",  // UiCameraOff
    "Camera on",  // UiCameraOn
    "Share screen",  // UiShare
    "Stop sharing",  // UiStopShare
    "Stats",  // UiStats
    "Diagnostics",  // UiDiagnostics
    "Send",  // UiSend
    "Type a message…",  // UiChatPlaceholder
    "Them",  // UiRemote
    "You",  // UiLocal
    "Code",  // UiVerify
    "Reconnect",  // UiReconnect
    "Devices",  // UiDevices
    "me",  // UiMe
    "them",  // UiPeer
    "RTT",  // StatRtt
    "In",  // StatIn
    "Out",  // StatOut
    "Resolution",  // StatResolution
    "FPS",  // StatFps
    "Loss",  // StatLoss
    "Path",  // StatPath
    "Check my connection",  // UiCheck
    "Checking this network with the relay's STUN and TURN servers…",  // CheckRunning
    "The check starts once the relay is reached",  // CheckWaiting
    "The relay offers no STUN or TURN server: only calls within one network will work",  // VerdictNoServers
    "No STUN or TURN server reachable: only calls within this network will work",  // VerdictUnreachable
    "Direct calls will likely work; TURN is ready where they do not",  // VerdictDirect
    "Direct calls will likely work, but no TURN reachable: calls with restrictive networks will fail",  // VerdictDirectNoTurn
    "Only relayed calls will work here (TURN over UDP)",  // VerdictRelayUdp
    "This network's NAT blocks direct calls; relayed calls over UDP will work",  // VerdictSymmetricRelayUdp
    "Only relayed calls over TCP will work here",  // VerdictRelayTcp
    "Only relayed calls over TLS (port 443) will work here",  // VerdictRelayTls
    "This network's NAT blocks direct calls and no TURN is reachable: calls will likely fail",  // VerdictSymmetricNoTurn
    "reachable",  // CheckReached
    "unreachable",  // CheckFailed
    "not offered",  // CheckNotOffered
    "NAT: one public address for every destination",  // CheckNatIndependent
    "NAT: a new public address for each destination (symmetric)",  // CheckNatDependent
};

}  // namespace p2p::client
