// The call state machine: plain C++, no browser. Feed it events, execute the commands it returns.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/call_commands.hpp"
#include "wasm/call_config.hpp"
#include "wasm/call_events.hpp"
#include "wasm/negotiation.hpp"

namespace p2p::client {

class CallMachine {
public:
    explicit CallMachine(CallConfig config = {});

    // The first commands of a page: initial states and opening the signalling channel.
    CallCommands start();
    CallCommands handle(const CallEvent& event);

    CallState call_state() const { return call_; }
    SignallingState signalling_state() const { return signalling_; }
    // The generation of the live peer connection, if there is one.
    std::optional<Generation> current_generation() const;

    // One overload per event (public so std::visit can reach them; use handle()).
    void on(const SignallingOpened&);
    void on(const SignallingClosed&);
    void on(const SignallingFailed&);
    void on(const SignallingMessage&);
    void on(const StartClicked&);
    void on(const MediaReady&);
    void on(const MediaFailed&);
    void on(const LocalDescriptionCreated&);
    void on(const LocalDescriptionSet&);
    void on(const RemoteDescriptionSet&);
    void on(const LocalIceCandidate&);
    void on(const RemoteTrackArrived&);
    void on(const IceStateChanged&);
    void on(const ConnectionStateChanged&);
    void on(const PeerOperationFailed&);

    // One overload per decoded signalling message.
    void on(const Offer&);
    void on(const Answer&);
    void on(const OfferIce&);
    void on(const AnswerIce&);
    void on(const Joined&);
    void on(const PeerJoined&);
    void on(const PeerLeft&);
    void on(const Error&);

private:
    enum class Media { None, Requesting, Ready, Failed };

    void emit(CallCommand command) { out_.push_back(std::move(command)); }
    void log(LogLevel level, Text text, std::string detail = {});
    void set_call(CallState state);
    void set_signalling(SignallingState state);
    void show_start(bool visible);
    void send(const Message& message);

    void request_media();
    void begin_offer();
    void answer_pending_offer();
    Negotiation& open_peer_connection();
    void close_peer_connection();
    void on_remote_candidate(const IceCandidate& candidate);
    void mark_connected();
    void mark_failed(Text reason, std::string detail);
    // The live negotiation when `gen` is its generation; otherwise logs the stale result.
    Negotiation* current(Generation gen);
    void unexpected(const Message& message, std::string_view why);

    CallConfig config_;
    CallCommands out_;
    SignallingState signalling_ = SignallingState::Connecting;
    CallState call_ = CallState::Idle;
    Media media_ = Media::None;
    bool start_visible_ = false;
    bool start_clicked_ = false;  // offer side: the user asked for the call
    bool peer_present_ = false;
    Generation last_gen_ = 0;
    std::optional<Negotiation> negotiation_;
    std::optional<std::string> pending_offer_;   // answer side: received while media was not ready
    std::vector<IceCandidate> remote_queue_;     // remote candidates waiting for the remote description
};

}  // namespace p2p::client
