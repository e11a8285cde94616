// The network between the two pages' RTCPeerConnections: which pairs connect, when ICE goes
// connected / disconnected / failed, and the chat data channel over a connected pair.
//
// Rules: a pair connects once each side has the other's credentials in a local and a remote
// description (committed or pending: an ICE restart in progress keeps the old pair working) and
// a candidate reached at least one side (the other learns a peer-reflexive one). A network cut
// kills every pair that exists while it lasts: only new credentials on both sides (an ICE restart)
// after the network is back connect again. A pair that is lost (cut, far side closed or moved
// on to other credentials) takes ICE to disconnected after 2-5 s and failed after 12-18 s,
// roughly Chrome's consent-freshness timings; "checking" that never connects fails after 15-25 s.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/wasm/model/sim_core.hpp"
#include "tests/wasm/model/sim_peer.hpp"

namespace p2p::client::model {

class IceFabric {
public:
    explicit IceFabric(SimEnv env) : env_(env) {}

    void add(SimPeer* peer);
    void cut_network();
    void restore_network();
    bool network_up() const { return network_up_; }

    // Re-evaluates every connection; the world calls it after each task.
    void evaluate();
    // Data channel message to the far end of `from`'s open channel.
    void send_data(const SimPeer& from, const std::string& text);
    // The invariant's question: do these two connect to each other right now?
    bool connected_to_each_other(const SimPeer& a, const SimPeer& b) const;
    SimPeer* find(int id) const;

private:
    struct Probe {
        SimPeer* partner = nullptr;  // a far connection with a working pair
        bool matched = false;        // credentials exchanged with someone, working or not
    };
    Probe probe(SimPeer& a);
    void evaluate_peer(SimPeer& a);
    void lose(SimPeer& a);
    void schedule_connect(SimPeer& a);
    void connect(SimPeer& a, SimPeer& b);
    void evaluate_channel(SimPeer& a);
    void forget_closed();

    SimEnv env_;
    std::vector<SimPeer*> live_;
    std::map<int, SimPeer*> all_;
    std::set<std::string> dead_pairs_;
    std::map<int, SimTime> data_fifo_;  // a data channel is ordered: per receiving connection
    bool network_up_ = true;
};

}  // namespace p2p::client::model
