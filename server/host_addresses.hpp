// The machine's own addresses, for certificate names and the URLs printed at start-up.
#pragma once

#include <string>
#include <vector>

namespace p2p::relay {

// Every non-loopback IPv4 address of an interface that is up, sorted, without duplicates.
std::vector<std::string> non_loopback_ipv4_addresses();

}  // namespace p2p::relay
