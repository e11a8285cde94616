#include "server/connection_limiter.hpp"

namespace p2p::relay {

ConnectionLimiter::Outcome ConnectionLimiter::admit(const std::string& ip) {
    if (total_ >= caps_.total) return Outcome::over_total;
    auto found = per_ip_.find(ip);
    const Counts counts = found == per_ip_.end() ? Counts{} : found->second;
    if (counts.open >= caps_.per_ip) return Outcome::over_per_ip;
    if (handshakes_ >= caps_.handshakes || counts.in_handshake >= caps_.handshakes_per_ip) {
        return Outcome::over_handshakes;
    }
    Counts& mine = per_ip_[ip];
    ++mine.open;
    ++mine.in_handshake;
    ++total_;
    ++handshakes_;
    return Outcome::admitted;
}

void ConnectionLimiter::handshake_done(const std::string& ip) {
    auto found = per_ip_.find(ip);
    if (found == per_ip_.end() || found->second.in_handshake == 0) return;
    --found->second.in_handshake;
    --handshakes_;
}

void ConnectionLimiter::release(const std::string& ip, bool in_handshake) {
    auto found = per_ip_.find(ip);
    if (found == per_ip_.end() || found->second.open == 0) return;
    if (in_handshake && found->second.in_handshake > 0) {
        --found->second.in_handshake;
        --handshakes_;
    }
    --total_;
    if (--found->second.open == 0) per_ip_.erase(found);
}

std::size_t ConnectionLimiter::for_ip(const std::string& ip) const {
    auto found = per_ip_.find(ip);
    return found == per_ip_.end() ? 0 : found->second.open;
}

std::size_t ConnectionLimiter::handshakes_for_ip(const std::string& ip) const {
    auto found = per_ip_.find(ip);
    return found == per_ip_.end() ? 0 : found->second.in_handshake;
}

}  // namespace p2p::relay
