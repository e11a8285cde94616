// The connection check's vocabulary (connection_check.hpp runs it): what it probes, what each
// probe found, and the verdict, as the commands that start probes and show the result carry them.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "shared/messages.hpp"

namespace p2p::client {

enum class ProbeKind { Stun, TurnUdp, TurnTcp, TurnTls };
inline constexpr std::size_t kProbeKinds = 4;
enum class ProbeOutcome { NotOffered, Running, Reached, Failed };
enum class NatMapping { Unknown, Independent, Dependent };
enum class CheckState { Idle, WaitingForServers, Running, Done };
enum class Verdict {
    None,             // no check has finished
    NoServers,        // the relay offers no STUN or TURN
    Unreachable,      // none of them answered
    Direct,           // a reflexive address, a NAT direct calls get through, and TURN to fall back on
    DirectNoTurn,     // the same without a reachable TURN server
    RelayUdp,         // no reflexive address (STUN blocked or absent) but TURN over UDP
    SymmetricRelayUdp,  // a NAT that blocks direct calls; TURN over UDP carries them
    RelayTcp,         // only TURN over TCP
    RelayTls,         // only TURN over TLS
    SymmetricNoTurn,  // a NAT that blocks direct calls and no TURN server
};

// The ICE servers one probe gathers with (a copy of the relay's, narrowed to what it tests).
struct ProbePlan {
    ProbeKind kind = ProbeKind::Stun;
    std::vector<IceServer> servers;
    bool relay_only = false;  // iceTransportPolicy "relay": only the TURN allocation counts
};

using ProbeOutcomes = std::array<ProbeOutcome, kProbeKinds>;

// The result as the page shows it (ShowCheck carries it).
struct CheckReport {
    CheckState state = CheckState::Idle;
    ProbeOutcomes outcomes{};
    NatMapping mapping = NatMapping::Unknown;
    Verdict verdict = Verdict::None;
    std::vector<std::string> mapped;  // the reflexive addresses seen
};

}  // namespace p2p::client
