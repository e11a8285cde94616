#include "wasm/media_watch.hpp"

namespace p2p::client {

MediaChange MediaWatch::sample(double at_ms, std::uint64_t packets_received) {
    const bool grew = packets_received > packets_;
    packets_ = packets_received;
    if (grew) {
        last_growth_ms_ = at_ms;
        const MediaFlow before = flow_;
        flow_ = MediaFlow::Flowing;
        return before == MediaFlow::Stalled ? MediaChange::Resumed : MediaChange::None;
    }
    if (flow_ == MediaFlow::Flowing && at_ms - last_growth_ms_ >= kStallMs) {
        flow_ = MediaFlow::Stalled;
        return MediaChange::Stalled;
    }
    return MediaChange::None;
}

}  // namespace p2p::client
