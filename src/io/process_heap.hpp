#pragma once
// How the process's heap is set up for the converter's large buffers (a row stage of megabytes, the second
// thread's units, read buffers, the output's blocks): called once, first thing in main().
#include <cstddef>
#include <cstdint>
#include <optional>

// The heap prepare_heap() sets up is glibc's: a sanitizer's allocator replaces it.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SQLITE2PG_SANITIZER_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define SQLITE2PG_SANITIZER_HEAP 1
#endif
#endif
#if defined(__GLIBC__) && !defined(SQLITE2PG_SANITIZER_HEAP)
#define SQLITE2PG_GLIBC_HEAP 1
#endif

namespace sqlite2pg::io {

/// Whether the program allocates from glibc's heap, which prepare_heap() sets up (not a sanitizer's allocator).
#ifdef SQLITE2PG_GLIBC_HEAP
inline constexpr bool kGlibcHeap = true;
#else
inline constexpr bool kGlibcHeap = false;
#endif

/// A stretch of the heap advised for transparent huge pages: [begin, end), both multiples of 2 MiB.
struct HugePageRange {
    std::uintptr_t begin = 0;
    std::uintptr_t end = 0;
};

/// Bytes of heap prepare_heap() sets aside for huge pages.
inline constexpr std::size_t kHugePageHeapBytes = std::size_t{48} << 20;

/// Sets glibc's allocator up for buffers of megabytes that live long and are reused (when kGlibcHeap; a no-op
/// otherwise):
/// - buffers of up to 32 MiB come from the heap, and freed memory stays there for the next ones: by default
///   glibc maps each buffer from 128 KiB on apart, and unmapping one costs about 170 µs on a virtual machine
///   with two threads running (the other processor's TLB is flushed);
/// - every thread allocates from the one heap (M_ARENA_MAX 1), so that the second thread's and the output
///   thread's buffers come from the stretch below too;
/// - kHugePageHeapBytes at the heap's top are advised for transparent huge pages (MADV_HUGEPAGE), and the
///   allocations that follow are carved from there: a first touch of a page costs about 7 µs on this kind of
///   virtual machine, and a 2 MiB page is touched once where 512 pages of 4 KiB were (7000 faults a run of
///   the bench dump, 5 % of its time, against 1400–1900). Peak RSS grows by what the 2 MiB granularity rounds up.
/// Returns the stretch advised, or nothing when none was (another allocator, or the kernel refused).
std::optional<HugePageRange> prepare_heap();

}  // namespace sqlite2pg::io
