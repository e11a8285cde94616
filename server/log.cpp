#include "server/log.hpp"

#include <cstdio>
#include <string>

namespace p2p::relay {

void log_line(std::string_view text) {
    std::string line = "p2p-relay: " + std::string(text) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace p2p::relay
