#include "server/free_memory.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc, which the check below needs

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace p2p::relay {

void release_free_memory() {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

std::optional<std::uint64_t> heap_in_use_bytes() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    const struct mallinfo2 info = mallinfo2();
    return static_cast<std::uint64_t>(info.uordblks) + static_cast<std::uint64_t>(info.hblkhd);
#else
    return std::nullopt;
#endif
}

}  // namespace p2p::relay
