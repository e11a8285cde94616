// The connection check: which probes run for the relay's ICE servers, what their candidates
// mean, the NAT's mapping, and the verdict a person reads.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"
#include "wasm/connection_check.hpp"
#include "wasm/diagnostics_json.hpp"

namespace p2p::client::test {
namespace {

const IceServer kStun{{"stun:198.51.100.3:3478", "stun:198.51.100.4:3478"}, std::nullopt, std::nullopt};
const IceServer kTurn{{"turn:198.51.100.3:3478?transport=udp", "turn:198.51.100.3:3478?transport=tcp",
                       "turns:198.51.100.3:443?transport=tcp", "turn:198.51.100.4:3478"},
                      "1700000000:page", "secret"};

const std::string kSrflxA = "candidate:1 1 udp 1686052607 203.0.113.7 40000 typ srflx raddr 0.0.0.0 rport 0 "
                            "generation 0 network-id 1";
const std::string kSrflxB = "candidate:2 1 udp 1686052607 203.0.113.7 51234 typ srflx raddr 0.0.0.0 rport 0 "
                            "generation 0 network-id 1";
const std::string kRelay = "candidate:3 1 udp 41885439 198.51.100.3 50000 typ relay raddr 203.0.113.7 rport 40000";
const std::string kHost = "candidate:4 1 udp 2122260223 192.168.10.2 40000 typ host";

ProbeOutcomes outcomes(ProbeOutcome stun, ProbeOutcome udp, ProbeOutcome tcp, ProbeOutcome tls) {
    return {stun, udp, tcp, tls};
}
constexpr ProbeOutcome R = ProbeOutcome::Reached, F = ProbeOutcome::Failed, N = ProbeOutcome::NotOffered;

TEST(ConnectionCheck, OneProbePerWayACallCanGo) {
    std::vector<ProbePlan> plans = plan_probes({kStun, kTurn});
    ASSERT_EQ(plans.size(), 4u);
    EXPECT_EQ(plans[0].kind, ProbeKind::Stun);
    EXPECT_EQ(plans[0].servers.size(), 2u) << "both STUN addresses, for the mapping";
    EXPECT_FALSE(plans[0].relay_only);
    EXPECT_EQ(plans[1].kind, ProbeKind::TurnUdp);
    EXPECT_EQ(plans[1].servers, (std::vector<IceServer>{{{"turn:198.51.100.3:3478?transport=udp"}, "1700000000:page", "secret"}}))
        << "the first URL of its transport, with the credentials";
    EXPECT_TRUE(plans[1].relay_only);
    EXPECT_EQ(plans[2].kind, ProbeKind::TurnTcp);
    EXPECT_EQ(plans[3].kind, ProbeKind::TurnTls);
    EXPECT_EQ(plans[3].servers[0].urls[0], "turns:198.51.100.3:443?transport=tcp");
    EXPECT_TRUE(plan_probes({}).empty());
    EXPECT_EQ(plan_probes({IceServer{{"turn:h:3478"}, "u", "p"}})[0].kind, ProbeKind::TurnUdp) << "UDP by default";
}

TEST(ConnectionCheck, TwoPortsOfOneAddressOnOneNetworkAreASymmetricNat) {
    EXPECT_EQ(nat_mapping({{"network 1", "203.0.113.7:40000"}, {"network 1", "203.0.113.7:51234"}}, 2),
              NatMapping::Dependent);
    EXPECT_EQ(nat_mapping({{"network 1", "203.0.113.7:40000"}, {"network 1", "203.0.113.7:40000"}}, 2),
              NatMapping::Independent);
    EXPECT_EQ(nat_mapping({{"network 1", "203.0.113.7:40000"}}, 2), NatMapping::Independent);
    EXPECT_EQ(nat_mapping({{"network 1", "203.0.113.7:40000"}, {"network 2", "203.0.113.7:40002"}}, 2),
              NatMapping::Independent) << "two networks (Wi-Fi and cable) map apart";
    EXPECT_EQ(nat_mapping({{"network 1", "203.0.113.7:40000"}, {"network 1", "198.51.100.9:40000"}}, 2),
              NatMapping::Independent) << "two public addresses: two ways out, not one NAT's whim";
    EXPECT_EQ(nat_mapping({{"network 1", "203.0.113.7:40000"}}, 1), NatMapping::Unknown) << "one STUN address cannot tell";
}

TEST(ConnectionCheck, VerdictForEachNetwork) {
    using M = NatMapping;
    EXPECT_EQ(verdict_of(outcomes(R, R, R, R), M::Independent), Verdict::Direct);
    EXPECT_EQ(verdict_of(outcomes(R, N, N, N), M::Unknown), Verdict::DirectNoTurn);
    EXPECT_EQ(verdict_of(outcomes(R, F, F, F), M::Independent), Verdict::DirectNoTurn);
    EXPECT_EQ(verdict_of(outcomes(R, R, R, R), M::Dependent), Verdict::SymmetricRelayUdp);
    EXPECT_EQ(verdict_of(outcomes(R, F, F, F), M::Dependent), Verdict::SymmetricNoTurn);
    EXPECT_EQ(verdict_of(outcomes(F, R, R, R), M::Unknown), Verdict::RelayUdp);
    EXPECT_EQ(verdict_of(outcomes(F, F, R, R), M::Unknown), Verdict::RelayTcp);
    EXPECT_EQ(verdict_of(outcomes(F, F, F, R), M::Unknown), Verdict::RelayTls);
    EXPECT_EQ(verdict_of(outcomes(F, F, F, F), M::Unknown), Verdict::Unreachable);
    EXPECT_EQ(verdict_of(outcomes(N, N, N, N), M::Unknown), Verdict::NoServers);
    EXPECT_EQ(verdict_name(Verdict::RelayTcp), "relay-tcp");
    EXPECT_EQ(verdict_text(Verdict::RelayTls), Text::VerdictRelayTls);
}

// The check as the page runs it: a click before the relay answered waits for its servers, the
// probes start, their candidates settle them, and the result is shown and kept.
TEST(ConnectionCheck, RunsFromTheClickToTheVerdict) {
    CallHarness h(Role::Answer);
    h.feed(CheckClicked{});
    EXPECT_EQ(h.one<ShowCheck>().report.state, CheckState::WaitingForServers);
    EXPECT_FALSE(h.has<RunProbe>());
    h.feed(SignallingOpened{});
    h.relay(Joined{"default", 1, {kStun, kTurn}});
    std::vector<RunProbe> probes = h.all<RunProbe>();
    ASSERT_EQ(probes.size(), 4u);
    EXPECT_EQ(h.one<ShowCheck>().report.state, CheckState::Running);
    EXPECT_EQ(h.machine.check_report().outcomes[0], ProbeOutcome::Running);
    unsigned stun = probes[0].id, udp = probes[1].id, tcp = probes[2].id, tls = probes[3].id;
    h.feed(CheckClicked{});
    EXPECT_FALSE(h.has<RunProbe>()) << "one check at a time";
    h.feed(ProbeCandidate{stun, kHost});
    h.feed(ProbeCandidate{stun, kSrflxA});
    h.feed(ProbeCandidate{stun, kSrflxA});
    h.feed(ProbeCandidate{udp, kRelay});
    h.feed(ProbeCandidate{tcp, kRelay});
    h.feed(ProbeCandidate{tls, ""});
    EXPECT_FALSE(h.has<ShowCheck>()) << "STUN may still bring a second address";
    h.feed(ProbeCandidate{stun, ""});
    EXPECT_TRUE(h.has<EndProbes>());
    CheckReport r = h.one<ShowCheck>().report;
    EXPECT_EQ(r.state, CheckState::Done);
    EXPECT_EQ(r.outcomes, outcomes(R, R, R, F));
    EXPECT_EQ(r.mapping, NatMapping::Independent);
    EXPECT_EQ(r.verdict, Verdict::Direct);
    EXPECT_EQ(r.mapped, (std::vector<std::string>{"203.0.113.7:40000"}));
    EXPECT_TRUE(h.logged(Text::VerdictDirect));
    std::string json = diagnostics_json({}, StatsView{}, "idle", "", r);
    EXPECT_NE(json.find("\"connectionCheck\": {\n    \"verdict\": \"direct\",\n    \"stun\": \"reached\","), std::string::npos)
        << json;
    EXPECT_NE(json.find("\"turnTls\": \"failed\","), std::string::npos) << json;
    EXPECT_NE(json.find("\"reflexive\": [\"203.0.113.7:40000\"]\n  },"), std::string::npos) << json;
}

TEST(ConnectionCheck, ASymmetricNatAndTheDeadlineForProbesThatHang) {
    CallHarness h = CallHarness::joined(CallHarness::config(Role::Offer, "default"), 1, {kStun, kTurn});
    h.feed(CheckClicked{});
    std::vector<RunProbe> probes = h.all<RunProbe>();
    ASSERT_EQ(probes.size(), 4u);
    StartTimer deadline;
    for (const StartTimer& t : h.all<StartTimer>()) if (t.kind == TimerKind::Check) deadline = t;
    EXPECT_EQ(deadline.delay_ms, ConnectionCheck::kDeadlineMs);
    h.feed(ProbeCandidate{probes[0].id, kSrflxA});
    h.feed(ProbeCandidate{probes[0].id, kSrflxB});
    h.feed(ProbeCandidate{probes[1].id, kRelay});
    h.feed(TimerFired{TimerKind::Check, deadline.token});
    CheckReport r = h.one<ShowCheck>().report;
    EXPECT_EQ(r.outcomes, outcomes(R, R, F, F)) << "TCP and TLS never answered";
    EXPECT_EQ(r.mapping, NatMapping::Dependent);
    EXPECT_EQ(r.verdict, Verdict::SymmetricRelayUdp);
    // A second check starts afresh; a late candidate of the first is stale.
    h.feed(CheckClicked{});
    std::vector<RunProbe> again = h.all<RunProbe>();
    ASSERT_EQ(again.size(), 4u);
    EXPECT_NE(again[1].id, probes[1].id);
    h.feed(ProbeCandidate{probes[1].id, kRelay});
    EXPECT_EQ(h.machine.check_report().outcomes[1], ProbeOutcome::Running);
}

TEST(ConnectionCheck, NoServersIsAVerdictAtOnce) {
    CallHarness h = CallHarness::joined(Role::Answer, 1);
    h.feed(CheckClicked{});
    EXPECT_FALSE(h.has<RunProbe>());
    EXPECT_EQ(h.one<ShowCheck>().report.verdict, Verdict::NoServers);
}

TEST(ConnectionCheck, BadCandidateLinesAndFloodsAreIgnored) {
    CallHarness h = CallHarness::joined(CallHarness::config(Role::Offer, "default"), 1, {kStun});
    h.feed(CheckClicked{});
    unsigned stun = h.one<RunProbe>().id;
    h.feed(ProbeCandidate{stun, "garbage"});
    h.feed(ProbeCandidate{stun, "candidate:1 1 udp 1 203.0.113.7 40000 typ"});
    for (std::size_t i = 0; i < ConnectionCheck::kCandidatesAtMost; ++i) h.feed(ProbeCandidate{stun, kHost});
    h.feed(ProbeCandidate{stun, kSrflxA});
    EXPECT_EQ(h.machine.check_report().outcomes[0], ProbeOutcome::Running) << "past the bound, nothing counts";
    h.feed(ProbeCandidate{stun, ""});
    EXPECT_EQ(h.one<ShowCheck>().report.verdict, Verdict::Unreachable);
}

}  // namespace
}  // namespace p2p::client::test
