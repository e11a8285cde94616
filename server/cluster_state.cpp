#include "server/cluster_state.hpp"

#include "server/cluster_frame.hpp"
#include "server/cluster_scripts.hpp"
#include "server/log.hpp"
#include "server/redis_value.hpp"
#include "server/shared_state.hpp"
#include "server/shared_text.hpp"
#include "server/turn_credentials.hpp"
#include "server/websocket_session.hpp"
#include "shared/codec.hpp"

namespace p2p::relay {
namespace {

std::vector<ClusterMember> parse_members(std::string_view text) {
    std::vector<ClusterMember> members;
    while (!text.empty()) {
        auto end = text.find('\n');
        if (auto member = parse_cluster_member(text.substr(0, end))) members.push_back(std::move(*member));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return members;
}

std::chrono::milliseconds ttl_of(const Config& config) { return config.redis_ttl; }

}  // namespace

ClusterState::ClusterState(SharedState& shared, net::io_context& io)
    : shared_(shared),
      // Random per process: a restarted relay never inherits the seats of its previous life.
      relay_id_(random_credential_id()),
      io_(io),
      refresh_timer_(io),
      roster_(relay_id_, shared.config().max_queued_messages) {}

void ClusterState::start() {
    link_ = std::make_shared<ClusterLink>(io_, *shared_.config().redis, relay_channel(relay_id_), link_events());
    link_->start();
    schedule_refresh();
}

void ClusterState::shutdown() {
    refresh_timer_.cancel();
    if (link_) link_->shutdown();
}

ClusterLink::Events ClusterState::link_events() {
    std::weak_ptr<ClusterState> weak = weak_from_this();
    return {
        [] {},
        [weak](const std::string&) {
            if (auto self = weak.lock()) self->on_redis_lost();
        },
        [weak](std::string_view payload) {
            if (auto self = weak.lock()) self->on_frame(payload);
        },
    };
}

std::variant<PeerId, Rejection> ClusterState::join(const std::string& room, const std::string& token,
                                                   const std::shared_ptr<WebsocketSession>& session) {
    KeepAlive keep;
    std::lock_guard lock(mutex_);
    // --max-rooms counts the rooms this relay has peers in, not the rooms of the whole cluster.
    if (!roster_.has_room(room) && roster_.room_count() >= shared_.config().max_rooms) return Rejection::max_rooms;
    PeerId peer = roster_.add(room, token);
    shared_.attach_session(peer, session);
    if (!link_->is_up()) {
        refuse_locked(peer, Rejection::unavailable, keep);
        return peer;
    }
    const Config& config = shared_.config();
    link_->command(join_command(room, roster_.find(peer)->self, ttl_of(config), kPeersPerRoom),
                   [weak = weak_from_this(), peer](const RedisValue* reply) {
                       if (auto self = weak.lock()) self->on_join_reply(peer, reply);
                   });
    return peer;
}

void ClusterState::on_join_reply(PeerId peer, const RedisValue* reply) {
    // Admitted: "joined" comes through our channel, in order with the room's other changes.
    if (reply != nullptr && reply->type == RedisValue::Type::integer && reply->integer == 1) return;
    KeepAlive keep;
    std::lock_guard lock(mutex_);
    bool full = reply != nullptr && reply->type == RedisValue::Type::integer && reply->integer == 0;
    if (!full) {
        log(LogLevel::error, "Redis did not answer a join", {{"error", reply != nullptr ? reply->text : "no reply"}});
    }
    refuse_locked(peer, full ? Rejection::room_full : Rejection::unavailable, keep);
}

void ClusterState::leave(PeerId peer, Departure how) {
    KeepAlive keep;
    std::lock_guard lock(mutex_);
    // Also after leave_all() settled the seat: the session itself is forgotten only now.
    if (auto session = shared_.detach_session(peer)) keep.push_back(std::move(session));
    if (how == Departure::lost && hold_seat_locked(peer)) return;
    std::optional<ClusterRoster::Seat> seat = roster_.remove(peer);
    if (!seat) return;
    // Also for a seat still waiting: the command connection runs the join first, then this.
    link_->command(leave_command(seat->room, seat->self.text(), ttl_of(shared_.config())), {});
}

bool ClusterState::hold_seat_locked(PeerId peer) {
    const Config& config = shared_.config();
    if (config.resume_window.count() == 0 || !roster_.set_away(peer)) return false;
    const ClusterRoster::Seat& seat = *roster_.find(peer);
    link_->command(away_command(seat.room, seat.self.text(), ttl_of(config)), {});
    shared_.metrics().seat_held();
    // The lease stays ours to refresh through the window; the timer then checks the seat.
    auto timer = std::make_shared<net::steady_timer>(io_, config.resume_window);
    timer->async_wait([weak = weak_from_this(), peer, timer](beast::error_code ec) {
        if (auto self = weak.lock(); self && !ec) self->end_hold(peer);
    });
    return true;
}

void ClusterState::end_hold(PeerId peer) {
    std::lock_guard lock(mutex_);
    const ClusterRoster::Seat* held = roster_.find(peer);
    if (held == nullptr || !held->away) return;  // taken back (replaced) or settled at shutdown
    shared_.metrics().seat_expired();
    std::optional<ClusterRoster::Seat> seat = roster_.remove(peer);
    link_->command(leave_command(seat->room, seat->self.text(), ttl_of(shared_.config())), {});
}

void ClusterState::leave_all() {
    std::lock_guard lock(mutex_);
    const bool holds = shared_.config().resume_window.count() > 0;
    for (PeerId peer : roster_.peers()) {
        std::optional<ClusterRoster::Seat> seat = roster_.remove(peer);
        const bool may_return = holds && seat->admitted && !seat->self.token.empty();
        if (may_return && seat->away) continue;  // told already; its lease runs out in Redis
        auto command = may_return ? away_command : leave_command;
        link_->command(command(seat->room, seat->self.text(), ttl_of(shared_.config())), {});
    }
}

void ClusterState::forward(PeerId from, std::shared_ptr<const std::string> text) {
    KeepAlive keep;
    std::lock_guard lock(mutex_);
    const ClusterRoster::Seat* seat = roster_.find(from);
    if (seat == nullptr) return;
    if (seat->admitted) return forward_locked(*seat, text, keep);
    if (!roster_.hold(from, std::move(text))) {
        log(LogLevel::warn, "dropped a message sent long before the peer was admitted", {{"peer", std::to_string(from)}});
    }
}

void ClusterState::forward_locked(const ClusterRoster::Seat& seat, const std::shared_ptr<const std::string>& text,
                                  KeepAlive& keep) {
    if (seat.others.empty()) return;
    shared_.metrics().relayed(text->size());
    for (const ClusterMember& other : seat.others) {
        if (other.relay == relay_id_) {
            const ClusterRoster::Seat* local = roster_.find(other.peer);
            if (local != nullptr && local->admitted) send_locked(other.peer, text, keep);
            continue;
        }
        link_->command({"PUBLISH", relay_channel(other.relay), encode_frame(FrameKind::message, other.peer, *text)}, {});
    }
}

void ClusterState::on_frame(std::string_view payload) {
    std::optional<ClusterFrame> frame = parse_frame(payload);
    if (!frame) return log(LogLevel::warn, "ignored a malformed frame from Redis", {{"bytes", std::to_string(payload.size())}});
    KeepAlive keep;
    std::lock_guard lock(mutex_);
    switch (frame->kind) {
        case FrameKind::message:
            return on_message(frame->target, frame->body, keep);
        case FrameKind::joined:
            return on_joined(frame->target, frame->body, keep);
        case FrameKind::peer_joined:
            return on_peer_joined(frame->target, frame->body, keep);
        case FrameKind::peer_left:
            return on_peer_left(frame->target, frame->body, keep);
        case FrameKind::peer_away:
            return on_peer_away(frame->target, frame->body, keep);
        case FrameKind::replaced:
            return on_replaced(frame->target, keep);
    }
}

void ClusterState::on_message(PeerId peer, std::string_view text, KeepAlive& keep) {
    const ClusterRoster::Seat* seat = roster_.find(peer);
    if (seat != nullptr && seat->admitted) send_locked(peer, shared_text(std::string(text)), keep);
}

void ClusterState::on_joined(PeerId peer, std::string_view others, KeepAlive& keep) {
    auto held = roster_.admit(peer, parse_members(others));
    if (!held) return;  // left meanwhile: its leave command removes the seat again
    const ClusterRoster::Seat& seat = *roster_.find(peer);
    auto peers = static_cast<unsigned>(seat.others.size() + 1);
    send_locked(peer, shared_text(encode(shared_.joined_message(seat.room, peers, shared_.ice_servers_for(peer)))), keep);
    for (const auto& text : *held) forward_locked(seat, text, keep);
}

void ClusterState::on_peer_joined(PeerId peer, std::string_view member, KeepAlive& keep) {
    std::optional<ClusterMember> other = parse_cluster_member(member);
    if (other && roster_.add_other(peer, std::move(*other))) send_locked(peer, shared_text(encode(PeerJoined{})), keep);
}

void ClusterState::on_peer_left(PeerId peer, std::string_view member, KeepAlive& keep) {
    if (roster_.remove_other(peer, member)) send_locked(peer, shared_text(encode(PeerLeft{})), keep);
}

void ClusterState::on_peer_away(PeerId peer, std::string_view member, KeepAlive& keep) {
    if (roster_.other_away(peer, member)) send_locked(peer, shared_text(encode(PeerAway{})), keep);
}

void ClusterState::on_replaced(PeerId peer, KeepAlive& keep) {
    const ClusterRoster::Seat* seat = roster_.find(peer);
    if (seat != nullptr && seat->away) shared_.metrics().seat_resumed();
    drop_locked(peer, websocket::close_reason(static_cast<websocket::close_code>(kReplacedCloseCode), "replaced"), keep);
}

void ClusterState::on_redis_lost() {
    KeepAlive keep;
    std::lock_guard lock(mutex_);
    // Without Redis nobody can be told about joins and leaves: the pages reconnect (with backoff)
    // and get their seats back once Redis is back; their calls keep running peer to peer.
    for (PeerId peer : roster_.peers()) {
        drop_locked(peer, websocket::close_reason(websocket::close_code::try_again_later, "redis unavailable"), keep);
    }
}

void ClusterState::schedule_refresh() {
    refresh_timer_.expires_after(shared_.config().redis_refresh);
    refresh_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
        auto self = weak.lock();
        if (ec || !self) return;
        self->refresh();
        self->schedule_refresh();
    });
}

void ClusterState::refresh() {
    std::vector<ClusterRoster::Lease> leases;
    {
        std::lock_guard lock(mutex_);
        leases = roster_.leases();
    }
    if (leases.empty() || !link_->is_up()) return;
    auto command = refresh_command(leases, ttl_of(shared_.config()));
    link_->command(std::move(command), [weak = weak_from_this(), leases](const RedisValue* reply) {
        if (auto self = weak.lock()) self->on_refresh_reply(leases, reply);
    });
}

void ClusterState::on_refresh_reply(const std::vector<ClusterRoster::Lease>& leases, const RedisValue* reply) {
    if (reply == nullptr || reply->type != RedisValue::Type::array || reply->items.size() != leases.size()) return;
    KeepAlive keep;
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < leases.size(); ++i) {
        if (reply->items[i].integer == 1) continue;
        const ClusterRoster::Seat* seat = roster_.find(leases[i].peer);
        if (seat == nullptr || seat->self.text() != leases[i].member) continue;
        // Expired (this relay stalled past the TTL) or taken: the page reconnects for a new seat.
        log(LogLevel::warn, "a peer's seat expired in Redis", {{"peer", std::to_string(leases[i].peer)}, {"room", leases[i].room}});
        drop_locked(leases[i].peer, websocket::close_reason(websocket::close_code::service_restart, "seat expired"), keep);
    }
}

void ClusterState::send_locked(PeerId peer, std::shared_ptr<const std::string> text, KeepAlive& keep) {
    auto session = shared_.session_of(peer);
    if (!session) return;
    session->send(std::move(text));
    keep.push_back(std::move(session));
}

void ClusterState::drop_locked(PeerId peer, websocket::close_reason reason, KeepAlive& keep) {
    if (!roster_.remove(peer)) return;
    auto session = shared_.detach_session(peer);
    if (!session) return;
    session->close(std::move(reason));
    keep.push_back(std::move(session));
}

void ClusterState::refuse_locked(PeerId peer, Rejection why, KeepAlive& keep) {
    auto seat = roster_.remove(peer);
    auto session = shared_.detach_session(peer);
    if (!seat || !session) return;
    shared_.metrics().rejected(why);
    log(LogLevel::info, "refused a peer", {{"room", seat->room}, {"reason", std::string(rejection_name(why))}});
    bool full = why == Rejection::room_full;
    std::string_view code = full ? error_code::kRoomFull : error_code::kUnavailable;
    shared_.metrics().error_sent(code);
    session->send(shared_text(encode_error(code, full ? "room '" + seat->room + "' already has two people"
                                                      : "rooms are unavailable: the relay cannot reach Redis; try again shortly")));
    session->close({full ? websocket::close_code::policy_error : websocket::close_code::try_again_later,
                    std::string(rejection_name(why))});
    keep.push_back(std::move(session));
}

std::size_t ClusterState::peer_count() const {
    std::lock_guard lock(mutex_);
    return roster_.peer_count();
}

std::size_t ClusterState::room_count() const {
    std::lock_guard lock(mutex_);
    return roster_.room_count();
}

}  // namespace p2p::relay
