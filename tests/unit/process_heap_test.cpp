// io::prepare_heap, as tests/main.cpp called it first thing (the way main() does).
#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "heap_testing.hpp"
#include "io/process_heap.hpp"

using namespace sqlite2pg;

namespace {

/// The VmFlags of each mapping of this process that overlaps [begin, end), from /proc/self/smaps.
std::vector<std::string> vm_flags_over(std::uintptr_t begin, std::uintptr_t end) {
    std::ifstream smaps("/proc/self/smaps");
    std::vector<std::string> flags;
    bool overlaps = false;
    for (std::string line; std::getline(smaps, line);) {
        std::uintptr_t from = 0, to = 0;
        char dash = 0;
        std::istringstream head(line);
        if (line.find(':') > line.find(' ') && (head >> std::hex >> from >> dash >> to) && dash == '-') {
            overlaps = from < end && begin < to;
        } else if (overlaps && line.rfind("VmFlags:", 0) == 0) {
            flags.push_back(line);
        }
    }
    return flags;
}

}  // namespace

TEST_CASE("prepare_heap: the heap's top is advised for huge pages, and the next large buffer is cut from it") {
    if constexpr (!io::kGlibcHeap) {
        // A sanitizer's allocator: nothing of glibc's heap is set up.
        CHECK_FALSE(testing::prepared_heap.has_value());
        return;
    }
    REQUIRE(testing::prepared_heap.has_value());
    const io::HugePageRange range = *testing::prepared_heap;
    constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
    CHECK(range.begin % kHugePage == 0);
    CHECK(range.end % kHugePage == 0);
    // All of the stretch but what aligning its ends to 2 MiB cuts off.
    CHECK(range.end - range.begin >= io::kHugePageHeapBytes - 2 * kHugePage);
    // The kernel took the advice: every mapping over the stretch is flagged hg (MADV_HUGEPAGE).
    const std::vector<std::string> flags = vm_flags_over(range.begin, range.end);
    REQUIRE_FALSE(flags.empty());
    for (const std::string& line : flags) CHECK_MESSAGE(line.find(" hg") != std::string::npos, line);
    // A buffer taken afterwards comes from there, not from a mapping of its own.
    CHECK(testing::first_buffer >= range.begin - kHugePage);
    CHECK(testing::first_buffer < range.end);
}
