#include "tests/wasm/model/model_world.hpp"

namespace p2p::client::model {

World::World(Rng& rng, bool trace, std::array<Engine, 2> engines)
    : rng_(rng), trace_(trace), relay_(env(), "model"), fabric_(env()), engines_(engines) {}

void World::load_page(int slot) {
    auto index = static_cast<std::size_t>(slot);
    CallConfig config;
    config.role = slot == kOfferPage ? Role::Offer : Role::Answer;
    config.room = "model";
    config.lang = Lang::En;
    config.hung_up_before = session_storage_[index];
    config.seed = static_cast<std::uint32_t>(rng_.next());  // the page's reconnect jitter
    // A page load names its sessions with a random id, as the browser shell does: never the
    // other page's, never its own previous load's.
    config.page_id = (slot == kOfferPage ? "A" : "B") + std::to_string(rng_.next() % 1000000) + "x" +
                     std::to_string(incarnations_[index] + 1);
    BrowserDeps deps{env(), relay_, fabric_,
                     [this](int page, Engine engine, Generation gen, SimPeer::Hooks hooks) {
                         return make_peer(page, engine, gen, std::move(hooks));
                     },
                     [this](const OpFailure& failure) { record_failure(failure); },
                     [this](int) {
                         ++media_faults_used;
                         last_media_fault_at = clock_.now();
                     },
                     &session_storage_[index]};
    browsers_.push_back(std::make_unique<SimBrowser>(std::move(deps), slot, ++incarnations_[index], engines_[index],
                                                     std::move(config)));
    pages_[index] = browsers_.back().get();
    if (trace_.on()) trace_.add(clock_.now(), pages_[index]->label() + " loads");
    pages_[index]->start();
}

void World::reload(int slot, SimTime delay) {
    auto index = static_cast<std::size_t>(slot);
    if (!pages_[index]) return;
    pages_[index]->unload();
    pages_[index] = nullptr;
    clock_.after(delay, [this, slot] { load_page(slot); });
}

SimPeer* World::make_peer(int page, Engine engine, Generation gen, SimPeer::Hooks hooks) {
    int id = static_cast<int>(peers_.size()) + 1;
    peers_.push_back(std::make_unique<SimPeer>(env(), id, page, engine, gen, std::move(hooks)));
    fabric_.add(peers_.back().get());
    if (trace_.on()) trace_.add(clock_.now(), "      pc" + std::to_string(id) + " is g" + std::to_string(gen));
    return peers_.back().get();
}

void World::record_failure(const OpFailure& failure) {
    failures_.push_back(failure);
    if (trace_.on()) trace_.add(clock_.now(), "      " + describe_failure(failure));
}

void World::run_until(SimTime until) {
    clock_.run_until(until, [this] {
        fabric_.evaluate();
        check_continuously();
    });
}

void World::check_continuously() {
    if (two_connections_seen_) return;
    for (SimBrowser* page : pages_) {
        if (!page || page->open_peers().size() <= 1) continue;
        two_connections_seen_ = true;
        continuous_.push_back("two open connections on one page: " + page->label() + " at " + format_time(clock_.now()));
    }
}

std::string describe_failure(const OpFailure& failure) {
    return std::string(failure.page == kOfferPage ? "A" : "B") + " pc" + std::to_string(failure.pc) + " " +
           std::string(operation_name(failure.op)) + " FAILED (" + cause_name(failure.cause) + "): " + failure.error;
}

}  // namespace p2p::client::model
