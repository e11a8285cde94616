// Returning freed heap memory to the system, where the C library allows it.
#pragma once

namespace p2p::relay {

// Asks the allocator to unmap the free pages it keeps (glibc's malloc_trim); a no-op elsewhere.
void release_free_memory();

}  // namespace p2p::relay
