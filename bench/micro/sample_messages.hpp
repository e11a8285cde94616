// Realistic signalling messages for the micro-benchmarks: what a browser really sends.
#pragma once

#include <string>

namespace p2p::bench {

// An offer as Chromium writes it for audio + video + a data channel: about 6 KB of SDP.
std::string sample_offer_json();
// The matching answer.
std::string sample_answer_json();
// One trickled host candidate in the seed's shape.
std::string sample_candidate_json();

}  // namespace p2p::bench
