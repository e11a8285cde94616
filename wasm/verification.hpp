// The short code both people compare aloud: derived from the two DTLS fingerprints of the call,
// so it differs on the two screens when someone in the middle terminates DTLS on either side.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace p2p::client {

// The value of the first "a=<name>:" line of an SDP (LF or CRLF line ends), if any.
std::optional<std::string_view> sdp_attribute(std::string_view sdp, std::string_view name);

// The value of the first "a=fingerprint:" line ("sha-256 AB:CD:..."), or "" if there is none.
std::string sdp_fingerprint(std::string_view sdp);

// Six digits ("042 917") from SHA-256 over the two fingerprints in sorted order, so both sides get
// the same code whichever is local; "" while either fingerprint is unknown.
std::string verification_code(std::string_view fingerprint_a, std::string_view fingerprint_b);

}  // namespace p2p::client
