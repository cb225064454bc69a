#include "pg/types.hpp"

#include <array>
#include <utility>

namespace sqlite2pg::pg {
namespace {

/// Names accepted for each type: type_name()'s spelling first, then PostgreSQL's synonyms.
constexpr std::array<std::pair<std::string_view, Type>, 24> kNames{{
    {"bigint", Type::Bigint},
    {"int8", Type::Bigint},
    {"integer", Type::Integer},
    {"int", Type::Integer},
    {"int4", Type::Integer},
    {"smallint", Type::Smallint},
    {"int2", Type::Smallint},
    {"double precision", Type::DoublePrecision},
    {"float8", Type::DoublePrecision},
    {"numeric", Type::Numeric},
    {"decimal", Type::Numeric},
    {"text", Type::Text},
    {"bytea", Type::Bytea},
    {"boolean", Type::Boolean},
    {"bool", Type::Boolean},
    {"timestamp", Type::Timestamp},
    {"timestamp without time zone", Type::Timestamp},
    {"timestamptz", Type::Timestamptz},
    {"timestamp with time zone", Type::Timestamptz},
    {"date", Type::Date},
    {"time", Type::Time},
    {"time without time zone", Type::Time},
    {"json", Type::Json},
    {"uuid", Type::Uuid},
}};

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

std::optional<Type> type_from_name(std::string_view name) {
    for (const auto& [spelling, type] : kNames)
        if (equal_ignoring_ascii_case(spelling, name)) return type;
    return std::nullopt;
}

std::string type_spelling(Type t, NumericTypmod typmod) {
    std::string s(type_name(t));
    if (t == Type::Numeric && typmod.precision > 0)
        s += "(" + std::to_string(typmod.precision) + "," + std::to_string(typmod.scale) + ")";
    return s;
}

std::string retype_using(Type from, NumericTypmod from_typmod, Type to, std::string_view column) {
    const std::string c(column);
    const bool padded = from == Type::Numeric && from_typmod.precision > 0 && from_typmod.scale > 0;
    if (from == to && !padded) return c;
    // The value as the converter writes it into a text column.
    std::string text = "(" + c + ")::text";
    if (from == Type::Boolean) {
        text = "((" + c + ")::integer)::text";  // a boolean column held SQLite's integers 0 and 1
    } else if (from == Type::DoublePrecision) {
        text = "regexp_replace(" + text + ", '^(-?[0-9]+)$', '\\1.0')";  // a real keeps looking like one
    } else if (padded) {
        // numeric(p,s) pads to s digits: the value was written without them.
        text = "regexp_replace(regexp_replace(" + text + ", '(\\.[0-9]*?)0+$', '\\1'), '\\.$', '')";
    }
    if (to == Type::Text) return text;
    if (to == Type::Bytea) return from == Type::Bytea ? c : "convert_to(" + text + ", 'UTF8')";
    std::string value = c;
    if (from == Type::Boolean) value = "(" + c + ")::integer";
    // float8 → numeric directly keeps only 15 digits; through its shortest exact text it keeps them all.
    else if (from == Type::DoublePrecision && to == Type::Numeric) value = "(" + c + ")::text";
    // numeric(p,s) → numeric: without the padding to s digits the values were written without.
    else if (padded && to == Type::Numeric) value = text;
    return "(" + value + ")::" + std::string(type_name(to));
}

}  // namespace sqlite2pg::pg
