#include "tests/wasm/model/sim_core.hpp"

#include <cstdio>

namespace p2p::client::model {

std::string format_time(SimTime at) {
    char text[32];
    std::snprintf(text, sizeof text, "%8.3fs", static_cast<double>(at) / kSecond);
    return text;
}

void Trace::add(SimTime at, std::string line) {
    if (!enabled_) return;
    lines_.push_back(format_time(at) + "  " + std::move(line));
}

std::string Trace::tail(std::size_t count) const {
    std::size_t first = count == 0 || count >= lines_.size() ? 0 : lines_.size() - count;
    std::string out;
    for (std::size_t i = first; i < lines_.size(); ++i) out += lines_[i] + "\n";
    return out;
}

}  // namespace p2p::client::model
