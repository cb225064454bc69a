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

std::string retype_using(Type from, Type to, std::string_view column) {
    const std::string c(column);
    const std::string target(type_name(to));
    // A boolean column held SQLite's integers 0 and 1.
    const std::string value = from == Type::Boolean ? "(" + c + ")::integer" : c;
    if (to == Type::Bytea) {
        if (from == Type::Bytea) return c;
        return "convert_to((" + value + ")::text, 'UTF8')";
    }
    return "(" + value + ")::" + target;
}

}  // namespace sqlite2pg::pg
