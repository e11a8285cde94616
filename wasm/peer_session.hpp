// One RTCPeerConnection (one generation) under perfect negotiation: the signalling state as the
// machine last saw it set, the in-flight flags of the pattern, and what the call needs around it.
#pragma once

#include <string>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/call_events.hpp"
#include "wasm/stats_math.hpp"

namespace p2p::client {

enum class SdpState { Stable, HaveLocalOffer, HaveRemoteOffer };

struct PeerSession {
    Generation gen = 0;
    unsigned peer_epoch = 0;  // which arrival of the peer this connection was made for
    SdpState sdp_state = SdpState::Stable;
    bool making_offer = false;           // setLocalDescription() for an offer is in flight
    bool remote_answer_pending = false;  // setRemoteDescription(answer) is in flight
    bool remote_offer_pending = false;   // setRemoteDescription(offer) is in flight
    bool ignore_offer = false;           // impolite side dropped a colliding offer
    bool negotiation_wanted = false;     // negotiationneeded came while signalling was down
    bool held = false;  // prepared before the click: nothing is sent, no call yet (prepare_call)
    bool tracks_added = false;
    bool senders_ready = false;  // PrepareSenders was asked for: tracks may come after the description
    bool channel_made = false;  // the chat data channel was asked for (OpenDataChannel)
    bool remote_requested = false;  // a remote description was issued: candidates may follow it
    bool local_sent = false;        // a local description went out: candidates may follow it
    bool remote_media_shown = false;
    bool connected = false;      // ICE reached connected at least once
    bool ice_down = false;       // ICE is disconnected/failed now
    std::string ice_state = "new";
    std::string server_error;    // the last icecandidateerror, "url code text", for the failure notice
    std::string local_offer;     // resent if signalling dropped before an answer came
    std::string local_fingerprint;
    std::string remote_fingerprint;
    std::vector<IceCandidate> held_local;  // gathered before our first description went out
    bool data_open = false;  // the chat/state data channel is open
    bool peer_mic_on = true;
    bool peer_camera_on = true;
    unsigned negotiations = 0;
    bool have_stats = false;
    StatsSample last_stats;
    StatsView last_view;
};

}  // namespace p2p::client
