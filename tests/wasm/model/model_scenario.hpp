// What happens to the two pages in one seeded run: a random list of a person's clicks and of
// injected faults at random times, and what the run's end must look like because of them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/wasm/model/model_world.hpp"
#include "tests/wasm/model/sim_core.hpp"

namespace p2p::client::model {

enum class ActionKind {
    Start,
    StartBoth,  // both people click start in the same instant
    Hangup,
    Reload,
    RelayRestart,
    DropSocket,
    NetworkCut,
    Camera,
    Mic,
    DeviceSwitch,
    Share,
    EndShare,  // the person ends the capture in the browser's own UI
    Chat,
    RestartIce,  // "reconnect" in the stats panel
    MediaFault,  // the page's next getUserMedia fails
    ShareFault,  // the page's next getDisplayMedia is cancelled
    DeviceFault,
};

struct Action {
    SimTime at = 0;
    ActionKind kind = ActionKind::Start;
    int page = 0;
    SimTime duration = 0;  // relay down, network cut, reload
    std::string outcome;   // filled in when performed: "done" or why it could not be
};

struct Scenario {
    std::array<Engine, 2> engines{Engine::Chrome, Engine::Chrome};
    SimTime second_page_at = 0;
    std::vector<Action> actions;
    SimTime quiet_at = 0;  // the last action and every fault it started are over
};

Scenario make_scenario(Rng& rng);

// The end a run must reach, from what the people did (see Expectation in model_scenario.cpp).
enum class Expect { Call, Ready, Either };
const char* expect_name(Expect expect);

// Schedules the actions on the world and keeps the expectation up to date as they happen.
class ScenarioDriver {
public:
    ScenarioDriver(World& world, Scenario& scenario) : world_(world), scenario_(scenario) {}
    void schedule();
    Expect expect() const;
    std::string last_decisive() const { return last_decisive_; }

private:
    void perform(Action& action);
    bool click(Action& action);
    bool fault(Action& action);
    bool media_control(Action& action, SimBrowser& page);
    void reload(Action& action);

    World& world_;
    Scenario& scenario_;
    Expect expect_ = Expect::Ready;
    int media_faults_seen_ = 0;
    unsigned cuts_ = 0;  // the latest network cut: only its end restores the network
    std::string last_decisive_ = "nothing";
};

std::string describe(const Action& action);
std::string describe(const Scenario& scenario);

}  // namespace p2p::client::model
