// Free 127.0.0.1 ports for the services the integration tests start themselves.
#pragma once

#include <cstdint>

namespace p2p::relay::testing {

// A loopback TCP port nobody listens on right now.
std::uint16_t free_tcp_port();

// A loopback port free for both UDP and TCP right now (turnserver listens on both).
std::uint16_t free_udp_and_tcp_port();

}  // namespace p2p::relay::testing
