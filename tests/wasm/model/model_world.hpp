// Two call pages (A offers, B answers), their browsers, the relay and the network between them,
// on one clock and one PRNG: everything one seeded run needs.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "tests/wasm/model/sim_browser.hpp"
#include "tests/wasm/model/sim_core.hpp"
#include "tests/wasm/model/sim_ice.hpp"
#include "tests/wasm/model/sim_peer.hpp"
#include "tests/wasm/model/sim_relay.hpp"

namespace p2p::client::model {

inline constexpr int kOfferPage = 0;  // page A: Role::Offer
inline constexpr int kAnswerPage = 1; // page B: Role::Answer

class World {
public:
    World(Rng& rng, bool trace, std::array<Engine, 2> engines);

    void load_page(int slot);  // a fresh page: a new CallMachine in a new simulated browser
    // The page goes now; its new instance loads after `delay` (the browser fetching the page again).
    void reload(int slot, SimTime delay);
    // The current instance of that page, null while it is (re)loading.
    SimBrowser* page(int slot) const { return pages_[static_cast<std::size_t>(slot)]; }
    SimBrowser* other(int slot) const { return page(1 - slot); }

    void run_until(SimTime until);
    SimEnv env() { return SimEnv{clock_, rng_, trace_}; }
    Scheduler& clock() { return clock_; }
    Rng& rng() { return rng_; }
    Trace& trace() { return trace_; }
    SimRelay& relay() { return relay_; }
    IceFabric& fabric() { return fabric_; }
    const IceFabric& fabric() const { return fabric_; }

    const std::vector<OpFailure>& failures() const { return failures_; }
    // Broken at some moment of the run, not only at its end (e.g. two open connections on a page).
    const std::vector<std::string>& continuous_problems() const { return continuous_; }
    // Set by an injected getUserMedia failure when the machine saw it.
    int media_faults_used = 0;
    SimTime last_media_fault_at = -1;

private:
    SimPeer* make_peer(int page, Engine engine, Generation gen, SimPeer::Hooks hooks);
    void check_continuously();
    void record_failure(const OpFailure& failure);

    Rng& rng_;
    Scheduler clock_;
    Trace trace_;
    SimRelay relay_;
    IceFabric fabric_;
    std::array<Engine, 2> engines_;
    std::array<SimBrowser*, 2> pages_{};
    std::array<int, 2> incarnations_{};
    std::array<std::vector<std::string>, 2> session_storage_{};  // per tab, survives a reload
    std::vector<std::unique_ptr<SimBrowser>> browsers_;  // every instance, kept for late callbacks
    std::vector<std::unique_ptr<SimPeer>> peers_;
    std::vector<OpFailure> failures_;
    std::vector<std::string> continuous_;
    bool two_connections_seen_ = false;
};

std::string describe_failure(const OpFailure& failure);

}  // namespace p2p::client::model
