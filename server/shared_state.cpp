#include "server/shared_state.hpp"

#include "server/cluster_state.hpp"
#include "server/keep_alive.hpp"
#include "server/log.hpp"
#include "server/shared_text.hpp"
#include "server/websocket_session.hpp"
#include "shared/codec.hpp"

namespace p2p::relay {

SharedState::SharedState(Config config)
    : config_(std::move(config)),
      gate_(std::make_shared<ConnectionGate>(
          ConnectionLimiter::Caps{.total = config_.max_connections,
                                  .per_ip = config_.max_connections_per_ip,
                                  .handshakes = config_.max_handshakes,
                                  .handshakes_per_ip = config_.max_handshakes_per_ip},
          metrics_)),
      credentials_(turn_ttl(config_.ice)) {}

SharedState::~SharedState() = default;

MetricsSnapshot SharedState::metrics_snapshot() const {
    if (cluster_) return metrics_.snapshot(cluster_->peer_count(), cluster_->room_count());
    std::lock_guard lock(mutex_);
    return metrics_.snapshot(rooms_.peer_count(), rooms_.room_count());
}

std::variant<PeerId, Rejection> SharedState::join(const std::string& room, const std::string& peer_token,
                                                  const std::shared_ptr<WebsocketSession>& session) {
    if (cluster_) return cluster_->join(room, peer_token, session);
    std::vector<std::shared_ptr<WebsocketSession>> others;
    std::vector<std::shared_ptr<WebsocketSession>> ghost;
    std::lock_guard lock(mutex_);
    if (!rooms_.contains(room) && rooms_.room_count() >= config_.max_rooms) return Rejection::max_rooms;
    auto admission = rooms_.join(room, peer_token);
    if (!admission) return Rejection::room_full;
    sessions_[admission->peer] = session;
    auto peers = static_cast<unsigned>(admission->peers_in_room);
    session->send(shared_text(encode(joined_message(room, peers, issue_ice_servers(admission->peer, WallClock::now())))));
    // The other person's page lost its socket and may come back: this one waits rather than calls.
    if (admission->held > 0) session->send(shared_text(encode(PeerAway{})));
    others = sessions_of(admission->others);
    if (admission->replaced) {
        // A held seat taken back: the others heard "peer_away" when it was lost. A silently dead
        // connection taken over (nobody noticed it die): they hear it now, then "peer_joined".
        if (admission->replaced_was_present) {
            auto peer_away = shared_text(encode(PeerAway{}));
            for (const auto& other : others) other->send(peer_away);
        } else {
            metrics_.seat_resumed();
        }
        ghost = sessions_of({*admission->replaced});
        sessions_.erase(*admission->replaced);
        credentials_.forget(*admission->replaced);
        for (const auto& old : ghost) old->close(websocket::close_reason(static_cast<websocket::close_code>(kReplacedCloseCode), "replaced"));
    }
    auto peer_joined = shared_text(encode(PeerJoined{}));
    for (const auto& other : others) other->send(peer_joined);
    return admission->peer;
}

void SharedState::leave(PeerId peer, Departure how) {
    if (cluster_) return cluster_->leave(peer, how);
    std::vector<std::shared_ptr<WebsocketSession>> told;
    std::lock_guard lock(mutex_);
    if (sessions_.erase(peer) == 0) return;
    credentials_.forget(peer);
    if (how == Departure::lost && hold_seat_locked(peer, told)) return;
    free_seat_locked(peer, told);
}

void SharedState::free_seat_locked(PeerId peer, std::vector<std::shared_ptr<WebsocketSession>>& told) {
    told = sessions_of(rooms_.leave(peer));
    auto peer_left = shared_text(encode(PeerLeft{}));
    for (const auto& other : told) other->send(peer_left);
}

bool SharedState::hold_seat_locked(PeerId peer, std::vector<std::shared_ptr<WebsocketSession>>& told) {
    if (config_.resume_window.count() == 0 || io_ == nullptr) return false;
    std::optional<std::vector<PeerId>> others = rooms_.hold(peer);
    if (!others) return false;
    metrics_.seat_held();
    log(LogLevel::debug, "holding a lost peer's seat", {{"peer", std::to_string(peer)}});
    told = sessions_of(*others);
    auto peer_away = shared_text(encode(PeerAway{}));
    for (const auto& other : told) other->send(peer_away);
    // The timer finds out then whether the page came back (its seat then has another id).
    auto timer = std::make_shared<net::steady_timer>(*io_, config_.resume_window);
    timer->async_wait([this, peer, timer](beast::error_code ec) {
        if (!ec) end_hold(peer);
    });
    return true;
}

void SharedState::end_hold(PeerId peer) {
    std::vector<std::shared_ptr<WebsocketSession>> told;  // released after the lock (see sessions_of)
    std::lock_guard lock(mutex_);
    if (!rooms_.is_held(peer)) return;
    metrics_.seat_expired();
    log(LogLevel::debug, "a held seat's resume window ended", {{"peer", std::to_string(peer)}});
    free_seat_locked(peer, told);
}

void SharedState::forward(PeerId from, std::shared_ptr<const std::string> text) {
    if (cluster_) return cluster_->forward(from, std::move(text));
    std::vector<std::shared_ptr<WebsocketSession>> others;
    std::lock_guard lock(mutex_);
    others = sessions_of(rooms_.others_in_room(from));
    if (!others.empty()) metrics_.relayed(text->size());
    for (const auto& other : others) other->send(text);
}

std::vector<IceServer> SharedState::issue_ice_servers(PeerId peer, WallClock::time_point now) {
    if (!mints_turn_credentials(config_.ice)) return ice_servers_for_pages(config_.ice);
    std::string id = random_credential_id();
    // The id in the TURN username lets an operator match coturn's log lines with ours.
    log(LogLevel::debug, "turn credentials issued", {{"peer", std::to_string(peer)}, {"turn_id", id}});
    credentials_.issued(peer, id, now);
    return ice_servers_for_pages(config_.ice, id, now);
}

Joined SharedState::joined_message(std::string room, unsigned peers, std::vector<IceServer> servers) const {
    return Joined{std::move(room), peers, std::move(servers), static_cast<unsigned>(config_.page_ping_interval.count()),
                  static_cast<unsigned>(config_.page_pong_deadline.count()),
                  static_cast<unsigned>(config_.resume_window.count())};
}

std::size_t SharedState::renew_credentials(WallClock::time_point now) {
    std::vector<std::shared_ptr<WebsocketSession>> keep_alive;
    std::lock_guard lock(mutex_);
    std::vector<DueCredential> due = credentials_.take_due(now);
    for (const DueCredential& entry : due) {
        auto sessions = sessions_of({entry.peer});
        if (sessions.empty()) continue;
        auto update = IceServersUpdate{ice_servers_for_pages(config_.ice, entry.credential_id, now)};
        sessions.front()->send(shared_text(encode(update)));
        keep_alive.push_back(std::move(sessions.front()));
    }
    if (!keep_alive.empty()) log(LogLevel::debug, "turn credentials renewed", {{"pages", std::to_string(keep_alive.size())}});
    return keep_alive.size();
}

std::optional<std::chrono::seconds> SharedState::renewal_interval() const {
    if (!mints_turn_credentials(config_.ice)) return std::nullopt;
    return credentials_.check_interval();
}

void SharedState::close_all() {
    // Outside our lock: ClusterState takes its own lock first, then ours.
    if (cluster_) cluster_->leave_all();
    std::vector<std::shared_ptr<WebsocketSession>> all;
    std::lock_guard lock(mutex_);
    for (const auto& [peer, weak] : sessions_) {
        if (auto session = weak.lock()) all.push_back(std::move(session));
    }
    for (const auto& session : all) session->close(websocket::close_code::going_away);
}

std::size_t SharedState::session_count() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

void SharedState::start_keep_alive(net::io_context& io) {
    io_ = &io;
    keep_alive_ = std::make_shared<KeepAlive>(io, config_.websocket_idle_timeout);
    keep_alive_->start();
}

void SharedState::stop_keep_alive() {
    if (keep_alive_) keep_alive_->stop();
}

void SharedState::start_cluster(net::io_context& io) {
    cluster_ = std::make_shared<ClusterState>(*this, io);
    cluster_->start();
    log(LogLevel::info, "rooms live in Redis", {{"url", config_.redis->redacted()}, {"relay_id", cluster_->relay_id()}});
}

bool SharedState::cluster_ready() const { return cluster_ && cluster_->ready(); }

std::string SharedState::cluster_error() const {
    return cluster_ && cluster_->failures() > 0 ? cluster_->last_error() : std::string();
}

bool SharedState::cluster_idle() const { return !cluster_ || cluster_->idle(); }

void SharedState::stop_cluster() {
    if (cluster_) cluster_->shutdown();
}

void SharedState::attach_session(PeerId peer, const std::shared_ptr<WebsocketSession>& session) {
    std::lock_guard lock(mutex_);
    sessions_[peer] = session;
}

std::shared_ptr<WebsocketSession> SharedState::detach_session(PeerId peer) {
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(peer);
    if (found == sessions_.end()) return nullptr;
    auto session = found->second.lock();
    sessions_.erase(found);
    credentials_.forget(peer);
    return session;
}

std::shared_ptr<WebsocketSession> SharedState::session_of(PeerId peer) const {
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(peer);
    return found == sessions_.end() ? nullptr : found->second.lock();
}

std::vector<IceServer> SharedState::ice_servers_for(PeerId peer) {
    std::lock_guard lock(mutex_);
    return issue_ice_servers(peer, WallClock::now());
}

std::vector<std::shared_ptr<WebsocketSession>> SharedState::sessions_of(
    const std::vector<PeerId>& peers) const {
    std::vector<std::shared_ptr<WebsocketSession>> out;
    for (PeerId peer : peers) {
        auto found = sessions_.find(peer);
        if (found == sessions_.end()) continue;
        if (auto session = found->second.lock()) out.push_back(std::move(session));
    }
    return out;
}

}  // namespace p2p::relay
