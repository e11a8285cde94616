#include "tests/soak/open_file_limit.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace p2p::soak {

std::size_t raise_open_file_limit(std::size_t wanted) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
    const auto target = static_cast<rlim_t>(wanted);
    if (limit.rlim_cur < target) {
        limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? target : std::min(target, limit.rlim_max);
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace p2p::soak
