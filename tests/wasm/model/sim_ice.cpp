#include "tests/wasm/model/sim_ice.hpp"

#include <algorithm>

namespace p2p::client::model {

namespace {

std::string pair_key(const std::string& a, const std::string& b) {
    return a < b ? a + "|" + b : b + "|" + a;
}

bool is_connected(const SimPeer& p) {
    return p.ice_state == "connected";
}

}  // namespace

void IceFabric::add(SimPeer* peer) {
    live_.push_back(peer);
    all_[peer->id()] = peer;
}

SimPeer* IceFabric::find(int id) const {
    auto it = all_.find(id);
    return it == all_.end() ? nullptr : it->second;
}

void IceFabric::cut_network() {
    network_up_ = false;
    if (env_.trace.on()) env_.trace.add(env_.clock.now(), "net   ICE path cut");
}

void IceFabric::restore_network() {
    network_up_ = true;
    if (env_.trace.on()) env_.trace.add(env_.clock.now(), "net   ICE path back");
}

IceFabric::Probe IceFabric::probe(SimPeer& a) {
    Probe out;
    for (SimPeer* b : live_) {
        if (b->closed() || b->page() == a.page()) continue;
        for (const std::string& ua : a.local_ufrags()) {
            for (const std::string& ub : a.remote_ufrags()) {
                if (!b->has_local_ufrag(ub) || !b->has_remote_ufrag(ua)) continue;
                out.matched = true;
                std::string key = pair_key(ua, ub);
                if (!network_up_) dead_pairs_.insert(key);
                if (dead_pairs_.count(key)) continue;
                if (a.candidate_added_for(ub) || b->candidate_added_for(ua)) {
                    out.partner = b;
                    return out;
                }
            }
        }
    }
    return out;
}

void IceFabric::evaluate() {
    forget_closed();
    for (SimPeer* a : live_) evaluate_peer(*a);
    for (SimPeer* a : live_) evaluate_channel(*a);
}

// A closed connection leaves the fabric; an open channel to it closes on the far side soon
// (the DTLS close alert), while the far ICE only notices by consent checks (the loss timings).
void IceFabric::forget_closed() {
    auto closed = std::stable_partition(live_.begin(), live_.end(), [](SimPeer* p) { return !p->closed(); });
    for (auto it = closed; it != live_.end(); ++it) {
        int gone = (*it)->id();
        for (auto keep = live_.begin(); keep != closed; ++keep) {
            SimPeer* near = *keep;
            if (near->channel_peer != gone || near->channel != SimPeer::Channel::Open) continue;
            env_.clock.after(env_.rng.ms(10, 100), [near] { near->channel_closed(); });
        }
    }
    live_.erase(closed, live_.end());
}

void IceFabric::evaluate_peer(SimPeer& a) {
    Probe found = probe(a);
    if (found.partner) {
        if (a.loss_pending) {
            a.loss_pending = false;
            ++a.ice_episode;
        }
        if (is_connected(a)) {
            a.connected_to = found.partner->id();
        } else if (!a.connect_pending) {
            schedule_connect(a);
        }
        return;
    }
    if (found.matched && a.ice_state == "new") {
        a.set_ice_state("checking");
        unsigned episode = a.ice_episode;
        env_.clock.after(env_.rng.ms(15000, 25000), [&a, episode] {
            if (a.ice_episode == episode && a.ice_state == "checking") a.set_ice_state("failed");
        });
    }
    if (is_connected(a) && !a.loss_pending) lose(a);
}

void IceFabric::schedule_connect(SimPeer& a) {
    if (a.ice_state == "new") a.set_ice_state("checking");
    a.connect_pending = true;
    env_.clock.after(env_.rng.ms(15, 120), [this, &a] {
        a.connect_pending = false;
        if (a.closed()) return;
        Probe still = probe(a);
        if (!still.partner) return;
        connect(a, *still.partner);
        // The checks that succeeded went both ways: the far side connects in the same instant.
        SimPeer& b = *still.partner;
        if (!is_connected(b) && probe(b).partner == &a) connect(b, a);
    });
}

void IceFabric::connect(SimPeer& a, SimPeer& b) {
    ++a.ice_episode;  // a pending "checking" timeout or loss is void now
    a.loss_pending = false;
    a.connected_to = b.id();
    a.set_ice_state("connected");
}

void IceFabric::lose(SimPeer& a) {
    a.loss_pending = true;
    unsigned episode = ++a.ice_episode;
    env_.clock.after(env_.rng.ms(2000, 5000), [&a, episode] {
        if (a.ice_episode == episode && a.loss_pending) a.set_ice_state("disconnected");
    });
    env_.clock.after(env_.rng.ms(12000, 18000), [&a, episode] {
        if (a.ice_episode == episode && a.loss_pending) a.set_ice_state("failed");
    });
}

// The channel opens over a connected pair once both sides' committed descriptions, of each
// other, carry the m=application line (the exchange that added it completed on both sides).
void IceFabric::evaluate_channel(SimPeer& a) {
    if (!a.channel_created() || a.channel != SimPeer::Channel::Connecting || a.channel_peer != 0) return;
    SimPeer* b = find(a.connected_to);
    if (!b || b->closed() || !is_connected(a) || !is_connected(*b) || b->connected_to != a.id()) return;
    auto carries = [](const SimPeer& p, int far) {
        return p.committed_local() && p.committed_remote() && p.committed_local()->data &&
               p.committed_remote()->data && p.committed_remote()->pc == far;
    };
    if (!carries(a, b->id()) || !carries(*b, a.id())) return;
    a.channel_peer = b->id();
    b->channel_peer = a.id();
    if (b->channel == SimPeer::Channel::None) b->channel = SimPeer::Channel::Connecting;
    env_.clock.after(env_.rng.ms(10, 60), [&a, b] {
        if (a.closed() || b->closed()) return;
        a.channel_opened();
        b->channel_opened();
    });
}

void IceFabric::send_data(const SimPeer& from, const std::string& text) {
    if (from.channel != SimPeer::Channel::Open) return;
    SimPeer* to = find(from.channel_peer);
    if (!to || to->closed()) return;
    SimTime& fifo = data_fifo_[to->id()];
    fifo = std::max(env_.clock.now() + env_.rng.ms(5, 40), fifo + 1);
    env_.clock.at(fifo, [to, text] { to->deliver_data(text); });
}

bool IceFabric::connected_to_each_other(const SimPeer& a, const SimPeer& b) const {
    return !a.closed() && !b.closed() && is_connected(a) && is_connected(b) && a.connected_to == b.id() &&
           b.connected_to == a.id();
}

}  // namespace p2p::client::model
