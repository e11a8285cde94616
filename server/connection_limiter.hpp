// Pure bookkeeping of open connections, overall and per client IP; no locking, no sockets.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace p2p::relay {

// Counts connections against two caps. A connection over either cap is refused where it is
// accepted, before TLS, and counts nowhere: one address at its cap takes no more of the overall
// cap, which stays open to every other address.
class ConnectionLimiter {
public:
    enum class Outcome { admitted, over_per_ip, over_total };

    ConnectionLimiter(std::size_t max_total, std::size_t max_per_ip)
        : max_total_(max_total), max_per_ip_(max_per_ip) {}

    // admitted: counted overall and for `ip`. over_per_ip, over_total: not counted; the caller
    // drops the connection.
    Outcome admit(const std::string& ip);

    // Undoes one admit() that returned admitted (the refusals counted nothing, so they are ignored).
    void release(const std::string& ip, Outcome outcome);

    std::size_t total() const { return total_; }
    std::size_t for_ip(const std::string& ip) const;

private:
    std::size_t max_total_;
    std::size_t max_per_ip_;
    std::size_t total_ = 0;
    std::unordered_map<std::string, std::size_t> per_ip_;  // only IPs with open connections
};

}  // namespace p2p::relay
