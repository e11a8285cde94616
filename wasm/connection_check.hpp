// "Check my connection": what the relay's STUN and TURN servers say about this network, before or
// without a call, as a plain verdict. One probe per way a call can go, each an RTCPeerConnection
// that only gathers candidates (no peer, no media): STUN (a server-reflexive candidate is the
// address our NAT gives us) and one TURN allocation each over UDP, TCP and TLS (a relay candidate
// is an allocation the server granted). With two or more STUN addresses the STUN probe also sees
// whether that NAT gives one address for every destination (direct calls can get through) or a new
// one for each ("symmetric": direct calls fail, only TURN carries them); with one it cannot tell.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/check_report.hpp"
#include "wasm/outbox.hpp"

namespace p2p::client {

// What each kind of probe uses: every stun: URL together; the first TURN URL of each transport
// (turn: with transport=udp or none, turn: with transport=tcp, turns:). Kinds with no URL are absent.
std::vector<ProbePlan> plan_probes(const std::vector<IceServer>& servers);

// From the reflexive addresses the STUN probe gathered ("ip:port" of each srflx candidate, with
// the local network it left from: Chromium's network-id, else raddr:rport) and how many STUN
// endpoints it asked: Dependent when one network got two ports of one public address.
struct Reflexive {
    std::string network;
    std::string mapped;
};
NatMapping nat_mapping(const std::vector<Reflexive>& reflexive, std::size_t stun_endpoints);

Verdict verdict_of(const ProbeOutcomes& outcomes, NatMapping mapping);

// Names for data-* attributes and the diagnostics file.
std::string_view verdict_name(Verdict verdict);
std::string_view outcome_name(ProbeOutcome outcome);
std::string_view mapping_name(NatMapping mapping);
// What the page says for a verdict.
Text verdict_text(Verdict verdict);

class ConnectionCheck {
public:
    explicit ConnectionCheck(Outbox& out) : out_(out) {}

    static constexpr int kDeadlineMs = 8000;  // a probe still gathering then has failed
    static constexpr std::size_t kCandidatesAtMost = 32;

    // The person asked for a check: it runs now if the relay has said which servers it offers
    // (`known`), else as soon as it does. A click while one runs is ignored.
    void clicked(const std::vector<IceServer>& servers, bool known);
    void servers_known(const std::vector<IceServer>& servers);
    // A probe's candidate line; "" when its gathering completed.
    void candidate(unsigned probe, const std::string& line);
    void deadline_passed();  // TimerKind::Check fired

    const CheckReport& report() const { return report_; }

private:
    void run(const std::vector<IceServer>& servers);
    void finish();
    bool all_settled() const;

    Outbox& out_;
    CheckReport report_;
    unsigned run_ = 0;  // probe ids are run * kProbeKinds + kind: a late candidate of a run is stale
    std::vector<Reflexive> reflexive_;
    std::size_t stun_endpoints_ = 0;
    std::size_t candidates_ = 0;
    std::array<bool, kProbeKinds> gathered_{};  // the probe's gathering completed
};

}  // namespace p2p::client
