#include "io/process_heap.hpp"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace sqlite2pg::io {

std::optional<HugePageRange> prepare_heap() {
#ifdef SQLITE2PG_GLIBC_HEAP
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_ARENA_MAX, 1);
    // The stretch is taken as blocks below the mapping threshold, which glibc cuts from the heap's top one after
    // another, then given back: freed, they join the top again (below the trim threshold, nothing is returned
    // to the kernel), and the allocations that follow are cut from it.
    constexpr std::size_t kBlockBytes = std::size_t{16} << 20;
    constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
    std::array<void*, kHugePageHeapBytes / kBlockBytes> blocks{};
    for (void*& block : blocks) block = std::malloc(kBlockBytes);
    std::uintptr_t low = UINTPTR_MAX;
    std::uintptr_t high = 0;
    bool adjacent = true;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const auto at = reinterpret_cast<std::uintptr_t>(blocks[i]);
        // Each block right after the one before (past its chunk header): one stretch of the heap.
        if (at == 0 || (i > 0 && at - reinterpret_cast<std::uintptr_t>(blocks[i - 1]) - kBlockBytes > 64))
            adjacent = false;
        low = std::min(low, at);
        high = std::max(high, at + kBlockBytes);
    }
    std::optional<HugePageRange> advised;
    const HugePageRange range{(low + kHugePage - 1) & ~(kHugePage - 1), high & ~(kHugePage - 1)};
    if (adjacent && range.end > range.begin &&
        madvise(reinterpret_cast<void*>(range.begin), range.end - range.begin, MADV_HUGEPAGE) == 0)
        advised = range;
    for (void* block : blocks) std::free(block);
    return advised;
#else
    return std::nullopt;
#endif
}

}  // namespace sqlite2pg::io
