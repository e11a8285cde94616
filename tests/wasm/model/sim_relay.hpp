// The signalling relay as the pages see it: one room of two, "joined" on open, peer_joined and
// peer_left to the other page, peer messages checked (p2p::check_page_message) and forwarded raw,
// dropped while the other page is absent. Each WebSocket is one TCP stream: every message has its
// own random delay but each direction stays in order. Faults: a restart (every socket closes, the
// relay is down for a while, connection attempts fail), and one page's socket dropping (the page
// and the relay each notice after their own delay; the page's reconnect with the same peer
// token replaces a ghost the relay has not noticed yet, as server/shared_state.cpp does). A
// socket lost by the network, or closed by the page to reconnect, keeps its seat for the resume
// window: the other page hears peer_away, then peer_joined when the page is back, or peer_left
// when the window passes. A page that unloads has left at once.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/wasm/model/sim_core.hpp"

namespace p2p::client::model {

// The page side of a WebSocket: the simulated browser ignores sockets that are not its current one.
class RelayClient {
public:
    virtual ~RelayClient() = default;
    virtual std::string label() const = 0;
    virtual void socket_opened(int socket) = 0;
    virtual void socket_message(int socket, const std::string& text) = 0;
    virtual void socket_failed(int socket) = 0;
    virtual void socket_closed(int socket, int code) = 0;
};

class SimRelay {
public:
    SimRelay(SimEnv env, std::string room) : env_(env), room_name_(std::move(room)) {}

    // A new WebSocket from `page`; `token` is the page's peer token (the same across its reconnects).
    int connect(RelayClient& page, int slot, const std::string& token);
    void send(int socket, const std::string& text);
    // The page closed its socket itself: to reconnect at once (close code 4002, the seat waits) or
    // because it went away (reload: Chromium just ends the TCP stream, the page has left).
    void page_closed(int socket, bool reconnecting);
    void drop(int slot);           // the network loses the current socket of that page
    void restart(SimTime down_for);
    bool up() const { return up_; }
    int members() const { return static_cast<int>(room_.size()); }
    int room_full_refusals = 0;

private:
    struct Socket {
        int id = 0;
        RelayClient* page = nullptr;
        int slot = 0;
        std::string token;
        bool member = false;     // in the room, as the relay sees it
        bool held = false;       // a member whose seat waits for its page (resume window)
        bool broken = false;     // lost by the network or the relay: nothing more passes either way
        bool page_gone = false;  // the page closed it: what it sent still arrives, nothing goes back
        SimTime up_fifo = 0;
        SimTime down_fifo = 0;
    };
    void accept(Socket& s);
    void leave(Socket& s);
    void hold(Socket& s);  // the relay found the socket lost: its seat waits for the page
    void from_page(Socket& s, const std::string& text);
    void to_page(Socket& s, std::function<void(RelayClient&, int)> deliver);
    void to_page_text(Socket& s, const std::string& text);
    Socket* other_member(const Socket& s);    // the other seat, held or not
    Socket* present_other(const Socket& s);   // the other seat if its page is connected
    void note(const std::string& line);

    SimEnv env_;
    std::string room_name_;
    std::vector<std::unique_ptr<Socket>> sockets_;  // sockets_[id - 1]
    std::vector<Socket*> room_;
    bool up_ = true;
    // As the relay's default (Config::resume_window), in the "joined" it sends.
    static constexpr unsigned kResumeWindowSeconds = 60;
    unsigned restarts_ = 0;
};

}  // namespace p2p::client::model
