#pragma once
// What the staged rows of a table show about each column: which storage classes occur and whether the
// values fit the PostgreSQL types the declared type suggests. Type choice reads only these.
#include <array>
#include <cstdint>
#include <limits>

#include "ast/value.hpp"

namespace sqlite2pg::passes {

/// Per-column facts gathered while a table's rows stream by. Updated once per value on the fast path,
/// so it does no allocation.
struct ColumnStats {
    std::array<std::uint64_t, 5> count{};       ///< values seen, by StorageClass
    std::array<std::uint64_t, 5> first_line{};  ///< dump line of the first value of each class (0: none)
    std::int64_t min_integer = std::numeric_limits<std::int64_t>::max();
    std::int64_t max_integer = std::numeric_limits<std::int64_t>::min();
    bool integers_are_boolean = true;    ///< every INTEGER is 0 or 1
    bool integers_fit_double = true;     ///< every INTEGER is exactly representable as a double (|i| ≤ 2^53)
    bool text_is_postgres_text = true;   ///< every TEXT is valid UTF-8 without NUL
    bool blobs_are_postgres_text = true; ///< every BLOB would also be valid PostgreSQL text
    std::uint64_t first_bad_text_line = 0;
    std::size_t max_bytes = 0;           ///< longest TEXT or BLOB value

    void observe(const ast::Value& v, std::uint64_t line);

    std::uint64_t of(ast::StorageClass c) const { return count[static_cast<int>(c)]; }
    std::uint64_t line_of(ast::StorageClass c) const { return first_line[static_cast<int>(c)]; }
    std::uint64_t non_null() const;
};

}  // namespace sqlite2pg::passes
