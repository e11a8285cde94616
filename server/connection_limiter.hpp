// Pure bookkeeping of open connections, overall and per client IP; no locking, no sockets.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace p2p::relay {

// Counts connections against two caps, and those still in their TLS handshake against two more.
// A connection over any cap is refused where it is accepted, before TLS, and counts nowhere: one
// address at its caps takes no more of the overall ones, which stay open to every other address.
class ConnectionLimiter {
public:
    enum class Outcome { admitted, over_per_ip, over_total, over_handshakes };

    // The relay passes Config's values (server/config.hpp, where the defaults are explained);
    // these defaults only spare the unit tests from spelling out the caps they do not test.
    struct Caps {
        std::size_t total = 1024;
        std::size_t per_ip = 32;
        std::size_t handshakes = 256;
        std::size_t handshakes_per_ip = 16;
    };

    explicit ConnectionLimiter(Caps caps) : caps_(caps) {}

    // admitted: counted overall and for `ip`, as open and as in its handshake. Any other outcome:
    // not counted; the caller drops the connection.
    Outcome admit(const std::string& ip);

    // The admitted connection from `ip` finished its TLS handshake.
    void handshake_done(const std::string& ip);

    // Undoes one admit() that returned admitted (a refusal counted nothing, so has nothing to undo);
    // `in_handshake`: it ended before handshake_done().
    void release(const std::string& ip, bool in_handshake = false);

    std::size_t total() const { return total_; }
    std::size_t for_ip(const std::string& ip) const;
    std::size_t handshakes() const { return handshakes_; }
    std::size_t handshakes_for_ip(const std::string& ip) const;

private:
    struct Counts {
        std::size_t open = 0;
        std::size_t in_handshake = 0;
    };

    Caps caps_;
    std::size_t total_ = 0;
    std::size_t handshakes_ = 0;
    std::unordered_map<std::string, Counts> per_ip_;  // only IPs with open connections
};

}  // namespace p2p::relay
