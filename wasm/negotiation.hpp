// Progress of one RTCPeerConnection (one generation): what was sent, set and shown so far.
// A fresh Negotiation per connection is what later lets ICE restart or reconnect start clean.
#pragma once

#include <string>
#include <vector>

#include "shared/messages.hpp"
#include "wasm/call_events.hpp"

namespace p2p::client {

struct Negotiation {
    Generation gen = 0;
    std::string local_sdp;             // from createOffer/createAnswer, sent once it is set
    bool local_sent = false;           // our offer/answer went out; candidates may follow it
    bool remote_requested = false;     // setRemoteDescription was issued
    bool remote_set = false;           // remote candidates can now be added directly
    bool remote_media_shown = false;
    bool connected = false;
    std::vector<IceCandidate> held_local;  // gathered before our description was sent
};

}  // namespace p2p::client
