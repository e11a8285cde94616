// The lines the relay prints on stdout once it listens: scripts and tests parse the first one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace p2p::relay {

// "listening on <address>:<port>" (IPv6 in brackets), then https://<host>:<port>/p2p?type=offer
// and ?type=answer for each host people can open: every given host address when bound to a
// wildcard address plus localhost, only localhost when bound to loopback, else the bound address.
std::vector<std::string> startup_lines(const std::string& bound_address, std::uint16_t port,
                                       const std::vector<std::string>& host_addresses);

}  // namespace p2p::relay
