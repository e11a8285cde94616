#include "server/free_memory.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace p2p::relay {
namespace {

// The sanitizers bring their own allocator, which glibc's figures do not see.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kGlibcAllocates = false;
#else
constexpr bool kGlibcAllocates = true;
#endif

TEST(FreeMemory, HeapInUseFollowsAnAllocationAndItsFree) {
    const auto before = heap_in_use_bytes();
    if (!before || !kGlibcAllocates) GTEST_SKIP() << "the C library cannot say, or does not allocate here";
    constexpr std::uint64_t kSize = 4u << 20;  // above glibc's default mmap threshold
    auto block = std::make_unique<char[]>(kSize);
    block[kSize - 1] = 1;
    const auto held = heap_in_use_bytes();
    ASSERT_TRUE(held);
    EXPECT_GE(*held, *before + kSize);
    block.reset();
    release_free_memory();
    const auto after = heap_in_use_bytes();
    ASSERT_TRUE(after);
    EXPECT_LT(*after, *before + kSize / 4) << "a freed block no longer counts, trimmed or not";
}

}  // namespace
}  // namespace p2p::relay
