// The call state machine: plain C++, no browser. Feed it events, execute the commands it returns.
// Negotiation follows the "perfect negotiation" pattern: the answer page is polite (it rolls back
// its own offer on glare), the offer page impolite (it ignores the colliding offer); either page
// may start or restart negotiation over one long-lived RTCPeerConnection per call.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/backoff.hpp"
#include "wasm/call_commands.hpp"
#include "wasm/call_config.hpp"
#include "wasm/call_events.hpp"
#include "wasm/data_message.hpp"
#include "wasm/peer_session.hpp"

namespace p2p::client {

class CallMachine {
public:
    explicit CallMachine(CallConfig config = {});

    // The first commands of a page: initial states and opening the signalling channel.
    CallCommands start();
    CallCommands handle(const CallEvent& event);

    CallState call_state() const { return call_; }
    SignallingState signalling_state() const { return signalling_; }
    bool in_call() const { return in_call_; }
    bool polite() const { return config_.role == Role::Answer; }
    // The live peer connection, if there is one.
    const PeerSession* session() const { return pc_ ? &*pc_ : nullptr; }
    std::optional<Generation> current_generation() const;

    // One overload per event (public so std::visit can reach them; use handle()).
    void on(const SignallingOpened&);
    void on(const SignallingClosed&);
    void on(const SignallingFailed&);
    void on(const SignallingMessage&);
    void on(const TimerFired&);
    void on(const StartClicked&);
    void on(const HangupClicked&);
    void on(const MicToggled&);
    void on(const CameraToggled&);
    void on(const ShareToggled&);
    void on(const StatsToggled&);
    void on(const RestartClicked&);
    void on(const ChatSubmitted&);
    void on(const DeviceChosen&);
    void on(const MediaReady&);
    void on(const MediaFailed&);
    void on(const ShareStarted&);
    void on(const ShareStopped&);
    void on(const ShareFailed&);
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

    // One overload per decoded signalling message.
    void on(const Offer&);
    void on(const Answer&);
    void on(const OfferIce&);
    void on(const AnswerIce&);
    void on(const Hangup&);
    void on(const Ready&);
    void on(const Joined&);
    void on(const IceServersUpdate&);
    void on(const PeerJoined&);
    void on(const PeerLeft&);
    void on(const Error&);

private:
    enum class Media { None, Requesting, Ready, Failed };

    // call_machine.cpp: output, relay and call lifecycle.
    void emit(CallCommand command) { out_.push_back(std::move(command)); }
    void log(LogLevel level, Text text, std::string detail = {}, bool notice = false);
    void set_call(CallState state);
    void set_signalling(SignallingState state);
    void update_controls();
    void send(const Message& message);
    bool can_signal() const { return signalling_ == SignallingState::Open && peer_present_; }
    void start_timer(TimerKind kind, int delay_ms);
    void cancel_timer(TimerKind kind) { ++timers_[static_cast<int>(kind)]; }
    void peer_arrived();
    void leave_call();
    void unexpected(const Message& message, std::string_view why);

    // call_machine_negotiation.cpp: the peer connection and perfect negotiation.
    void prepare_call();
    void release_held();
    void drop_held();
    void begin_call();
    void accept_offer(const std::string& sdp);
    void answer_offer();
    void add_local_tracks();
    void prepare_senders();
    void open_chat();
    void create_session(bool held);
    void open_session();
    void start_session();
    void end_session();
    void make_offer();
    void offer_out();
    void flush_local_candidates();
    void resume_negotiation();
    void apply_remote(SdpType type, const std::string& sdp);
    void negotiated();
    void on_remote_candidate(const IceCandidate& candidate);
    void ice_down(bool failed);
    void ice_never_connected();
    void ice_connect_timeout();
    void restart_ice();
    void update_verify_code();
    // The live session when `gen` is its generation; otherwise logs the stale result.
    PeerSession* current(Generation gen);

    // call_machine_media.cpp: local media, controls, data channel, stats.
    void request_media();
    void show_toggles();
    void send_data(const DataMessage& message);
    void collect_stats();

    CallConfig config_;
    CallCommands out_;
    Backoff backoff_;
    SignallingState signalling_ = SignallingState::Connecting;
    CallState call_ = CallState::Idle;
    Media media_ = Media::None;
    bool in_call_ = false;    // the person wants a call: pressed start or an offer was accepted
    bool peer_present_ = false;
    unsigned peer_epoch_ = 0;  // bumps each time the peer (re)appears in the room
    bool room_full_ = false;
    ShowControls controls_{};
    bool mic_on_ = true;
    bool camera_on_ = true;
    bool sharing_ = false;
    bool stats_visible_ = false;
    std::array<unsigned, kTimerKinds> timers_{};
    std::vector<IceServer> ice_servers_;
    Generation last_gen_ = 0;
    std::optional<PeerSession> pc_;
    std::string shown_code_;
    std::vector<IceCandidate> remote_queue_;    // remote candidates waiting for a remote description
};

}  // namespace p2p::client
