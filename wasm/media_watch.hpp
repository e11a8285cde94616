// Whether media from the other person still arrives, judged from successive stats samples: the
// packets received (audio and video together) must keep growing. Browsers take 5 s or more to
// call ICE "disconnected" and 30 s to call it "failed"; a person sees a frozen picture at once, so
// the page says the call is interrupted as soon as nothing arrived for kStallMs, whatever ICE says.
// A muted microphone still sends silence and a camera turned off still leaves the audio, so
// silence on both means the path, not the person.
#pragma once

#include <cstdint>

namespace p2p::client {

enum class MediaFlow { Waiting, Flowing, Stalled };
enum class MediaChange { None, Stalled, Resumed };

class MediaWatch {
public:
    static constexpr double kStallMs = 1000;

    // One stats sample: its time (ms) and the packets received so far on this connection.
    MediaChange sample(double at_ms, std::uint64_t packets_received);
    // A new connection: its counters start at zero, and nothing is expected before it connects.
    void reset() { *this = MediaWatch{}; }
    MediaFlow flow() const { return flow_; }

private:
    MediaFlow flow_ = MediaFlow::Waiting;
    std::uint64_t packets_ = 0;
    double last_growth_ms_ = 0;
};

}  // namespace p2p::client
