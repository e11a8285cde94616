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

}  // namespace p2p::relay
