// The SDP the simulated RTCPeerConnection writes and reads. Real enough for the call machine (a
// fingerprint line for the verification code, an ice-ufrag line), plus sim-only attributes that
// say which connection wrote it and which offer it is or answers, so the simulated browser can
// apply the rules a real one derives from m-line order and transport state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "wasm/role.hpp"

namespace p2p::client::model {

struct SimSdp {
    SdpType type = SdpType::Offer;
    int pc = 0;            // the simulated RTCPeerConnection that wrote it
    int offer_pc = 0;      // offer: == pc; answer: the connection whose offer it answers
    int offer_no = 0;      // which of offer_pc's offers
    std::string ufrag;     // ICE credentials of the writer's transport
    std::string setup;     // DTLS a=setup: actpass | active | passive
    bool media = false;    // audio and video m-lines that send (a=msid): the far side gets ontrack
    bool data = false;     // an m=application line (the chat data channel)
    bool firefox = false;  // written by a Firefox page (only to name the cause of a failure)
};

std::string write_sdp(const SimSdp& sdp);
// Nullopt for a text this simulation did not write (the machine must only pass ours on).
std::optional<SimSdp> parse_sdp(std::string_view text, SdpType type);

// ufrags are "p<pc>g<n>": the connection that owns them can be read back from a candidate.
std::string make_ufrag(int pc, int generation);
int ufrag_owner(std::string_view ufrag);

// One host candidate line of that transport; the ufrag is in the candidate line too, as browsers write it.
std::string candidate_line(int pc, const std::string& ufrag, int index);
// The ufrag a candidate carries, from usernameFragment or else from its line.
std::string candidate_ufrag(const std::string& line, const std::optional<std::string>& username_fragment);

// "pc3 offer#2 p3g1 actpass +media +data": how the trace names a description.
std::string summarize_sdp(std::string_view text, SdpType type);

}  // namespace p2p::client::model
