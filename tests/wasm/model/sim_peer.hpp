// A simulated RTCPeerConnection that enforces the rules a real browser applies, so that a misuse
// by the call machine comes back as the PeerOperationFailed a real browser would raise:
// signalling states and implicit setLocalDescription, the operations chain, implicit rollback,
// m-line order (as "which connection wrote it / which offer it answers"), ICE credentials of
// candidates, DTLS roles (and Firefox's role swap on an ICE restart it answers), negotiationneeded.
// Connectivity between two of them is the ICE fabric's business (sim_ice.hpp).
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "tests/wasm/model/sim_core.hpp"
#include "tests/wasm/model/sim_sdp.hpp"
#include "wasm/call_events.hpp"

namespace p2p::client::model {

enum class Engine { Chrome, Firefox };
enum class SignalState { Stable, HaveLocalOffer, HaveRemoteOffer, Closed };

// Why an operation failed, as the simulation knows it (the machine only sees the error text).
enum class FailureCause {
    Misuse,                 // the machine asked for something a browser refuses
    StaleCandidate,         // a candidate of an older transport or another connection
    IgnoredOfferCandidate,  // a candidate of an offer this side ignored in glare: expected to fail
    FirefoxRoleBug,         // the injected Firefox answer with the swapped DTLS role
    ClosedConnection,       // queued behind close(): rejected, and the machine must ignore it
};

struct OpFailure {
    SimTime at = 0;
    int page = 0;
    int pc = 0;
    PeerOperation op = PeerOperation::SetLocalDescription;
    std::string error;
    FailureCause cause = FailureCause::Misuse;
};

class SimPeer {
public:
    struct Hooks {
        std::function<void(CallEvent)> emit;          // to the page's machine
        std::function<void(const OpFailure&)> failed;  // to the run's record of failures
    };
    SimPeer(SimEnv env, int id, int page, Engine engine, Generation gen, Hooks hooks);

    // ---- the RTCPeerConnection API, as wasm/browser/browser_client_peer.cpp calls it ----
    void set_local_description();
    void set_remote_description(SdpType type, std::string sdp);
    void add_ice_candidate(IceCandidate candidate);
    void restart_ice();
    void prepare_senders();  // addTransceiver or direction = sendrecv: descriptions now send media
    void add_tracks();       // addTrack: on the remote offer's transceivers if any, else new ones
    void create_data_channel();
    void close();

    // ---- what the ICE fabric reads and drives ----
    int id() const { return id_; }
    int page() const { return page_; }
    Generation gen() const { return gen_; }
    bool closed() const { return state_ == SignalState::Closed; }
    bool has_local_ufrag(const std::string& ufrag) const;
    bool has_remote_ufrag(const std::string& ufrag) const;
    bool candidate_added_for(const std::string& ufrag) const { return candidates_added_.count(ufrag) > 0; }
    std::vector<std::string> local_ufrags() const;
    std::vector<std::string> remote_ufrags() const;
    const std::optional<SimSdp>& committed_local() const { return committed_local_; }
    const std::optional<SimSdp>& committed_remote() const { return committed_remote_; }
    SignalState signal_state() const { return state_; }
    bool sent_any_description() const { return sent_description_; }
    void mark_description_sent() { sent_description_ = true; }
    bool remote_stream() const { return remote_stream_; }

    std::string ice_state = "new";
    void set_ice_state(const std::string& state);  // fires iceconnectionstatechange
    // Bookkeeping of the fabric's pending transitions (sim_ice.cpp).
    bool connect_pending = false;
    bool loss_pending = false;
    unsigned ice_episode = 0;
    int connected_to = 0;  // the far connection of the working pair, 0 for none

    enum class Channel { None, Connecting, Open, Closed };
    bool channel_created() const { return channel_created_; }
    Channel channel = Channel::None;
    int channel_peer = 0;
    void channel_opened();  // onopen (the far side: ondatachannel first, the same to the machine)
    void channel_closed();
    void deliver_data(const std::string& text);

private:
    struct Op {
        PeerOperation kind = PeerOperation::SetLocalDescription;
        SdpType type = SdpType::Offer;
        std::string sdp;
        IceCandidate candidate;
    };
    void enqueue(Op op);
    void run_head();
    void finish_head();
    void fail(PeerOperation op, std::string error, FailureCause cause);
    void make_offer();
    void make_answer();
    void apply_remote_offer(const SimSdp& sdp);
    void apply_remote_answer(const SimSdp& sdp);
    bool check_remote(const SimSdp& sdp, PeerOperation op);
    void apply_candidate(const IceCandidate& candidate);
    void rollback();
    void commit(SimSdp local, SimSdp remote);
    void tracks_from(const SimSdp& remote);
    void gather(const std::string& ufrag);
    std::string fresh_ufrag() { return make_ufrag(id_, ++ufrag_generation_); }
    bool needs_negotiation() const;
    void update_negotiation_needed();

    SimEnv env_;
    int id_;
    int page_;
    Engine engine_;
    Generation gen_;
    Hooks hooks_;
    SignalState state_ = SignalState::Stable;
    std::deque<Op> chain_;
    std::optional<SimSdp> pending_local_, pending_remote_, committed_local_, committed_remote_;
    int bound_remote_ = 0;  // the far connection of the first applied remote description
    std::set<std::string> applied_remote_ufrags_;
    std::set<std::string> candidates_added_;
    std::set<std::string> gathered_;
    std::string transport_ufrag_;
    int ufrag_generation_ = 0;
    bool restart_pending_ = false;   // restartIce(): the next offer gets new credentials
    bool offer_restarted_ = false;   // the pending local offer is the one that took them
    std::string dtls_role_;          // "" until the first exchange, then active | passive
    int offers_made_ = 0;
    bool sending_ = false;
    bool senders_prepared_ = false;
    bool channel_created_ = false;
    bool negotiation_flag_ = false;
    bool remote_stream_ = false;
    int tracks_from_pc_ = 0;
    bool sent_description_ = false;
};

const char* cause_name(FailureCause cause);

}  // namespace p2p::client::model
