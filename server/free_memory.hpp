// The relay's heap as the C library sees it: what is in use, and handing freed pages back.
#pragma once

#include <cstdint>
#include <optional>

namespace p2p::relay {

// Asks the allocator to unmap the free pages it keeps (glibc's malloc_trim); a no-op elsewhere.
void release_free_memory();

// Bytes of heap allocated and not yet freed, over every arena and mmapped block (glibc's
// mallinfo2); nullopt where the C library cannot say. Unlike RSS it does not depend on whether
// freed pages went back to the system, so it shows what the relay still holds.
std::optional<std::uint64_t> heap_in_use_bytes();

}  // namespace p2p::relay
