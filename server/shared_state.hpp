// What every session shares: the configuration and the rooms, with a way to reach each peer's
// session. Control messages are queued while the lock is held, so each peer sees them in the
// same order the registry changed.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "server/config.hpp"
#include "server/connection_gate.hpp"
#include "server/credential_schedule.hpp"
#include "server/metrics.hpp"
#include "server/net_types.hpp"
#include "server/room_registry.hpp"
#include "shared/messages.hpp"

namespace p2p::relay {

class ClusterState;
class KeepAlive;
class WebsocketSession;

// Close code (private-use range) for a connection taken over by the same page's new one.
inline constexpr std::uint16_t kReplacedCloseCode = close_code::kReplaced;


// Rooms plus the live sessions behind each peer id; thread-safe. With --redis the rooms live in
// Redis and join/leave/forward go to a ClusterState; without, to the in-process RoomRegistry.
class SharedState {
public:
    explicit SharedState(Config config);
    ~SharedState();

    const Config& config() const { return config_; }
    Metrics& metrics() { return metrics_; }
    ConnectionGate& gate() { return *gate_; }
    // Counters plus the current peers and rooms, for /metrics.
    MetricsSnapshot metrics_snapshot() const;

    // Adds `session` to `room`, sends it "joined" and the others "peer_joined"; otherwise why
    // not: room_full, or max_rooms when `room` would be one room too many. A session whose
    // `peer_token` matches a member's replaces that (dead) connection, which is closed.
    std::variant<PeerId, Rejection> join(const std::string& room, const std::string& peer_token,
                                         const std::shared_ptr<WebsocketSession>& session);

    // Removes `peer` and tells whoever remains in its room "peer_left". Idempotent. A lost peer
    // with a token keeps its seat for Config::resume_window instead, and the others hear
    // "peer_away"; "peer_left" comes when the window passes without the page.
    void leave(PeerId peer, Departure how = Departure::closed);

    // Sends `text` unchanged to the other peers in `from`'s room; dropped if there are none.
    void forward(PeerId from, std::shared_ptr<const std::string> text);

    // Sends "ice_servers" with freshly minted TURN credentials to each page whose credentials are
    // at 80% of their lifetime; returns how many were renewed. A no-op without --turn-secret.
    std::size_t renew_credentials(WallClock::time_point now);
    // How often renew_credentials() should run; nullopt when nothing is ever renewed.
    std::optional<std::chrono::seconds> renewal_interval() const;

    // Shutdown: asks every WebSocket to close with 1001 (going away).
    void close_all();

    std::size_t session_count() const;

    // --redis: connects to Redis on `io` (runs nothing yet); cluster_ready() once it answers,
    // cluster_error() says why it did not (empty while it is still trying).
    void start_cluster(net::io_context& io);
    // The keep-alive wheel every WebSocket registers with; started once before serving.
    void start_keep_alive(net::io_context& io);
    void stop_keep_alive();
    KeepAlive& keep_alive() { return *keep_alive_; }
    bool cluster_ready() const;
    std::string cluster_error() const;
    // True when nothing more has to reach Redis (the leaves of closing sessions); always without --redis.
    bool cluster_idle() const;
    // Closes the Redis connections; after the io_context stopped.
    void stop_cluster();

    // For ClusterState, which keeps its rooms itself but the sessions and credentials here.
    void attach_session(PeerId peer, const std::shared_ptr<WebsocketSession>& session);
    // Forgets `peer`'s session and credentials; the session, for the caller to close or keep alive.
    std::shared_ptr<WebsocketSession> detach_session(PeerId peer);
    std::shared_ptr<WebsocketSession> session_of(PeerId peer) const;
    std::vector<IceServer> ice_servers_for(PeerId peer);
    // The "joined" a page gets: its room, how many are in it, its ICE servers and its liveness check.
    Joined joined_message(std::string room, unsigned peers, std::vector<IceServer> servers) const;

private:
    // Live sessions for `peers`; the caller keeps them alive until after unlocking, so a
    // session's destructor (which calls leave()) never runs under our lock.
    std::vector<std::shared_ptr<WebsocketSession>> sessions_of(const std::vector<PeerId>& peers) const;

    // The iceServers for `peer`'s "joined": minted TURN credentials are recorded for renewal.
    std::vector<IceServer> issue_ice_servers(PeerId peer, WallClock::time_point now);
    // With mutex_ held: keeps lost `peer`'s seat for the resume window; false if it cannot be held.
    bool hold_seat_locked(PeerId peer, std::vector<std::shared_ptr<WebsocketSession>>& told);
    // The resume window of `peer`'s held seat ended: frees it, unless the page took it back.
    void end_hold(PeerId peer);
    // With mutex_ held: frees `peer`'s seat, present or held, and tells the others "peer_left"
    // (their sessions land in `told`, for the caller to release after unlocking).
    void free_seat_locked(PeerId peer, std::vector<std::shared_ptr<WebsocketSession>>& told);

    const Config config_;
    Metrics metrics_;
    std::shared_ptr<ConnectionGate> gate_;
    mutable std::mutex mutex_;
    RoomRegistry rooms_;
    CredentialSchedule credentials_;
    std::unordered_map<PeerId, std::weak_ptr<WebsocketSession>> sessions_;
    std::shared_ptr<ClusterState> cluster_;  // set once before serving, with --redis only
    std::shared_ptr<KeepAlive> keep_alive_;  // set once before serving
    net::io_context* io_ = nullptr;          // the timers' (set with keep_alive_)
};

}  // namespace p2p::relay
