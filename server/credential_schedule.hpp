// Which pages' TURN credentials are due for renewal: each page gets fresh ones at 80% of their
// lifetime, so a later ICE restart never presents expired ones. Plain bookkeeping, no clock.
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/room_registry.hpp"
#include "server/turn_credentials.hpp"

namespace p2p::relay {

// One page due for renewal, with the id its usernames carry (stable for the connection).
struct DueCredential {
    PeerId peer = 0;
    std::string credential_id;
    bool operator==(const DueCredential&) const = default;
};

// Renewal times per connected peer; the caller locks.
class CredentialSchedule {
public:
    explicit CredentialSchedule(std::chrono::seconds ttl);

    // `peer` was handed credentials at `now`: due again at now + 80% of the TTL.
    void issued(PeerId peer, std::string credential_id, WallClock::time_point now);
    void forget(PeerId peer);

    // The peers due at `now`; each is rescheduled as if issued at `now`.
    std::vector<DueCredential> take_due(WallClock::time_point now);

    // How long after issue credentials are renewed (80% of the TTL).
    std::chrono::seconds renew_after() const { return renew_after_; }
    // How often to look for due peers: a twentieth of the TTL (at least 1 s), so renewals go out
    // before 85% of the lifetime has passed.
    std::chrono::seconds check_interval() const { return check_interval_; }
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::string credential_id;
        WallClock::time_point due;
    };

    std::chrono::seconds renew_after_;
    std::chrono::seconds check_interval_;
    std::unordered_map<PeerId, Entry> entries_;
};

}  // namespace p2p::relay
