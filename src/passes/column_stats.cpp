#include "passes/column_stats.hpp"

#include "core/utf8.hpp"

namespace sqlite2pg::passes {

void ColumnStats::observe(const ast::Value& v, std::uint64_t line) {
    const int c = static_cast<int>(v.storage);
    if (count[c]++ == 0) first_line[c] = line;
    switch (v.storage) {
        case ast::StorageClass::Null:
            break;
        case ast::StorageClass::Integer: {
            if (v.integer < min_integer) min_integer = v.integer;
            if (v.integer > max_integer) max_integer = v.integer;
            if (v.integer != 0 && v.integer != 1) integers_are_boolean = false;
            constexpr std::int64_t kExactDouble = std::int64_t{1} << 53;
            if (v.integer > kExactDouble || v.integer < -kExactDouble) integers_fit_double = false;
            break;
        }
        case ast::StorageClass::Real:
            break;
        case ast::StorageClass::Text:
            if (v.bytes.size() > max_bytes) max_bytes = v.bytes.size();
            if (text_is_postgres_text && !is_postgres_text(v.bytes)) {
                text_is_postgres_text = false;
                first_bad_text_line = line;
            }
            break;
        case ast::StorageClass::Blob:
            if (v.bytes.size() > max_bytes) max_bytes = v.bytes.size();
            if (blobs_are_postgres_text && !is_postgres_text(v.bytes)) blobs_are_postgres_text = false;
            break;
    }
}

std::uint64_t ColumnStats::non_null() const {
    return count[1] + count[2] + count[3] + count[4];
}

}  // namespace sqlite2pg::passes
