#include "server/connection_limiter.hpp"

namespace p2p::relay {

ConnectionLimiter::Outcome ConnectionLimiter::admit(const std::string& ip) {
    if (total_ >= max_total_) return Outcome::over_total;
    std::size_t& count = per_ip_[ip];
    if (count >= max_per_ip_) {
        if (count == 0) per_ip_.erase(ip);  // max_per_ip_ of 0: keep the map small
        return Outcome::over_per_ip;
    }
    ++count;
    ++total_;
    return Outcome::admitted;
}

void ConnectionLimiter::release(const std::string& ip, Outcome outcome) {
    if (outcome != Outcome::admitted || total_ == 0) return;
    --total_;
    auto found = per_ip_.find(ip);
    if (found == per_ip_.end()) return;
    if (--found->second == 0) per_ip_.erase(found);
}

std::size_t ConnectionLimiter::for_ip(const std::string& ip) const {
    auto found = per_ip_.find(ip);
    return found == per_ip_.end() ? 0 : found->second;
}

}  // namespace p2p::relay
