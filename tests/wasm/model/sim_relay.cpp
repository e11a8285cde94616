#include "tests/wasm/model/sim_relay.hpp"

#include <algorithm>

#include "shared/codec.hpp"

namespace p2p::client::model {

namespace {
constexpr int kAbnormalClose = 1006;    // what a page sees when the TCP stream just ends
constexpr int kPolicyClose = 1008;      // the relay's close after room_full
constexpr int kReplacedClose = 4001;    // server/shared_state.hpp kReplacedCloseCode
}  // namespace

void SimRelay::note(const std::string& line) {
    if (env_.trace.on()) env_.trace.add(env_.clock.now(), "relay " + line);
}

int SimRelay::connect(RelayClient& page, int slot, const std::string& token) {
    auto socket = std::make_unique<Socket>();
    socket->id = static_cast<int>(sockets_.size()) + 1;
    socket->page = &page;
    socket->slot = slot;
    socket->token = token;
    Socket* s = socket.get();
    sockets_.push_back(std::move(socket));
    env_.clock.after(env_.rng.ms(10, 80), [this, s] {
        if (s->page_gone) return;
        if (up_) return accept(*s);
        // Refused while the relay is down: the browser fires error, then close.
        s->broken = true;
        s->page->socket_failed(s->id);
        s->page->socket_closed(s->id, kAbnormalClose);
    });
    return s->id;
}

void SimRelay::accept(Socket& s) {
    auto ghost = std::find_if(room_.begin(), room_.end(), [&](Socket* m) { return m->token == s.token; });
    if (ghost != room_.end()) {
        Socket* old = *ghost;
        room_.erase(ghost);
        old->member = false;
        note(s.page->label() + " replaces its " + (old->held ? "held seat " : "ghost socket ") + std::to_string(old->id));
        // The other page heard peer_away when the seat was held; of a ghost it hears now.
        if (Socket* other = present_other(s); other && !old->held) to_page_text(*other, encode(PeerAway{}));
        to_page(*old, [](RelayClient& page, int id) { page.socket_closed(id, kReplacedClose); });
        old->broken = true;
    } else if (room_.size() >= 2) {
        note(s.page->label() + " refused: room full");
        ++room_full_refusals;
        to_page(s, [](RelayClient& page, int id) { page.socket_opened(id); });
        to_page_text(s, encode_error(error_code::kRoomFull, "room already has two people"));
        to_page(s, [](RelayClient& page, int id) { page.socket_closed(id, kPolicyClose); });
        return;
    }
    Socket* other = other_member(s);
    room_.push_back(&s);
    s.member = true;
    note(s.page->label() + " joined (" + std::to_string(room_.size()) + ")");
    to_page(s, [](RelayClient& page, int id) { page.socket_opened(id); });
    const bool other_here = other && !other->held;
    to_page_text(s, encode(Joined{room_name_, other_here ? 2u : 1u, {}, 0, 0, kResumeWindowSeconds}));
    if (other && other->held) to_page_text(s, encode(PeerAway{}));
    if (other_here) to_page_text(*other, encode(PeerJoined{}));
}

void SimRelay::leave(Socket& s) {
    auto it = std::find(room_.begin(), room_.end(), &s);
    if (it == room_.end()) return;
    room_.erase(it);
    s.member = false;
    note(s.page->label() + (s.held ? "'s held seat ends" : " left"));
    for (Socket* other : room_) {
        if (!other->held) to_page_text(*other, encode(PeerLeft{}));
    }
}

void SimRelay::hold(Socket& s) {
    if (!s.member || s.held) return;
    s.held = true;
    note(s.page->label() + "'s seat waits (socket " + std::to_string(s.id) + " lost)");
    if (Socket* other = present_other(s)) to_page_text(*other, encode(PeerAway{}));
    env_.clock.after(SimTime{kResumeWindowSeconds} * kSecond, [this, &s] {
        if (s.member && s.held) leave(s);
    });
}

SimRelay::Socket* SimRelay::other_member(const Socket& s) {
    for (Socket* m : room_) {
        if (m != &s) return m;
    }
    return nullptr;
}

SimRelay::Socket* SimRelay::present_other(const Socket& s) {
    Socket* other = other_member(s);
    return other && !other->held ? other : nullptr;
}

void SimRelay::send(int socket, const std::string& text) {
    Socket& s = *sockets_.at(static_cast<std::size_t>(socket - 1));
    if (s.broken) return;
    s.up_fifo = std::max(env_.clock.now() + env_.rng.ms(2, 40), s.up_fifo + 1);
    env_.clock.at(s.up_fifo, [this, &s, text] {
        if (s.broken || !s.member) return;
        from_page(s, text);
    });
}

void SimRelay::from_page(Socket& s, const std::string& text) {
    PageCheck checked = check_page_message(text);
    if (auto error = refusal_of(checked)) {
        note("rejects from " + s.page->label() + ": " + std::string(error->code));
        return to_page_text(s, encode_error(error->code, error->detail));
    }
    // As the relay does: a Ping is answered, never forwarded.
    if (std::get<MessageKind>(checked) == MessageKind::ping) return to_page_text(s, encode(Pong{}));
    Socket* other = present_other(s);
    if (!other) {
        note("drops from " + s.page->label() + " (peer absent): " + text.substr(0, 40));
        return;
    }
    to_page_text(*other, text);
}

void SimRelay::to_page_text(Socket& s, const std::string& text) {
    to_page(s, [text](RelayClient& page, int id) { page.socket_message(id, text); });
}

void SimRelay::to_page(Socket& s, std::function<void(RelayClient&, int)> deliver) {
    if (s.broken || s.page_gone) return;
    s.down_fifo = std::max(env_.clock.now() + env_.rng.ms(2, 40), s.down_fifo + 1);
    env_.clock.at(s.down_fifo, [&s, deliver = std::move(deliver)] {
        if (s.broken || s.page_gone) return;
        deliver(*s.page, s.id);
    });
}

void SimRelay::page_closed(int socket, bool reconnecting) {
    Socket& s = *sockets_.at(static_cast<std::size_t>(socket - 1));
    if (s.page_gone) return;
    s.page_gone = true;
    // The close follows what the page had sent; the relay then sees it go.
    SimTime noticed = std::max(env_.clock.now(), s.up_fifo) + env_.rng.ms(1, 20);
    env_.clock.at(noticed, [this, &s, reconnecting] {
        if (reconnecting) return hold(s);
        leave(s);
    });
}

void SimRelay::drop(int slot) {
    for (auto it = sockets_.rbegin(); it != sockets_.rend(); ++it) {
        Socket& s = **it;
        if (s.slot != slot || s.broken || s.page_gone) continue;
        s.broken = true;
        note("network drops " + s.page->label() + "'s socket " + std::to_string(s.id));
        env_.clock.after(env_.rng.ms(10, 200), [&s] { s.page->socket_closed(s.id, kAbnormalClose); });
        env_.clock.after(env_.rng.ms(10, 3000), [this, &s] { hold(s); });
        return;
    }
}

void SimRelay::restart(SimTime down_for) {
    up_ = false;
    note("restarts, down for " + format_time(down_for));
    room_.clear();
    for (auto& socket : sockets_) {
        Socket& s = *socket;
        s.member = false;
        if (s.broken || s.page_gone) continue;
        s.broken = true;
        env_.clock.after(env_.rng.ms(1, 50), [&s] { s.page->socket_closed(s.id, kAbnormalClose); });
    }
    unsigned restart = ++restarts_;
    env_.clock.after(down_for, [this, restart] {
        if (restart != restarts_) return;  // restarted again meanwhile: that one brings it up
        up_ = true;
        note("is up again");
    });
}

}  // namespace p2p::client::model
