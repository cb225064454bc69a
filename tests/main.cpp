#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <optional>

#include "io/process_heap.hpp"
#include "unit/heap_testing.hpp"

namespace sqlite2pg::testing {
std::optional<io::HugePageRange> prepared_heap;
std::uintptr_t first_buffer = 0;
}  // namespace sqlite2pg::testing

// The tests run on the heap the program runs on: prepared first thing (io::prepare_heap), then a buffer of
// megabytes is taken (where it lies is what the process_heap tests check).
int main(int argc, char** argv) {
    using namespace sqlite2pg;
    testing::prepared_heap = io::prepare_heap();
    const auto buffer = std::make_unique_for_overwrite<char[]>(std::size_t{4} << 20);
    testing::first_buffer = reinterpret_cast<std::uintptr_t>(buffer.get());
    return doctest::Context(argc, argv).run();
}
