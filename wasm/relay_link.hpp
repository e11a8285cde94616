// The page's link to the relay, as one state machine: connecting, open, backing off after a
// close (0.5 s doubling to 8 s with jitter), or refused (the room is full: retried every 8 s). Whether the
// other person is in the room is part of it too: messages for them can only go while they are.
//
// The browser alone cannot tell a dead socket: one opened from an address the device no longer
// has (Wi-Fi to mobile data) or across a link that went down stays "open" for a minute or more.
// So the link checks itself: an open socket sends a Ping every heartbeat and must hear from the
// relay within the pong deadline (both from the relay's "joined", kDefault* until then), or within
// kProbeDeadlineMs (at most the pong deadline) when the call has a reason to
// doubt the path (media stopped, the network changed); a connecting socket must open within
// kConnectDeadlineMs. A socket that misses its deadline is given up and a new one is opened.
#pragma once

#include <cstdint>
#include <string>

#include "wasm/backoff.hpp"
#include "wasm/call_states.hpp"
#include "wasm/outbox.hpp"

namespace p2p::client {

enum class LinkState { Connecting, Open, BackingOff, Refused };
enum class PeerPresence { Absent, Present };
// Whether an open socket owes us an answer: Quiet (it spoke since our last Ping) or Pinged.
enum class LinkCheck { Quiet, Pinged };

class RelayLink {
public:
    RelayLink(Outbox& out, std::string room, std::uint32_t seed) : out_(out), room_(std::move(room)), backoff_(seed) {}

    void connect();  // the first OpenSignalling of the page
    void opened();
    // The socket closed: the peer is unreachable now, and a reconnect is scheduled.
    void closed(int code, const std::string& reason);
    void reconnect_due();  // TimerKind::Reconnect fired
    void refuse();         // room_full: retried slowly, a seat may be a ghost of a reloaded page

    static constexpr int kDefaultHeartbeatMs = 5000;
    static constexpr int kDefaultPongDeadlineMs = 4000;
    static constexpr int kProbeDeadlineMs = 1500;
    // The relay's pace for the check ("joined"); 0 keeps the current value.
    void pace(unsigned heartbeat_ms, unsigned pong_deadline_ms);
    int heartbeat_ms() const { return heartbeat_ms_; }
    int pong_deadline_ms() const { return pong_deadline_ms_; }
    static constexpr int kConnectDeadlineMs = 6000;
    // While a call recovers: a link that is still down must not hold each attempt for 6 s.
    static constexpr int kUrgentConnectDeadlineMs = 2500;

    void heard();          // any message from the relay: the socket is alive
    void heartbeat_due();  // TimerKind::Heartbeat fired
    // TimerKind::LinkDeadline fired: true when the socket was given up (the caller handles that
    // as a close). With `call_live`, a socket given up for silence is replaced in a hurry until one
    // opens (rejoining): each attempt bounded by kUrgentConnectDeadlineMs and the next one started
    // at once, so a fresh connection attempt follows within ~1.5 s of the relay's path coming back
    // (a blocked attempt's own SYN retries come 2 and 4 s apart, too late for a call waiting on it).
    bool deadline_passed(bool call_live = false);
    // The call doubts the path (media stopped, the network changed): an open socket is asked now,
    // with the short deadline.
    void probe();
    // Media flows again: a reconnect waiting out its backoff is tried now, the path is back.
    void path_is_back();
    // While a call waits for its path to come back (`on`), the relay is retried at least every
    // kUrgentRetryMs: the browser does not say when a link beyond its own interface returns, and
    // the call's recovery needs signalling the moment it does.
    void hurry(bool on);
    static constexpr int kUrgentRetryMs = 1000;
    bool hurried() const { return urgent_; }  // a call is recovering its path
    bool rejoining() const { return rejoin_; }  // a live call's silent socket is being replaced
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
    // A call needs signalling back soon (recovering its path, or its socket went silent): short
    // connect deadlines, retries at least every kUrgentRetryMs.
    bool in_a_hurry() const { return urgent_ || rejoin_; }
    void ping(int deadline_ms);
    void give_up();
    void back_off();  // a failed or closed socket: the next attempt after the backoff's delay

    Outbox& out_;
    std::string room_;
    Backoff backoff_;
    LinkState state_ = LinkState::Connecting;
    PeerPresence peer_ = PeerPresence::Absent;
    LinkCheck check_ = LinkCheck::Quiet;
    bool urgent_ = false;
    bool rejoin_ = false;
    int heartbeat_ms_ = kDefaultHeartbeatMs;
    int pong_deadline_ms_ = kDefaultPongDeadlineMs;
    unsigned peer_epoch_ = 0;
};

}  // namespace p2p::client
