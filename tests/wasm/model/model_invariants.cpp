#include "tests/wasm/model/model_invariants.hpp"

#include <set>

namespace p2p::client::model {

namespace {

// The browser's refusal, named by what the machine did wrong.
std::string refusal_kind(const OpFailure& failure) {
    const std::string& e = failure.error;
    std::string what = "other refusal";
    if (failure.cause == FailureCause::StaleCandidate) what = "stale candidate (older credentials or another connection)";
    else if (e.find("order of m-lines in answer") != std::string::npos) what = "answer to another offer (m-line order)";
    else if (e.find("subsequent offer") != std::string::npos) what = "description from another connection (m-line order)";
    else if (e.find("Called in wrong state") != std::string::npos) what = "answer in the wrong signalling state";
    else if (e.find("remote description was null") != std::string::npos) what = "candidate before any remote description";
    else if (e.find("SSL role") != std::string::npos) what = "DTLS role conflict";
    return "browser refused " + std::string(operation_name(failure.op)) + ": " + what;
}

bool is_real_failure(const OpFailure& failure) {
    return failure.cause == FailureCause::Misuse || failure.cause == FailureCause::StaleCandidate;
}

// The offer page prepares a connection and an offer before the click (prepare_call); until
// something of it is sent it is no call, only readiness.
bool is_prepared_only(const SimBrowser& page, const SimPeer& pc) {
    return page.slot() == kOfferPage && !pc.sent_any_description();
}

SimPeer* single_peer(const SimBrowser& page) {
    auto peers = page.open_peers();
    return peers.size() == 1 ? peers.front() : nullptr;
}

// In a call that works, as far as one page can tell.
bool page_connected(const SimBrowser& page) {
    const PageView& v = page.view();
    SimPeer* pc = single_peer(page);
    return pc && v.controls.in_call && v.call == CallState::Connected && v.signalling == SignallingState::Open &&
           pc->ice_state == "connected" && v.remote_video == pc->gen() && page.open_tracks() >= 2 && v.chat_enabled;
}

bool holds_nothing(const SimBrowser& page) {
    auto peers = page.open_peers();
    bool peers_ok = peers.empty() || (peers.size() == 1 && is_prepared_only(page, *peers.front()));
    return peers_ok && page.open_tracks() == 0;
}

// Ready: the start button shows, no call, and nothing of a call is left open.
bool page_ready(const SimBrowser& page) {
    const PageView& v = page.view();
    bool idle_state = v.call == CallState::Idle || v.call == CallState::Ended || v.call == CallState::Failed;
    return v.controls.start && !v.controls.in_call && v.signalling == SignallingState::Open && idle_state &&
           holds_nothing(page);
}

std::string shape(const SimBrowser& page) {
    const PageView& v = page.view();
    if (page_connected(page)) return "connected";
    if (page_ready(page)) return "ready";
    if (v.controls.in_call) return "in call but " + std::string(state_name(v.call));
    if (v.controls.start) return "start shown but holding a call's connection or tracks";
    return "no button (signalling " + std::string(state_name(v.signalling)) + ", call " + std::string(state_name(v.call)) + ")";
}

bool pair_connected(const World& world, const SimBrowser& a, const SimBrowser& b) {
    if (!page_connected(a) || !page_connected(b)) return false;
    SimPeer* pa = single_peer(a);
    SimPeer* pb = single_peer(b);
    bool each_others = pa->committed_remote() && pb->committed_remote() && pa->committed_remote()->pc == pb->id() &&
                       pb->committed_remote()->pc == pa->id();
    return each_others && world.fabric().connected_to_each_other(*pa, *pb) && !a.view().verify_code.empty() &&
           a.view().verify_code == b.view().verify_code;
}

void judge_leaks(const SimBrowser& page, std::vector<Problem>& out) {
    const PageView& v = page.view();
    if (v.controls.in_call) return;
    for (SimPeer* pc : page.open_peers()) {
        if (is_prepared_only(page, *pc)) continue;
        out.push_back({"leak: a connection stays open on a page not in a call", page.label() + " pc" + std::to_string(pc->id())});
    }
    if (page.open_tracks() > 0) {
        out.push_back({"leak: camera/mic tracks stay open on a page not in a call",
                       page.label() + " has " + std::to_string(page.open_tracks()) + " open tracks"});
    }
}

void judge_end(const World& world, Expect expect, std::vector<Problem>& out) {
    const SimBrowser* a = world.page(kOfferPage);
    const SimBrowser* b = world.page(kAnswerPage);
    if (!a || !b) return out.push_back({"end: a page never finished loading", ""});
    judge_leaks(*a, out);
    judge_leaks(*b, out);
    std::string both = summarize_page(world, kOfferPage) + " / " + summarize_page(world, kAnswerPage);
    bool call = pair_connected(world, *a, *b);
    bool ready = page_ready(*a) && page_ready(*b);
    if (!call && !ready) {
        return out.push_back({"end: stuck (A " + shape(*a) + ", B " + shape(*b) + ")", both});
    }
    if (call && expect == Expect::Ready) out.push_back({"end: the call came back after the last hang-up", both});
    if (ready && expect == Expect::Call) out.push_back({"end: call not restored after a start (both ready)", both});
}

}  // namespace

std::vector<Problem> judge(const World& world, Expect expect) {
    std::vector<Problem> out;
    std::set<std::string> seen;
    for (const OpFailure& failure : world.failures()) {
        if (!is_real_failure(failure)) continue;
        std::string kind = refusal_kind(failure);
        if (seen.insert(kind).second) out.push_back({kind, describe_failure(failure) + " at " + format_time(failure.at)});
    }
    for (const std::string& problem : world.continuous_problems()) out.push_back({"two open connections on one page", problem});
    judge_end(world, expect, out);
    return out;
}

std::string summarize_page(const World& world, int slot) {
    const SimBrowser* page = world.page(slot);
    if (!page) return slot == kOfferPage ? "A{loading}" : "B{loading}";
    const PageView& v = page->view();
    std::string out = page->label() + "{" + std::string(state_name(v.signalling)) + " " + std::string(state_name(v.call));
    out += v.controls.start ? " start" : "";
    out += v.controls.in_call ? " in_call" : "";
    for (SimPeer* pc : page->open_peers()) {
        out += " pc" + std::to_string(pc->id()) + "[g" + std::to_string(pc->gen()) + " " + pc->ice_state;
        if (pc->committed_remote()) out += " remote pc" + std::to_string(pc->committed_remote()->pc);
        if (pc->signal_state() != SignalState::Stable) out += " unstable";
        if (!pc->sent_any_description()) out += " unsent";
        out += "]";
    }
    out += " tracks " + std::to_string(page->open_tracks());
    if (v.remote_video) out += " video g" + std::to_string(v.remote_video);
    if (v.chat_enabled) out += " chat";
    if (!v.verify_code.empty()) out += " code " + v.verify_code;
    return out + "}";
}

}  // namespace p2p::client::model
