// The signalling messages, one struct per JSON "type", shared by the relay and the browser client.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace p2p {

// An ICE candidate as RTCIceCandidate.toJSON() writes it (the seed's "iceCandidate" field).
struct IceCandidate {
    std::string candidate;
    std::optional<std::string> sdp_mid;            // "sdpMid", may be null
    std::optional<unsigned> sdp_mline_index;       // "sdpMLineIndex", may be null
    std::optional<std::string> username_fragment;  // "usernameFragment", may be null
    bool operator==(const IceCandidate&) const = default;
};

// The call session a peer message belongs to ("session"): one pair of RTCPeerConnections, named
// by the page that sent its first offer. Our pages put it on every peer message so that a late
// message of an older session is recognised and dropped; the Node demo's page sends none, and a
// message without it belongs to whatever session is current (the demo's behaviour).
using SessionId = std::optional<std::string>;

// Peer-to-peer messages: sent by a page, forwarded unchanged by the relay.
struct Offer {
    std::string sdp;
    SessionId session = {};
    bool operator==(const Offer&) const = default;
};
struct Answer {
    std::string sdp;
    SessionId session = {};
    bool operator==(const Answer&) const = default;
};
struct OfferIce {
    IceCandidate ice_candidate;
    SessionId session = {};
    bool operator==(const OfferIce&) const = default;
};
struct AnswerIce {
    IceCandidate ice_candidate;
    SessionId session = {};
    bool operator==(const AnswerIce&) const = default;
};
// The person hung up: the other page ends its side of the call at once (sent by our pages only).
struct Hangup {
    SessionId session = {};
    bool operator==(const Hangup&) const = default;
};
// Sent by our page whenever it (re)joins a room with the peer there, or sees the peer (re)join:
// the session it still holds, or none. A peer holding another session knows at once that its
// call is gone (e.g. after a reload) and starts a fresh one instead of resending stale offers.
struct Ready {
    SessionId session = {};
    bool operator==(const Ready&) const = default;
};
// "Please restart ICE": only the page that made a session's first offer renegotiates it, so the
// DTLS roles of the session never swap (Firefox answers a restart offer from the first answerer
// with the opposite role, which Chromium refuses). The other page asks with this.
struct RestartRequest {
    SessionId session = {};
    bool operator==(const RestartRequest&) const = default;
};

// "Are you there?", from a page to the relay, which answers Pong at once and forwards nothing:
// the page's own check that its signalling socket still reaches the relay. A socket opened from
// an address the device no longer has stays "open" in the browser for a minute or more.
struct Ping {
    bool operator==(const Ping&) const = default;
};

// One entry of RTCConfiguration.iceServers, as the relay hands it to the pages.
struct IceServer {
    std::vector<std::string> urls;  // "stun:host:3478", "turn:host:3478?transport=udp", ...
    std::optional<std::string> username;
    std::optional<std::string> credential;
    bool operator==(const IceServer&) const = default;
};

// Relay control messages: only the relay sends these.
struct Joined {
    std::string room;
    unsigned peers = 0;  // how many peers are in the room, the new one included
    // STUN/TURN servers the operator configured on the relay ("iceServers"; omitted when empty,
    // which suits a LAN: host candidates only).
    std::vector<IceServer> ice_servers = {};
    // How the page checks that its socket still reaches the relay (a Ping every interval, a Pong
    // within the deadline), in ms; 0 (absent): the page's own defaults. Config sets them.
    unsigned ping_interval_ms = 0;  // "pingIntervalMs"
    unsigned pong_deadline_ms = 0;  // "pongDeadlineMs"
    // How long the relay holds the seat of a page whose socket went silent, in seconds
    // ("resumeWindowSeconds"); 0 (absent): it holds none, so "peer_left" may also mean a lost
    // network. With a window, "peer_away" says the peer's socket died and "peer_left" that it left.
    unsigned resume_window_s = 0;
    bool operator==(const Joined&) const = default;
};
// Fresh STUN/TURN servers for the next ICE restart or connection ("ice_servers"): the relay
// sends them before the TURN credentials it handed out in "joined" expire.
struct IceServersUpdate {
    std::vector<IceServer> ice_servers;  // "iceServers"
    bool operator==(const IceServersUpdate&) const = default;
};
struct PeerJoined {
    bool operator==(const PeerJoined&) const = default;
};
struct PeerLeft {
    bool operator==(const PeerLeft&) const = default;
};
struct Error {
    std::string code;     // stable machine code, see error_code below
    std::string message;  // for people
    bool operator==(const Error&) const = default;
};
// The relay's answer to a page's Ping.
struct Pong {
    bool operator==(const Pong&) const = default;
};
// The peer's socket went silent (its network went) or it is reconnecting: the relay
// holds its seat for the resume window, and "peer_joined" follows when it takes the seat back,
// "peer_left" when the window passes. Never sent to a page of the Node demo, which cannot resume.
struct PeerAway {
    bool operator==(const PeerAway&) const = default;
};

using Message = std::variant<Offer, Answer, OfferIce, AnswerIce, Hangup, Ready, RestartRequest, Ping, Joined,
                             IceServersUpdate, PeerJoined, PeerLeft, Error, Pong, PeerAway>;

// The session a peer message carries (none for relay control messages and the Node demo's page).
const SessionId& session_of(const Message& message);

// The JSON "type" string of a message.
std::string_view type_name(const Message& message);

// True for the messages a page sends to its peer (the relay forwards them); false for Ping (the
// relay answers it) and for relay control messages.
bool is_peer_message(const Message& message);

// Stable error codes carried by Error::code and DecodeError::code.
namespace error_code {
inline constexpr std::string_view kRoomFull = "room_full";
inline constexpr std::string_view kBadMessage = "bad_message";
inline constexpr std::string_view kUnknownType = "unknown_type";
inline constexpr std::string_view kTooLarge = "too_large";
inline constexpr std::string_view kTooDeep = "too_deep";
inline constexpr std::string_view kNotAllowed = "not_allowed";
inline constexpr std::string_view kRateLimited = "rate_limited";
inline constexpr std::string_view kServerFull = "server_full";
// The relay cannot reach the Redis that holds its rooms (--redis); retrying later works.
inline constexpr std::string_view kUnavailable = "unavailable";
}  // namespace error_code

// WebSocket close codes of our own (the private-use range 4000-4999), one table for both sides.
namespace close_code {
// The relay closes a connection whose page has since taken its seat over with a new one.
inline constexpr unsigned short kReplaced = 4001;
// A page closes a socket it gave up on (silent past its deadline) to reconnect at once: the
// relay holds its seat as for a socket that died, rather than telling the peer it left.
inline constexpr unsigned short kReconnecting = 4002;
}  // namespace close_code

}  // namespace p2p
