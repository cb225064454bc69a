// Pass choose-column-types: the PostgreSQL type of each column, from its declared type and its data
// (DESIGN.md §6, postgres-semantics.md §1.3–1.4).
//
// A SQLite column holds whatever it is given; the dump shows each value's storage class. A column keeps the
// type its declaration suggests only when every value fits it exactly; otherwise it gets the narrowest type
// that holds all of them, and the change is reported:
//   price REAL      holding 9.99, 1e999          → double precision ('Infinity' loads exactly)
//   qty INTEGER     holding 3, 'n/a'             → text   ('n/a' cannot be a bigint)
//   flag BOOLEAN    holding 0, 1                 → boolean;   holding 0, 1, 2 → bigint
//   data (no type)  holding 1, 2.5               → double precision
//   note TEXT       holding invalid UTF-8        → bytea  (PostgreSQL text rejects it; lossy under --strict)
// Dates, times, JSON and UUIDs stay text for now: PostgreSQL's typed forms silently accept or rewrite values
// SQLite keeps verbatim ('now', '24:00:00', offsets, non-canonical UUIDs), so typing them needs the value checks
// that come with issue 3.
#include <optional>

#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

using ast::StorageClass;
using pg::Type;

/// The declared-type rule table (first match wins). `nullopt` means "decide from the data".
struct DeclaredRule {
    std::string_view contains;  ///< upper-case substring of the declared type; empty matches anything
    std::optional<Type> type;
};
constexpr DeclaredRule kDeclaredRules[] = {
    {"BOOL", Type::Boolean},
    {"INT", Type::Bigint},  // SQLite integers are 64-bit: never `integer`
    {"CHAR", Type::Text},   {"CLOB", Type::Text},   {"TEXT", Type::Text},   {"STRING", Type::Text},
    {"BLOB", Type::Bytea},
    {"REAL", Type::DoublePrecision}, {"FLOA", Type::DoublePrecision}, {"DOUB", Type::DoublePrecision},
    {"DEC", Type::Numeric}, {"NUMERIC", Type::Numeric}, {"MONEY", Type::Numeric},
    {"DATE", Type::Text},   {"TIME", Type::Text},   {"JSON", Type::Text},   {"UUID", Type::Text},
};

std::optional<Type> declared_mapping(const ColumnInfo& col) {
    if (col.rowid_alias) return Type::Bigint;
    std::string upper = col.declared_type;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.empty()) return std::nullopt;
    for (const DeclaredRule& rule : kDeclaredRules)
        if (upper.find(rule.contains) != std::string::npos) return rule.type;
    return std::nullopt;  // unknown names (GEOMETRY, …) have NUMERIC affinity: the data decides
}

}  // namespace

bool type_holds(Type t, const ColumnStats& s) {
    const auto ints = s.of(StorageClass::Integer), reals = s.of(StorageClass::Real), texts = s.of(StorageClass::Text),
               blobs = s.of(StorageClass::Blob);
    switch (t) {
        case Type::Bigint: return reals == 0 && texts == 0 && blobs == 0;
        case Type::Boolean: return reals == 0 && texts == 0 && blobs == 0 && (ints == 0 || s.integers_are_boolean);
        case Type::DoublePrecision: return texts == 0 && blobs == 0 && s.integers_fit_double;
        case Type::Numeric: return texts == 0 && blobs == 0;
        case Type::Text: return blobs == 0 && s.text_is_postgres_text;
        case Type::Bytea: return true;
    }
    return false;
}

namespace {

Type by_data(const ColumnStats& s) {
    const auto ints = s.of(StorageClass::Integer), reals = s.of(StorageClass::Real), texts = s.of(StorageClass::Text),
               blobs = s.of(StorageClass::Blob);
    if (!s.text_is_postgres_text) return Type::Bytea;
    if (texts > 0) return blobs == 0 || s.blobs_are_postgres_text ? Type::Text : Type::Bytea;
    if (blobs > 0) return Type::Bytea;
    if (reals > 0) return ints == 0 || s.integers_fit_double ? Type::DoublePrecision : Type::Numeric;
    if (ints > 0) return Type::Bigint;
    return Type::Text;
}

/// Why the declared type does not hold the data, citing the first value that shows it.
std::string misfit_reason(Type declared, const ColumnStats& s) {
    auto first = [&](StorageClass c, const char* what) {
        return std::string("holds ") + what + " (first at line " + std::to_string(s.line_of(c)) + ")";
    };
    if (!s.text_is_postgres_text)
        return "holds text that is not valid UTF-8 or contains NUL (first at line " +
               std::to_string(s.first_bad_text_line) + ")";
    if (s.of(StorageClass::Blob) > 0 && declared != Type::Bytea) return first(StorageClass::Blob, "blobs");
    if (s.of(StorageClass::Text) > 0) return first(StorageClass::Text, "text");
    if (s.of(StorageClass::Real) > 0 && (declared == Type::Bigint || declared == Type::Boolean))
        return first(StorageClass::Real, "reals");
    if (declared == Type::Boolean) return "holds integers other than 0 and 1";
    if (declared == Type::DoublePrecision) return "holds integers beyond 2^53, which a double cannot hold exactly";
    return "its values do not fit";
}

/// Whether values of storage class `c` stay distinguishable as such in a column of type `t`.
bool keeps_storage_class(Type t, StorageClass c) {
    switch (c) {
        case StorageClass::Integer: return t != Type::Text && t != Type::Bytea;
        case StorageClass::Real: return t == Type::DoublePrecision || t == Type::Numeric;
        case StorageClass::Text: return t == Type::Text;
        case StorageClass::Blob: return t == Type::Bytea;
        case StorageClass::Null: return true;
    }
    return true;
}

void choose(TableInfo& table, ColumnInfo& col, PassContext& ctx) {
    const ColumnStats& s = col.stats;
    std::optional<Type> declared = declared_mapping(col);
    std::string object = "column \"" + table.sqlite_name + "\".\"" + col.def.name.name + "\"";
    std::string declared_text = col.declared_type.empty() ? "no declared type" : col.declared_type;
    if (declared && type_holds(*declared, s)) {
        col.pg_type = *declared;
    } else {
        col.pg_type = by_data(s);
        if (declared) {
            bool lossy = !s.text_is_postgres_text;
            col.notes.push_back(ctx.decisions.record(
                {"type-changed", lossy ? Severity::Warning : Severity::Note, lossy, object, table.line,
                 declared_text + " → " + std::string(pg::type_name(col.pg_type)), misfit_reason(*declared, s)}));
        } else if (s.non_null() > 0 && !s.text_is_postgres_text) {
            col.notes.push_back(ctx.decisions.record({"type-changed", Severity::Warning, true, object, table.line,
                                                      declared_text + " → bytea", misfit_reason(Type::Text, s)}));
        }
    }
    // Numbers in a text column, or text in a bytea column, keep their value but not their storage class.
    bool unified = false;
    for (StorageClass c : {StorageClass::Integer, StorageClass::Real, StorageClass::Text, StorageClass::Blob})
        if (s.of(c) > 0 && !keeps_storage_class(col.pg_type, c)) unified = true;
    if (unified)
        col.notes.push_back(ctx.decisions.record({"storage-class-unified", Severity::Note, false, object, table.line,
                              "values of several storage classes stored as " + std::string(pg::type_name(col.pg_type)),
                              "PostgreSQL columns have one type; every value is kept, typeof() is not"}));
}

void rows_end(TableInfo& table, PassContext& ctx) {
    if (table.skipped) return;
    for (ColumnInfo& col : table.columns) choose(table, col, ctx);
}

}  // namespace

const Pass kChooseColumnTypes{.name = "choose-column-types",
                       .summary = "PostgreSQL column types from declared types and the data",
                       .on_table_rows_end = rows_end};

}  // namespace sqlite2pg::passes
