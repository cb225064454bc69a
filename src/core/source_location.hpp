#pragma once
// Positions in the dump. Lines and columns are 1-based; the column counts bytes, as compilers do.
#include <cstdint>

namespace sqlite2pg {

/// A point in the input: byte offset from the start of the dump plus the line and column it falls on.
struct SourceLoc {
    std::uint64_t offset = 0;  ///< bytes before this point
    std::uint64_t line = 1;    ///< 1-based line number
    std::uint32_t column = 1;  ///< 1-based byte column within the line

    friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
};

}  // namespace sqlite2pg
