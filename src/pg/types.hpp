#pragma once
// The PostgreSQL column types the converter chooses from. Each one holds every value it is chosen for
// exactly (postgres-semantics.md §1.3–1.4): no `real`/float4, no typmods that round or truncate, no char(n).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sqlite2pg::pg {

enum class Type : std::uint8_t { Bigint, DoublePrecision, Numeric, Text, Bytea, Boolean };

/// The most columns a PostgreSQL table can have (MaxHeapAttributeNumber); SQLite allows 2000 by default.
constexpr std::size_t kMaxTableColumns = 1600;

/// The type's name as written in DDL.
constexpr std::string_view type_name(Type t) {
    switch (t) {
        case Type::Bigint: return "bigint";
        case Type::DoublePrecision: return "double precision";
        case Type::Numeric: return "numeric";
        case Type::Text: return "text";
        case Type::Bytea: return "bytea";
        case Type::Boolean: return "boolean";
    }
    return "text";
}

/// True when a value of type `from` can be compared with `to` in a foreign key (same type family).
constexpr bool key_compatible(Type from, Type to) {
    auto numeric_family = [](Type t) { return t == Type::Bigint || t == Type::Numeric || t == Type::DoublePrecision; };
    return from == to || (numeric_family(from) && numeric_family(to));
}

}  // namespace sqlite2pg::pg
