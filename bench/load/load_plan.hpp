// The shape of one load run: where the relay is, how many rooms, how fast messages flow.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace p2p::load {

// Every room holds two peers; the total message rate is spread evenly over all of them.
struct LoadPlan {
    std::uint16_t port = 0;           // relay on 127.0.0.1
    std::size_t rooms = 1;
    std::string room_prefix = "load-";  // room i is named room_prefix + i
    double messages_per_second = 100;   // all peers together
    // TLS handshakes cost the relay real CPU: this many at a time keeps its event loop responsive.
    std::size_t handshakes_in_flight = 16;
    std::chrono::milliseconds open_timeout{120'000};
};

}  // namespace p2p::load
