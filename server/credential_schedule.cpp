#include "server/credential_schedule.hpp"

#include <algorithm>

namespace p2p::relay {

CredentialSchedule::CredentialSchedule(std::chrono::seconds ttl)
    : renew_after_(ttl * 4 / 5), check_interval_(std::max(std::chrono::seconds(1), ttl / 20)) {}

void CredentialSchedule::issued(PeerId peer, std::string credential_id, WallClock::time_point now) {
    entries_[peer] = Entry{std::move(credential_id), now + renew_after_};
}

void CredentialSchedule::forget(PeerId peer) {
    entries_.erase(peer);
}

std::vector<DueCredential> CredentialSchedule::take_due(WallClock::time_point now) {
    std::vector<DueCredential> out;
    for (auto& [peer, entry] : entries_) {
        if (entry.due > now) continue;
        out.push_back(DueCredential{peer, entry.credential_id});
        entry.due = now + renew_after_;
    }
    // Map order is arbitrary; a stable order keeps logs and tests predictable.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.peer < b.peer; });
    return out;
}

}  // namespace p2p::relay
