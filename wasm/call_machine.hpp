// The call page's logic: plain C++, no browser. Feed it events, execute the commands it returns.
// It wires four state machines together: the relay link (relay_link.hpp), the local media
// (local_media.hpp), the current call session, one per RTCPeerConnection (call_session.hpp), and
// what rides along a session (call_extras.hpp). What is left here is the call itself: whether the
// person wants one, which session is current, and which page speaks first.
//
// Negotiation follows "perfect negotiation": the answer page is polite (it rolls its own offer
// back on glare), the offer page impolite. Either page may start a session; only the page that
// made a session's first offer renegotiates it, the other asks (RestartRequest). Every message
// names its session, so a late message of an older one is dropped instead of applied.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/call_commands.hpp"
#include "wasm/call_config.hpp"
#include "wasm/call_events.hpp"
#include "wasm/call_extras.hpp"
#include "wasm/call_session.hpp"
#include "wasm/connection_check.hpp"
#include "wasm/local_media.hpp"
#include "wasm/outbox.hpp"
#include "wasm/relay_link.hpp"

namespace p2p::client {

// Whether the person wants a call: they pressed start, or accepted the other page's offer.
enum class CallIntent { None, Wanted };
// Why the peer is not in the room: it never was or is back (Here), it left while its media still
// arrived (Left: a departure, the call ends when the media path goes too), or it left after its
// media had stopped (Unreachable: its network went and the relay dropped its silent socket; it
// returns when its network does, so the call waits).
enum class PeerAbsence { Here, Left, Unreachable };

class CallMachine {
public:
    explicit CallMachine(CallConfig config = {});
    // Movable (the parts live on the heap, so the references between them stay valid).
    CallMachine(CallMachine&&) = default;

    // The first commands of a page: initial states and opening the signalling channel.
    CallCommands start();
    CallCommands handle(const CallEvent& event);

    CallState call_state() const { return call_; }
    SignallingState signalling_state() const { return link_.shown(); }
    bool in_call() const { return intent_ == CallIntent::Wanted; }
    bool polite() const { return config_.role == Role::Answer; }
    // The current session, if there is one.
    const CallSession* session() const { return session_ ? &*session_ : nullptr; }
    const CheckReport& check_report() const { return check_.report(); }
    std::optional<Generation> current_generation() const;

    // One overload per event (public so std::visit can reach them; use handle()).
    void on(const SignallingOpened&);
    void on(const SignallingClosed&);
    void on(const SignallingFailed&);
    void on(const NetworkChanged&);
    void on(const CheckClicked&) { check_.clicked(ice_servers_, servers_known_); }
    void on(const ProbeCandidate& e) { check_.candidate(e.probe, e.candidate); }
    void on(const SignallingMessage&);
    void on(const TimerFired&);
    void on(const StartClicked&);
    void on(const HangupClicked&);
    void on(const MicToggled&);
    void on(const CameraToggled&);
    void on(const ShareToggled&);
    void on(const StatsToggled&) { extras_.toggle_stats(); }
    void on(const RestartClicked&);
    void on(const ChatSubmitted&);
    void on(const DeviceChosen& e) { media_.choose_device(e.kind, e.device_id); }
    void on(const MediaReady&);
    void on(const MediaFailed&);
    void on(const ShareStarted&) { media_.share_started(); }
    void on(const ShareStopped&) { media_.share_stopped(); }
    void on(const ShareFailed& e) { media_.share_failed(e.error); }
    void on(const DeviceSwitchFailed&);
    void on(const NegotiationNeeded&);
    void on(const LocalDescriptionSet&);
    void on(const RemoteDescriptionSet&);
    void on(const LocalIceCandidate&);
    void on(const RemoteTrackArrived&);
    void on(const IceStateChanged&);
    void on(const IceCandidateError&);
    void on(const PeerOperationFailed&);
    void on(const DataChannelOpen&);
    void on(const DataReceived&);
    void on(const StatsCollected&);

    // One overload per decoded signalling message (call_machine_messages.cpp).
    void on(const Offer&);
    void on(const Answer&);
    void on(const OfferIce&);
    void on(const AnswerIce&);
    void on(const Hangup&);
    void on(const Ready&);
    void on(const RestartRequest&);
    void on(const Joined&);
    void on(const IceServersUpdate&);
    void on(const PeerJoined&);
    void on(const PeerLeft&);
    void on(const PeerAway&);
    void on(const Error&);
    void on(const Ping&) {}  // page to relay only; the relay never forwards one
    void on(const Pong&) {}  // heard() already counted it

private:
    // call_machine.cpp: page state and the relay link.
    void set_call(CallState state);
    void update_controls();
    void peer_arrived();
    void peer_gone();
    void unexpected(const Message& message, std::string_view why);
    void timer_fired(TimerKind kind);

    // call_machine_messages.cpp: which session a message belongs to.
    bool of_current_session(const Message& message);
    void offer_of_another_session(const Offer& offer);
    void withdraw_own_session(const Offer& offer);
    std::vector<std::string> sessions_to_hang_up() const;
    void send_hangups();
    void remote_candidate(const Message& message, const IceCandidate& candidate);

    // call_machine_session.cpp: sessions come and go.
    SessionId next_session_id();
    CallSession& open_session(SessionId id, bool controller, bool held);
    void close_session();
    void forget_hangup();
    void prepare_call();
    void drop_held();
    void begin_call();
    void accept_offer(const Offer& offer);
    void leave_call();
    void exchange_completed();
    void ice_down(IceChange change, Text notice = Text::ConnectionLost);
    void ice_never_connected();
    void recover();
    void fresh_session();
    void mend();
    // call_machine_path.cpp: whether the path still carries the call.
    void media_stalled();
    void media_resumed();
    void release_video();
    void path_restored();
    void link_timer_fired(TimerKind kind);

    // The current session when `gen` is its generation; otherwise logs the stale result.
    CallSession* current(Generation gen);

    // The parts refer to each other (everything writes to the one Outbox; a session reads the
    // link), so they stay where they are when the machine moves.
    struct Parts {
        Parts(const CallConfig& config) : link(out, config.room, config.seed), media(out), extras(out), check(out) {}
        Outbox out;
        RelayLink link;
        LocalMedia media;
        CallExtras extras;
        ConnectionCheck check;
    };

    CallConfig config_;
    std::unique_ptr<Parts> parts_;
    Outbox& out_;
    RelayLink& link_;
    LocalMedia& media_;
    CallExtras& extras_;
    ConnectionCheck& check_;
    CallIntent intent_ = CallIntent::None;
    CallState call_ = CallState::Idle;
    ShowControls controls_{};
    std::vector<IceServer> ice_servers_;
    bool servers_known_ = false;  // the relay said which ICE servers it offers (joined)
    // The relay holds a lost page's seat (joined: resumeWindowSeconds): a peer whose network
    // went is "peer_away", so "peer_left" means the person left.
    bool relay_holds_seats_ = false;
    Generation last_gen_ = 0;
    unsigned sessions_made_ = 0;
    unsigned fresh_in_a_row_ = 0;  // fresh sessions after failures since the last connection
    std::optional<CallSession> session_;
    // The sessions the person's hang-up named (session_to_hang_up), said again at the next
    // meeting: a hang-up sent while the relay or the peer was away is lost, and the peer would
    // otherwise call us back into it.
    std::vector<std::string> hung_up_;
    // The last sessions hung up here (by either person): a late offer of one (a renegotiation
    // that crossed the hang-up) is not a new call. A session that closed for another reason
    // (the peer left before it connected) may still be offered again. A few suffice.
    std::deque<std::string> ended_;
    // What the last peer message said of the page at the other end (ours names its sessions).
    // A returning page of ours says first whether it hung up or still holds a call, so a new
    // call waits for its Ready (call_on_ready_); the Node demo's page says nothing, so it is
    // called at once, as it expects.
    PeerKind peer_kind_ = PeerKind::Unknown;
    // The last session that closed while the person still wanted the call (the path or the
    // peer dropped): a hang-up of it that arrives later still ends the call. Cleared by a click.
    SessionId dropped_;
    // The other page's session whose offer we ignored in glare: its hang-up means the person
    // there hung up, though the session they would have had is ours.
    SessionId glare_ignored_;
    // Our session whose offer we dropped in glare (withdraw_own_session): a peer that hung up
    // meanwhile may have taken that offer for a new call, so our hang-up reply names it too.
    SessionId withdrawn_;
    bool call_on_ready_ = false;
    PeerAbsence peer_away_ = PeerAbsence::Here;
    // The session whose inbound media stalled: its video sender is held (HoldVideo) and starts
    // again with a key frame (RefreshVideo) once, when media arrives again or ICE reconnects.
    // Only after a stall: restarting a flowing stream (an ICE flicker, a Reconnect click) loses
    // the frames around the pause and leaves the peer waiting for a key frame.
    std::optional<Generation> video_held_for_;
    bool ended_here(const SessionId& id) const;
};

}  // namespace p2p::client
