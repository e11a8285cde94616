// Pure rule for reusing a stored certificate: it must name every address we serve and not be
// about to expire.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace p2p::relay {

// The subject alternative names a certificate carries or that we need it to carry.
struct SubjectNames {
    std::vector<std::string> dns;
    std::vector<std::string> ips;  // textual IPv4/IPv6
};

// What we read back from a stored certificate.
struct CertificateFacts {
    SubjectNames names;
    std::chrono::system_clock::time_point not_before;
    std::chrono::system_clock::time_point not_after;
};

// Regenerate when less than this is left, so a long-running relay does not cross expiry.
inline constexpr std::chrono::hours kRenewBeforeExpiry{24 * 30};
// Self-signed certificates we make are valid this long (under browsers' 398-day cap).
inline constexpr std::chrono::hours kGeneratedValidity{24 * 365};

// localhost, 127.0.0.1, ::1 and each of the host's own addresses.
SubjectNames required_names(const std::vector<std::string>& host_addresses);

// True when `facts` covers every required name and is valid from now until past the renew margin.
bool certificate_is_usable(const CertificateFacts& facts, const SubjectNames& required,
                           std::chrono::system_clock::time_point now);

}  // namespace p2p::relay
