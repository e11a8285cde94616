#include "tests/wasm/model/model_scenario.hpp"

#include <algorithm>

namespace p2p::client::model {

namespace {

const char* kind_name(ActionKind kind) {
    switch (kind) {
        case ActionKind::Start: return "start";
        case ActionKind::StartBoth: return "start-both";
        case ActionKind::Hangup: return "hangup";
        case ActionKind::Reload: return "reload";
        case ActionKind::RelayRestart: return "relay-restart";
        case ActionKind::DropSocket: return "drop-socket";
        case ActionKind::NetworkCut: return "network-cut";
        case ActionKind::Camera: return "camera";
        case ActionKind::Mic: return "mic";
        case ActionKind::DeviceSwitch: return "device-switch";
        case ActionKind::Share: return "share";
        case ActionKind::EndShare: return "end-share";
        case ActionKind::Chat: return "chat";
        case ActionKind::RestartIce: return "restart-ice";
        case ActionKind::MediaFault: return "media-fault";
        case ActionKind::ShareFault: return "share-fault";
        case ActionKind::DeviceFault: return "device-fault";
    }
    return "?";
}

// How often each kind is drawn, in ActionKind order: start dominates so that most runs have
// calls to disturb; the faults come often enough to meet each other and every call phase.
const std::vector<int> kWeights = {26, 4, 10, 9, 5, 5, 6, 3, 2, 2, 3, 1, 3, 3, 2, 1, 1};

std::array<Engine, 2> pick_engines(Rng& rng) {
    auto roll = rng.between(0, 99);
    if (roll < 50) return {Engine::Chrome, Engine::Chrome};
    if (roll < 70) return {Engine::Firefox, Engine::Chrome};
    if (roll < 85) return {Engine::Chrome, Engine::Firefox};
    return {Engine::Firefox, Engine::Firefox};
}

SimTime pick_duration(Rng& rng, ActionKind kind) {
    switch (kind) {
        case ActionKind::RelayRestart: return rng.ms(200, 8000);
        case ActionKind::NetworkCut: return rng.ms(1000, 15000);
        case ActionKind::Reload: return rng.ms(300, 1500);
        default: return 0;
    }
}

}  // namespace

const char* expect_name(Expect expect) {
    switch (expect) {
        case Expect::Call: return "call";
        case Expect::Ready: return "ready";
        case Expect::Either: return "either";
    }
    return "?";
}

Scenario make_scenario(Rng& rng) {
    Scenario s;
    s.engines = pick_engines(rng);
    s.second_page_at = rng.ms(0, 2000);
    auto count = rng.between(1, 10);
    for (std::int64_t i = 0; i < count; ++i) {
        Action a;
        a.at = rng.ms(0, 20000);
        a.kind = static_cast<ActionKind>(rng.pick(kWeights));
        a.page = static_cast<int>(rng.between(0, 1));
        a.duration = pick_duration(rng, a.kind);
        s.actions.push_back(a);
    }
    std::stable_sort(s.actions.begin(), s.actions.end(), [](const Action& x, const Action& y) { return x.at < y.at; });
    s.quiet_at = s.second_page_at;
    for (const Action& a : s.actions) s.quiet_at = std::max(s.quiet_at, a.at + a.duration);
    return s;
}

void ScenarioDriver::schedule() {
    int first = world_.rng().chance(50) ? kOfferPage : kAnswerPage;  // which page opens first
    world_.load_page(first);
    world_.clock().at(scenario_.second_page_at, [this, first] { world_.load_page(1 - first); });
    for (Action& action : scenario_.actions) {
        world_.clock().at(action.at, [this, &action] { perform(action); });
    }
}

Expect ScenarioDriver::expect() const {
    // A camera that failed on the way into the call makes that page give up: whether the other
    // one is still in the call then depends on what the machine could tell it. Only consistency
    // is asked for then (the end state must still be one of the two).
    if (world_.media_faults_used > media_faults_seen_) return Expect::Either;
    return expect_;
}

void ScenarioDriver::perform(Action& action) {
    bool clicked = action.kind == ActionKind::Start || action.kind == ActionKind::StartBoth ||
                   action.kind == ActionKind::Hangup;
    if (clicked) {
        // A later decision supersedes a media failure before it.
        if (click(action)) media_faults_seen_ = world_.media_faults_used;
    } else if (action.kind == ActionKind::Reload) {
        reload(action);
    } else if (!fault(action)) {
        SimBrowser* page = world_.page(action.page);
        if (!page) {
            action.outcome = "page loading";
        } else if (media_control(action, *page)) {
            action.outcome = "done";
        }
    }
    if (world_.trace().on()) world_.trace().add(world_.clock().now(), "ACTION " + describe(action));
}

// Start and hang-up, only when the page shows that button (a person cannot click a hidden one).
bool ScenarioDriver::click(Action& action) {
    bool any = false;
    for (int slot : {kOfferPage, kAnswerPage}) {
        bool mine = action.kind == ActionKind::StartBoth || slot == action.page;
        SimBrowser* page = world_.page(slot);
        if (!mine || !page) continue;
        bool hangup = action.kind == ActionKind::Hangup;
        bool shown = hangup ? page->view().controls.in_call : page->view().controls.start;
        if (!shown) continue;
        page->user(hangup ? CallEvent{HangupClicked{}} : CallEvent{StartClicked{}});
        expect_ = hangup ? Expect::Ready : Expect::Call;
        last_decisive_ = describe(action);
        any = true;
    }
    action.outcome = any ? "done" : "button not shown";
    return any;
}

// A page that reloads drops out of the call; the call must come back if the other page is
// still in it (it wants the call), and otherwise nobody is left who wants it.
void ScenarioDriver::reload(Action& action) {
    if (!world_.page(action.page)) {
        action.outcome = "page loading";
        return;
    }
    SimBrowser* other = world_.other(action.page);
    bool other_in_call = other && other->view().controls.in_call;
    if (expect_ == Expect::Call && !other_in_call) expect_ = Expect::Either;
    world_.reload(action.page, action.duration);
    action.outcome = "done";
}

bool ScenarioDriver::fault(Action& action) {
    switch (action.kind) {
        case ActionKind::RelayRestart:
            world_.relay().restart(action.duration);
            break;
        case ActionKind::DropSocket:
            world_.relay().drop(action.page);
            break;
        case ActionKind::NetworkCut: {
            world_.fabric().cut_network();
            unsigned cut = ++cuts_;
            world_.clock().after(action.duration, [this, cut] {
                if (cut == cuts_) world_.fabric().restore_network();
            });
            break;
        }
        default: return false;
    }
    action.outcome = "done";
    return true;
}

// The in-call buttons, the chat box, the browser's own share UI and armed device faults.
bool ScenarioDriver::media_control(Action& action, SimBrowser& page) {
    bool in_call = page.view().controls.in_call;
    auto need = [&](bool condition, const char* why) {
        if (!condition) action.outcome = why;
        return condition;
    };
    switch (action.kind) {
        case ActionKind::Camera:
            return need(in_call, "not in call") && (page.user(CameraToggled{}), true);
        case ActionKind::Mic:
            return need(in_call, "not in call") && (page.user(MicToggled{}), true);
        case ActionKind::Share:
            return need(in_call, "not in call") && (page.user(ShareToggled{}), true);
        case ActionKind::RestartIce:
            return need(in_call, "not in call") && (page.user(RestartClicked{}), true);
        case ActionKind::DeviceSwitch:
            return need(in_call, "not in call") &&
                   (page.user(DeviceChosen{action.at % 2 ? "audioinput" : "videoinput", "device-2"}), true);
        case ActionKind::EndShare:
            return need(page.sharing(), "not sharing") && (page.end_share_from_browser(), true);
        case ActionKind::Chat:
            return need(page.view().chat_enabled, "chat disabled") && (page.user(ChatSubmitted{"hello"}), true);
        case ActionKind::MediaFault: page.faults.media = true; return true;
        case ActionKind::ShareFault: page.faults.share = true; return true;
        case ActionKind::DeviceFault: page.faults.device = true; return true;
        default: return false;
    }
}

std::string describe(const Action& action) {
    std::string out = format_time(action.at) + " " + kind_name(action.kind);
    if (action.kind != ActionKind::StartBoth && action.kind != ActionKind::RelayRestart &&
        action.kind != ActionKind::NetworkCut) {
        out += action.page == kOfferPage ? " A" : " B";
    }
    if (action.duration > 0) out += " for " + format_time(action.duration);
    if (!action.outcome.empty()) out += " -> " + action.outcome;
    return out;
}

std::string describe(const Scenario& scenario) {
    auto engine = [](Engine e) { return e == Engine::Firefox ? "firefox" : "chrome"; };
    std::string out = "engines A=" + std::string(engine(scenario.engines[0])) + " B=" + engine(scenario.engines[1]) +
                      ", second page at " + format_time(scenario.second_page_at) + ", quiet at " +
                      format_time(scenario.quiet_at) + "\n";
    for (const Action& action : scenario.actions) out += "  " + describe(action) + "\n";
    return out;
}

}  // namespace p2p::client::model
