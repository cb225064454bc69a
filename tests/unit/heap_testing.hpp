#pragma once
// What tests/main.cpp saw when it prepared the heap, before any test ran.
#include <cstdint>
#include <optional>

#include "io/process_heap.hpp"

namespace sqlite2pg::testing {

/// What io::prepare_heap() returned.
extern std::optional<io::HugePageRange> prepared_heap;
/// Where a buffer of 4 MiB taken right after it began.
extern std::uintptr_t first_buffer;

}  // namespace sqlite2pg::testing
