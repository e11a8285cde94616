// One call session: one RTCPeerConnection (one generation) and the offer/answer exchanges over it,
// under perfect negotiation. Its id travels on every message it sends, so the other page can tell
// a late message of an older session from one of this. Plain C++: it only writes commands.
//
// phase:    Held -> Negotiating -> Connected <-> Interrupted, and Closed from anywhere.
//           Held is a prepared offer the person has not asked for yet (nothing was sent).
// exchange: Stable -> MakingOffer -> AwaitingAnswer -> ApplyingAnswer -> Stable (ours), or
//           Stable|AwaitingAnswer -> ApplyingOffer -> MakingAnswer -> Stable (theirs; from
//           AwaitingAnswer the browser rolls our offer back).
#pragma once

#include <string>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/call_events.hpp"
#include "wasm/outbox.hpp"
#include "wasm/relay_link.hpp"
#include "wasm/role.hpp"

namespace p2p::client {

// A working path connects within a few seconds of the answer, over TURN too; this leaves room for
// a slow network while telling the person well within half a minute that nothing gets through.
inline constexpr int kIceConnectTimeoutMs = 15000;

enum class SessionPhase { Held, Negotiating, Connected, Interrupted, Closed };
enum class Exchange { Stable, MakingOffer, AwaitingAnswer, ApplyingAnswer, ApplyingOffer, MakingAnswer };
// Our audio and video senders: none yet, made without tracks (the camera is still starting), or
// carrying the camera's tracks.
enum class Senders { None, Empty, Filled };
// What we know of the page at the other end: one of ours names its sessions; the Node demo's
// page does not. AwaitingReady: it came back to the relay and has not said yet whether it still
// holds this session, so nothing of this session is sent until it does.
enum class PeerKind { Unknown, Ours, Legacy };
enum class PeerSync { Live, AwaitingReady };

// What an ICE state change meant for the call.
enum class IceChange { None, FirstConnected, Reconnected, Interrupted, Failed, NeverConnected };

struct SessionContext {
    Outbox& out;
    const RelayLink& link;
    Role role;
};

class CallSession {
public:
    CallSession(SessionContext context, Generation gen, SessionId id, bool controller, bool held);

    void open(const std::vector<IceServer>& servers, bool relay_only);
    void close();
    void release();  // Held -> Negotiating: the prepared offer goes out (now or once it is made)

    void prepare_senders();
    void add_tracks();

    // Our side of an exchange. make_offer() waits for a stable exchange and for the peer.
    void make_offer();
    void negotiation_needed();
    // The implicit setLocalDescription() resolved. True when it completed an exchange (an answer).
    bool local_description_set(SdpType type, const std::string& sdp);
    // Their side: setRemoteDescription(). `media_on` decides whether the answer carries tracks.
    void apply_remote(SdpType type, const std::string& sdp);
    // True when it completed an exchange (their answer to our offer).
    bool remote_description_set(SdpType type, bool media_on);
    void operation_failed();
    // Their offer again, byte for byte (a resend): our answer goes again if it is made, else it
    // goes out when it is; the browser must not apply the same offer twice (a second implicit
    // setLocalDescription would then make an offer).
    bool repeats_their_offer(const std::string& sdp) const { return !remote_offer_.empty() && sdp == remote_offer_; }
    void answer_again();

    void local_candidate(const IceCandidate& candidate);
    // A candidate of this session from the peer. False when it was dropped (queue full).
    bool remote_candidate(const IceCandidate& candidate, std::size_t max_queued);

    IceChange ice_changed(const std::string& state);
    // The media watch says nothing arrives: Connected -> Interrupted (true), as ICE would say much
    // later. Media again: back to Connected (true) if ICE still says connected; otherwise ICE's
    // own "connected" brings it back.
    bool media_stalled();
    bool media_resumed();
    void restart_ice();  // controller only; the browser's negotiationneeded brings the offer
    void server_error(const std::string& description) { server_error_ = description; }

    // Signalling is back (relay or peer): send what waited for it.
    void resume();
    void await_ready() { sync_ = PeerSync::AwaitingReady; }
    void peer_is(PeerKind kind);

    Generation gen() const { return gen_; }
    const SessionId& id() const { return id_; }
    bool controller() const { return controller_; }
    SessionPhase phase() const { return phase_; }
    Exchange exchange() const { return exchange_; }
    Senders senders() const { return senders_; }
    PeerKind peer_kind() const { return peer_kind_; }
    bool awaiting_ready() const { return sync_ == PeerSync::AwaitingReady; }
    bool held() const { return phase_ == SessionPhase::Held; }
    bool started() const { return phase_ != SessionPhase::Held && phase_ != SessionPhase::Closed; }
    bool ever_connected() const { return ever_connected_; }
    bool ice_down() const { return phase_ == SessionPhase::Interrupted; }
    // A remote description of this session was applied: it is bound to one connection of the peer.
    bool bound() const { return bound_; }
    // Our description went out under this id: the peer may know the session.
    bool announced() const { return announced_; }
    bool making_offer() const { return exchange_ == Exchange::MakingOffer; }
    unsigned negotiations() const { return negotiations_; }
    const std::string& local_fingerprint() const { return local_fingerprint_; }
    const std::string& remote_fingerprint() const { return remote_fingerprint_; }
    const std::string& last_server_error() const { return server_error_; }
    // An ICE restart between engines leaves one side without pictures for seconds, measured in
    // tests/e2e/engines.test.mjs; a fresh session brings media back within a second either way.
    // Chromium offering it: Firefox shows no incoming video for ~10 s. Firefox offering it: Firefox
    // drops the old candidate pair at once, while Chromium (ICE-controlled) keeps sending on it
    // until its own check of the new pair succeeds, seen taking 2.7 s once the call had run a while.
    bool restart_freezes_picture() const { return remote_firefox_ != local_firefox_; }
    unsigned& recovery_attempts() { return recovery_attempts_; }
    // We restarted ICE and the path has not come back since: a restart the peer asks for meanwhile
    // is the one under way (its request crossed our offer: both pages recover when the peer's
    // signalling returns, and both retry timers fire together). A second restart would throw away
    // the candidates and checks of the first; the lab's address change made two, 16 ms apart.
    bool restart_under_way() const { return restart_under_way_; }

private:
    bool may_send() const { return ctx_.link.can_signal() && sync_ == PeerSync::Live && !held(); }
    void send_offer();
    void send_answer();
    void flush_local_candidates();
    void send_candidate(const IceCandidate& candidate);
    bool exchange_done();

    SessionContext ctx_;
    Generation gen_;
    SessionId id_;
    bool controller_;  // we made this session's first offer: only we renegotiate it
    SessionPhase phase_;
    Exchange exchange_ = Exchange::Stable;
    Senders senders_ = Senders::None;
    PeerKind peer_kind_ = PeerKind::Unknown;
    PeerSync sync_ = PeerSync::Live;
    bool offer_wanted_ = false;  // negotiation asked for while an exchange or the peer was busy
    bool bound_ = false;
    bool announced_ = false;
    bool candidates_flow_ = false;  // our current description went out: candidates may follow
    bool ever_connected_ = false;
    std::string ice_state_;  // the browser's last iceConnectionState
    bool local_firefox_ = false;   // which engine wrote each side's SDP (its o= line says so)
    bool remote_firefox_ = false;
    std::string local_offer_;   // resent if signalling dropped before an answer came
    std::string local_answer_;  // made while the relay or the peer was away: sent on resume
    // Their last offer we applied, and our answer to it: the same offer again is their resend
    // (they could not tell whether it had reached us), answered with the same answer.
    std::string remote_offer_;
    std::string sent_answer_;
    std::vector<IceCandidate> held_local_;  // waiting for their description to go out
    std::vector<IceCandidate> remote_queue_;  // theirs, before any remote description
    std::string local_fingerprint_;
    std::string remote_fingerprint_;
    std::string server_error_;
    unsigned negotiations_ = 0;
    unsigned recovery_attempts_ = 0;
    bool restart_under_way_ = false;
};

}  // namespace p2p::client
