// Rooms across relays (--redis): membership and routing go through Redis, so the two peers of a
// room may sit on different relay processes. SharedState hands join/leave/forward to this class,
// so sessions see the same interface as with a lone relay.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "server/cluster_link.hpp"
#include "server/cluster_roster.hpp"
#include "server/metrics.hpp"
#include "server/net_types.hpp"

namespace p2p::relay {

class SharedState;
class WebsocketSession;
struct RedisValue;

// This relay's side of the Redis-held rooms; thread-safe. Control frames for our peers arrive
// on our channel in the order the rooms changed in Redis, and are delivered in that order.
class ClusterState : public std::enable_shared_from_this<ClusterState> {
public:
    ClusterState(SharedState& shared, net::io_context& io);

    // Connects to Redis; ready() once both connections work. failures() counts failed attempts.
    void start();
    bool ready() const { return link_ && link_->is_up(); }
    unsigned failures() const { return link_ ? link_->failures() : 0; }
    std::string last_error() const { return link_ ? link_->last_error() : std::string(); }
    const std::string& relay_id() const { return relay_id_; }

    // As SharedState::join, except that the answer may come later: a refusal (room full, Redis
    // unavailable) is then sent to `session` as an error followed by a close.
    std::variant<PeerId, Rejection> join(const std::string& room, const std::string& token,
                                         const std::shared_ptr<WebsocketSession>& session);
    // As SharedState::leave: a lost page's seat waits for it through the resume window.
    void leave(PeerId peer, Departure how);
    // Shutdown: settles every seat now, even when a closing handshake here takes longer than the
    // shutdown grace: a page that may come back (a token) is away, its seat left to expire in
    // Redis unless the page takes it back through another relay; any other page has left.
    void leave_all();
    void forward(PeerId from, std::shared_ptr<const std::string> text);

    std::size_t peer_count() const;
    std::size_t room_count() const;
    // True when no command waits for Redis, so the leaves of a shutdown have reached it.
    bool idle() const { return !link_ || link_->in_flight() == 0; }
    // Closes the Redis connections; only after the io_context stopped.
    void shutdown();

private:
    using KeepAlive = std::vector<std::shared_ptr<WebsocketSession>>;

    ClusterLink::Events link_events();
    void on_join_reply(PeerId peer, const RedisValue* reply);
    void on_frame(std::string_view payload);
    void on_joined(PeerId peer, std::string_view others, KeepAlive& keep);
    void on_peer_joined(PeerId peer, std::string_view member, KeepAlive& keep);
    void on_peer_left(PeerId peer, std::string_view member, KeepAlive& keep);
    void on_peer_away(PeerId peer, std::string_view member, KeepAlive& keep);
    void on_replaced(PeerId peer, KeepAlive& keep);
    // With mutex_ held: keeps lost `peer`'s seat for the resume window; false if it cannot be held.
    bool hold_seat_locked(PeerId peer);
    // The resume window of `peer`'s seat ended: frees it, unless its page took it back.
    void end_hold(PeerId peer);
    void on_message(PeerId peer, std::string_view text, KeepAlive& keep);
    void on_redis_lost();
    void schedule_refresh();
    void refresh();
    void on_refresh_reply(const std::vector<ClusterRoster::Lease>& leases, const RedisValue* reply);

    // With mutex_ held: send `text` to our peer `peer`, if it is still connected.
    void send_locked(PeerId peer, std::shared_ptr<const std::string> text, KeepAlive& keep);
    void forward_locked(const ClusterRoster::Seat& seat, const std::shared_ptr<const std::string>& text,
                        KeepAlive& keep);
    // With mutex_ held: drops our peer and closes its connection with `reason`.
    void drop_locked(PeerId peer, websocket::close_reason reason, KeepAlive& keep);
    // With mutex_ held: refuses a waiting peer with an error reply, then a close.
    void refuse_locked(PeerId peer, Rejection why, KeepAlive& keep);

    SharedState& shared_;
    const std::string relay_id_;
    std::shared_ptr<ClusterLink> link_;  // made by start(): its events need weak_from_this()
    net::io_context& io_;
    net::steady_timer refresh_timer_;
    mutable std::mutex mutex_;
    ClusterRoster roster_;
};

}  // namespace p2p::relay
