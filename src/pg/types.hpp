#pragma once
// The PostgreSQL column types the converter chooses from. Each one holds every value it is chosen for
// exactly (postgres-semantics.md §1.3–1.4): no `real`/float4, no typmods that round or truncate, no char(n).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sqlite2pg::pg {

enum class Type : std::uint8_t {
    Bigint,
    Integer,   ///< int4: only through a --cast rule, when every value fits
    Smallint,  ///< int2: only through a --cast rule, when every value fits
    DoublePrecision,
    Numeric,
    Text,
    Bytea,
    Boolean,
    Timestamp,    ///< timestamp without time zone
    Timestamptz,  ///< timestamp with time zone (the script pins TimeZone to UTC)
    Date,
    Time,         ///< time without time zone
    Json,         ///< json, never jsonb: json keeps the text exactly (key order, duplicates, spacing)
    Uuid,
};

/// The most columns a PostgreSQL table can have (MaxHeapAttributeNumber); SQLite allows 2000 by default.
constexpr std::size_t kMaxTableColumns = 1600;

/// The type's name as written in DDL (without a typmod).
constexpr std::string_view type_name(Type t) {
    switch (t) {
        case Type::Bigint: return "bigint";
        case Type::Integer: return "integer";
        case Type::Smallint: return "smallint";
        case Type::DoublePrecision: return "double precision";
        case Type::Numeric: return "numeric";
        case Type::Text: return "text";
        case Type::Bytea: return "bytea";
        case Type::Boolean: return "boolean";
        case Type::Timestamp: return "timestamp";
        case Type::Timestamptz: return "timestamptz";
        case Type::Date: return "date";
        case Type::Time: return "time";
        case Type::Json: return "json";
        case Type::Uuid: return "uuid";
    }
    return "text";
}

/// The type named `name` (as type_name() spells it, or a common synonym such as `int8`, `int4`, `float8`,
/// `timestamp with time zone`), ASCII case-insensitive; nullopt for a name the converter never chooses.
std::optional<Type> type_from_name(std::string_view name);

/// `numeric(precision, scale)`; precision 0 means no typmod (plain `numeric`).
struct NumericTypmod {
    std::uint16_t precision = 0;
    std::uint16_t scale = 0;
    friend bool operator==(const NumericTypmod&, const NumericTypmod&) = default;
};

/// The type as written in DDL, with its typmod: `numeric(10,2)`, `bigint`.
std::string type_spelling(Type t, NumericTypmod typmod = {});

/// True for the integer types.
constexpr bool is_integer_type(Type t) { return t == Type::Bigint || t == Type::Integer || t == Type::Smallint; }

/// Whether PostgreSQL's float8 output prints the finite `d` with an exponent: when its decimal exponent is
/// below -4 or 15 and above. The limits are exact as double comparisons: 1e15 is a double, and the double
/// nearest 1e-4 is the smallest one printed as 0.0001.
inline bool float8_prints_exponent(double d) {
    const double magnitude = std::fabs(d);
    return magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e15);
}

/// True when a value of type `from` can be compared with `to` in a foreign key (same type family).
constexpr bool key_compatible(Type from, Type to) {
    auto numeric_family = [](Type t) { return is_integer_type(t) || t == Type::Numeric || t == Type::DoublePrecision; };
    return from == to || (numeric_family(from) && numeric_family(to));
}

/// The `USING` expression of `ALTER TABLE … ALTER COLUMN c TYPE to USING …` that turns each value of a column
/// of type `from`, named by `column` (already quoted), into the value the converter would have written for it
/// into a column of type `to`: booleans were SQLite's integers 0 and 1, text and bytea hold a number as its
/// decimal text (a real with '.0' or an exponent), and no double passes through float8's 15-digit numeric cast.
/// A column that held integers and reals as double precision cannot tell them apart any more: as text, its
/// integral values read as reals ('3.0') (passes::widen_for_late_rows reports that).
std::string retype_using(Type from, NumericTypmod from_typmod, Type to, std::string_view column);

}  // namespace sqlite2pg::pg
