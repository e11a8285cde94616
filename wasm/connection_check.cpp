#include "wasm/connection_check.hpp"

#include <algorithm>

namespace p2p::client {

namespace {

constexpr std::size_t index_of(ProbeKind kind) { return static_cast<std::size_t>(kind); }

// Which probe a URL serves: stun:, turn: over UDP (the default) or TCP, turns: (TLS).
std::optional<ProbeKind> kind_of_url(std::string_view url) {
    if (url.starts_with("stun:")) return ProbeKind::Stun;
    if (url.starts_with("turns:")) return ProbeKind::TurnTls;
    if (!url.starts_with("turn:")) return std::nullopt;
    return url.find("transport=tcp") != std::string_view::npos ? ProbeKind::TurnTcp : ProbeKind::TurnUdp;
}

// The fields of a candidate line that the check needs: its type, address, and where it left from.
struct CandidateFields {
    std::string type;
    std::string mapped;   // "address:port"
    std::string network;  // network-id, else raddr:rport
};

std::optional<CandidateFields> read_candidate(std::string_view line) {
    std::vector<std::string_view> fields;
    while (!line.empty() && fields.size() < 40) {
        std::size_t space = line.find(' ');
        if (std::string_view field = line.substr(0, space); !field.empty()) fields.push_back(field);
        line = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    }
    if (fields.size() < 8 || fields[6] != "typ") return std::nullopt;
    CandidateFields c{std::string(fields[7]), std::string(fields[4]) + ":" + std::string(fields[5]), {}};
    std::string raddr, rport;
    for (std::size_t i = 8; i + 1 < fields.size(); i += 2) {
        if (fields[i] == "network-id") c.network = "network " + std::string(fields[i + 1]);
        if (fields[i] == "raddr") raddr = fields[i + 1];
        if (fields[i] == "rport") rport = fields[i + 1];
    }
    if (c.network.empty()) c.network = raddr + ":" + rport;
    return c;
}

std::string_view address_part(std::string_view endpoint) { return endpoint.substr(0, endpoint.rfind(':')); }

}  // namespace

std::vector<ProbePlan> plan_probes(const std::vector<IceServer>& servers) {
    std::array<std::optional<ProbePlan>, kProbeKinds> plans;
    for (const IceServer& server : servers) {
        for (const std::string& url : server.urls) {
            std::optional<ProbeKind> kind = kind_of_url(url);
            if (!kind) continue;
            std::optional<ProbePlan>& plan = plans[index_of(*kind)];
            if (plan && *kind != ProbeKind::Stun) continue;  // one allocation per transport is enough
            if (!plan) plan = ProbePlan{*kind, {}, *kind != ProbeKind::Stun};
            plan->servers.push_back(IceServer{{url}, server.username, server.credential});
        }
    }
    std::vector<ProbePlan> out;
    for (std::optional<ProbePlan>& plan : plans) {
        if (plan) out.push_back(std::move(*plan));
    }
    return out;
}

NatMapping nat_mapping(const std::vector<Reflexive>& reflexive, std::size_t stun_endpoints) {
    if (stun_endpoints < 2 || reflexive.empty()) return NatMapping::Unknown;
    for (std::size_t i = 0; i < reflexive.size(); ++i) {
        for (std::size_t j = i + 1; j < reflexive.size(); ++j) {
            const Reflexive& a = reflexive[i];
            const Reflexive& b = reflexive[j];
            // One network, one public address, two ports: a new mapping for each destination.
            if (a.network == b.network && a.mapped != b.mapped &&
                address_part(a.mapped) == address_part(b.mapped)) {
                return NatMapping::Dependent;
            }
        }
    }
    return NatMapping::Independent;
}

Verdict verdict_of(const ProbeOutcomes& outcomes, NatMapping mapping) {
    auto reached = [&](ProbeKind kind) { return outcomes[index_of(kind)] == ProbeOutcome::Reached; };
    bool offered = std::any_of(outcomes.begin(), outcomes.end(), [](ProbeOutcome o) { return o != ProbeOutcome::NotOffered; });
    if (!offered) return Verdict::NoServers;
    bool turn = reached(ProbeKind::TurnUdp) || reached(ProbeKind::TurnTcp) || reached(ProbeKind::TurnTls);
    bool symmetric = mapping == NatMapping::Dependent;
    if (reached(ProbeKind::Stun) && !symmetric) return turn ? Verdict::Direct : Verdict::DirectNoTurn;
    if (reached(ProbeKind::TurnUdp)) return symmetric ? Verdict::SymmetricRelayUdp : Verdict::RelayUdp;
    if (reached(ProbeKind::TurnTcp)) return Verdict::RelayTcp;
    if (reached(ProbeKind::TurnTls)) return Verdict::RelayTls;
    return symmetric ? Verdict::SymmetricNoTurn : Verdict::Unreachable;
}

std::string_view verdict_name(Verdict verdict) {
    constexpr std::string_view names[] = {"none", "no-servers", "unreachable", "direct", "direct-no-turn",
                                          "relay-udp", "symmetric-relay-udp", "relay-tcp", "relay-tls",
                                          "symmetric-no-turn"};
    return names[static_cast<std::size_t>(verdict)];
}

std::string_view outcome_name(ProbeOutcome outcome) {
    constexpr std::string_view names[] = {"not-offered", "running", "reached", "failed"};
    return names[static_cast<std::size_t>(outcome)];
}

Text verdict_text(Verdict verdict) {
    constexpr Text texts[] = {Text::CheckRunning, Text::VerdictNoServers, Text::VerdictUnreachable,
                              Text::VerdictDirect, Text::VerdictDirectNoTurn, Text::VerdictRelayUdp,
                              Text::VerdictSymmetricRelayUdp, Text::VerdictRelayTcp, Text::VerdictRelayTls,
                              Text::VerdictSymmetricNoTurn};
    return texts[static_cast<std::size_t>(verdict)];
}

std::string_view mapping_name(NatMapping mapping) {
    constexpr std::string_view names[] = {"unknown", "independent", "dependent"};
    return names[static_cast<std::size_t>(mapping)];
}

// ---- the check as it runs ----

void ConnectionCheck::clicked(const std::vector<IceServer>& servers, bool known) {
    if (report_.state == CheckState::Running || report_.state == CheckState::WaitingForServers) return;
    if (!known) {
        report_ = CheckReport{};
        report_.state = CheckState::WaitingForServers;
        out_.emit(ShowCheck{report_});
        return;
    }
    run(servers);
}

void ConnectionCheck::servers_known(const std::vector<IceServer>& servers) {
    if (report_.state == CheckState::WaitingForServers) run(servers);
}

void ConnectionCheck::run(const std::vector<IceServer>& servers) {
    ++run_;
    report_ = CheckReport{};
    report_.state = CheckState::Running;
    report_.outcomes.fill(ProbeOutcome::NotOffered);
    reflexive_.clear();
    stun_endpoints_ = candidates_ = 0;
    gathered_.fill(false);
    out_.log(LogLevel::Info, Text::CheckRunning);
    for (ProbePlan& plan : plan_probes(servers)) {
        report_.outcomes[index_of(plan.kind)] = ProbeOutcome::Running;
        if (plan.kind == ProbeKind::Stun) stun_endpoints_ = plan.servers.size();
        unsigned id = run_ * static_cast<unsigned>(kProbeKinds) + static_cast<unsigned>(plan.kind);
        out_.emit(RunProbe{id, std::move(plan)});
    }
    if (all_settled()) return finish();  // nothing offered: that is the verdict
    out_.emit(ShowCheck{report_});
    out_.start_timer(TimerKind::Check, kDeadlineMs);
}

void ConnectionCheck::candidate(unsigned probe, const std::string& line) {
    if (report_.state != CheckState::Running || probe / kProbeKinds != run_) return;
    auto kind = static_cast<ProbeKind>(probe % kProbeKinds);
    ProbeOutcome& outcome = report_.outcomes[index_of(kind)];
    if (line.empty()) {  // gathering completed: whatever it did not reach by now, it will not
        gathered_[index_of(kind)] = true;
        if (outcome == ProbeOutcome::Running) outcome = ProbeOutcome::Failed;
    } else if (std::optional<CandidateFields> c = read_candidate(line); c && ++candidates_ <= kCandidatesAtMost) {
        if (kind == ProbeKind::Stun && c->type == "srflx") {
            reflexive_.push_back(Reflexive{c->network, c->mapped});
            outcome = ProbeOutcome::Reached;
        } else if (kind != ProbeKind::Stun && c->type == "relay") {
            outcome = ProbeOutcome::Reached;
        }
    }
    if (all_settled()) finish();
}

// A TURN probe is settled by its first allocation; the STUN probe by the end of its gathering,
// since a second reflexive address (the NAT's mapping for the other STUN endpoint) may follow.
bool ConnectionCheck::all_settled() const {
    for (std::size_t i = 0; i < kProbeKinds; ++i) {
        ProbeOutcome o = report_.outcomes[i];
        bool stun = i == index_of(ProbeKind::Stun);
        if (o == ProbeOutcome::Running || (stun && o == ProbeOutcome::Reached && !gathered_[i])) return false;
    }
    return true;
}

void ConnectionCheck::deadline_passed() {
    if (report_.state != CheckState::Running) return;
    for (ProbeOutcome& o : report_.outcomes) {
        if (o == ProbeOutcome::Running) o = ProbeOutcome::Failed;
    }
    finish();
}

void ConnectionCheck::finish() {
    out_.cancel_timer(TimerKind::Check);
    report_.state = CheckState::Done;
    if (report_.outcomes[index_of(ProbeKind::Stun)] == ProbeOutcome::Reached) {
        report_.mapping = nat_mapping(reflexive_, stun_endpoints_);
    }
    for (const Reflexive& r : reflexive_) {
        if (std::find(report_.mapped.begin(), report_.mapped.end(), r.mapped) == report_.mapped.end()) {
            report_.mapped.push_back(r.mapped);
        }
    }
    report_.verdict = verdict_of(report_.outcomes, report_.mapping);
    out_.emit(EndProbes{});
    out_.emit(ShowCheck{report_});
    out_.log(LogLevel::Info, verdict_text(report_.verdict), std::string(verdict_name(report_.verdict)));
}

}  // namespace p2p::client
