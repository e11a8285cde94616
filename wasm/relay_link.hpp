// The page's link to the relay, as one state machine: connecting, open, backing off after a
// close (0.5 s doubling to 8 s with jitter), or refused (the room is full: retried every 8 s). Whether the
// other person is in the room is part of it too: messages for them can only go while they are.
#pragma once

#include <cstdint>
#include <string>

#include "wasm/backoff.hpp"
#include "wasm/call_states.hpp"
#include "wasm/outbox.hpp"

namespace p2p::client {

enum class LinkState { Connecting, Open, BackingOff, Refused };
enum class PeerPresence { Absent, Present };

class RelayLink {
public:
    RelayLink(Outbox& out, std::string room, std::uint32_t seed) : out_(out), room_(std::move(room)), backoff_(seed) {}

    void connect();  // the first OpenSignalling of the page
    void opened();
    // The socket closed: the peer is unreachable now, and a reconnect is scheduled.
    void closed(int code, const std::string& reason);
    void reconnect_due();  // TimerKind::Reconnect fired
    void refuse();         // room_full: retried slowly, a seat may be a ghost of a reloaded page

    // The relay said the peer is there (joined with two peers, peer_joined) or gone (peer_left).
    // arrive() returns false when the peer was already counted present (a duplicate).
    bool arrive();
    void leave() { peer_ = PeerPresence::Absent; }

    LinkState state() const { return state_; }
    SignallingState shown() const;
    bool open() const { return state_ == LinkState::Open; }
    bool refused() const { return state_ == LinkState::Refused; }
    // A message for the peer can go now.
    bool can_signal() const { return open() && peer_ == PeerPresence::Present; }
    bool peer_present() const { return peer_ == PeerPresence::Present; }
    // Bumps each time the peer (re)appears; a session remembers the arrival it was made for.
    unsigned peer_epoch() const { return peer_epoch_; }

private:
    void set(LinkState next);

    Outbox& out_;
    std::string room_;
    Backoff backoff_;
    LinkState state_ = LinkState::Connecting;
    PeerPresence peer_ = PeerPresence::Absent;
    unsigned peer_epoch_ = 0;
};

}  // namespace p2p::client
