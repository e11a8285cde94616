// Which connections one client thread drives, against which server, with what messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "bench/load/load_target.hpp"

namespace p2p::load {

// Connections [first, first + count) of the run; both are even so a room never spans two threads.
struct EngineSlice {
    LoadTarget target{LoadTarget::Kind::relay};
    std::uint16_t port = 0;  // the server on 127.0.0.1
    std::uint16_t answer_port = 0;  // the answer side's (odd connections') server; 0 = port
    std::size_t first = 0;
    std::size_t count = 0;
    std::size_t message_bytes = 1024;
    // TLS handshakes cost the server real CPU: this many at a time keeps its event loop responsive.
    std::size_t handshakes_in_flight = 16;
    std::string room_prefix = "load-";
};

}  // namespace p2p::load
