// Pass choose-column-types: the PostgreSQL type of each column, from its declared type, the --cast rules and
// its data (DESIGN.md §6, postgres-semantics.md §1.3–1.5).
//
// A SQLite column holds whatever it is given; the dump shows each value's storage class. A column gets the
// type its declaration (or a --cast rule) intends only when every value fits it exactly; otherwise it gets the
// narrowest type that holds all of them, and the change is reported:
//   price REAL        holding 9.99, 1e999          → double precision ('Infinity' loads exactly)
//   qty INTEGER       holding 3, 'n/a'             → text   ('n/a' cannot be a bigint)
//   flag BOOLEAN      holding 0, 1                 → boolean;   holding 0, 1, 2 → bigint
//   at DATETIME       holding '2020-01-01 10:00:00' → timestamp; holding 'now' or '…T10:00Z' → text
//   cost DECIMAL(5,2) holding 1.5, 12.25           → numeric(5,2); holding 12.345 → numeric (no rounding)
//   data (no type)    holding 1, 2.5               → double precision
//   note TEXT         holding invalid UTF-8        → bytea  (PostgreSQL text rejects it; lossy under --strict)
// Before the rows arrive (table defined) each column is told which value check its intended type needs, so
// that only DATETIME columns check dates, only JSON columns parse JSON, and so on.
#include <optional>

#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

using ast::StorageClass;
using pg::NumericTypmod;
using pg::Type;

/// The declared-type rule table (first match wins). `nullopt` means "decide from the data".
struct DeclaredRule {
    std::string_view contains;  ///< upper-case substring of the declared type
    Type type;
};
constexpr DeclaredRule kDeclaredRules[] = {
    {"BOOL", Type::Boolean},
    {"INT", Type::Bigint},  // SQLite integers are 64-bit: never `integer`
    {"CHAR", Type::Text},   {"CLOB", Type::Text},   {"TEXT", Type::Text},   {"STRING", Type::Text},
    {"BLOB", Type::Bytea},
    {"REAL", Type::DoublePrecision}, {"FLOA", Type::DoublePrecision}, {"DOUB", Type::DoublePrecision},
    {"DEC", Type::Numeric}, {"NUMERIC", Type::Numeric}, {"MONEY", Type::Numeric},
    // DATETIME contains both DATE and TIME: the longer names come first.
    {"DATETIME", Type::Timestamp}, {"TIMESTAMP", Type::Timestamp},
    {"DATE", Type::Date},   {"TIME", Type::Time},   {"JSON", Type::Json},   {"UUID", Type::Uuid},
};

/// The type a column is meant to have, before its data is seen.
struct Intent {
    Type type = Type::Text;
    NumericTypmod typmod;
    const CastRule* cast = nullptr;  ///< the --cast rule that chose it
};

std::string upper_ascii(std::string_view s) {
    std::string u(s);
    for (char& c : u)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return u;
}

/// A declared type's first argument (`VARCHAR(20)` → 20), or 0.
std::uint64_t first_argument(const ColumnInfo& col) {
    if (!col.def.type || col.def.type->args.empty()) return 0;
    const std::string& a = col.def.type->args[0];
    std::uint64_t n = 0;
    for (char c : a) {
        if (c < '0' || c > '9' || n > 1'000'000'000) return 0;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

/// `DECIMAL(p,s)`/`NUMERIC(p)`: the typmod PostgreSQL accepts (1 ≤ p ≤ 1000, 0 ≤ s ≤ p), or none.
NumericTypmod declared_typmod(const ColumnInfo& col) {
    if (!col.def.type || col.def.type->args.empty() || col.def.type->args.size() > 2) return {};
    std::uint64_t p = first_argument(col), s = 0;
    if (col.def.type->args.size() == 2) {
        const std::string& a = col.def.type->args[1];
        if (a.empty() || a.size() > 4 || a.find_first_not_of("0123456789") != std::string::npos) return {};
        s = std::stoull(a);
    }
    if (p < 1 || p > 1000 || s > p) return {};
    return {static_cast<std::uint16_t>(p), static_cast<std::uint16_t>(s)};
}

/// The PostgreSQL type the declaration suggests (postgres-semantics.md §1.3), or nullopt: decided by the data.
std::optional<Intent> declared_intent(const ColumnInfo& col) {
    if (col.rowid_alias) return Intent{Type::Bigint};
    const std::string upper = upper_ascii(col.declared_type);
    if (upper.empty()) return std::nullopt;
    for (const DeclaredRule& rule : kDeclaredRules) {
        if (upper.find(rule.contains) == std::string::npos) continue;
        Intent intent{rule.type};
        if (rule.type == Type::Numeric && rule.contains != "MONEY") intent.typmod = declared_typmod(col);
        return intent;
    }
    return std::nullopt;  // unknown names (GEOMETRY, ANY, …) have NUMERIC affinity: the data decides
}

/// What the column is meant to be: a matching --cast rule first (never for a rowid alias, which is an
/// identity column), else its declaration.
std::optional<Intent> intent_of(const ColumnInfo& col, const CastRules& casts) {
    if (!col.rowid_alias)
        if (const CastRule* rule = casts.match(col.declared_type)) return Intent{rule->target, {}, rule};
    return declared_intent(col);
}

ValueCheck check_for(Type t, NumericTypmod typmod) {
    switch (t) {
        case Type::Timestamp: return ValueCheck::Timestamp;
        case Type::Timestamptz: return ValueCheck::Timestamptz;
        case Type::Date: return ValueCheck::Date;
        case Type::Time: return ValueCheck::Time;
        case Type::Json: return ValueCheck::Json;
        case Type::Uuid: return ValueCheck::Uuid;
        case Type::Numeric: return typmod.precision > 0 ? ValueCheck::NumericTypmod : ValueCheck::None;
        default: return ValueCheck::None;
    }
}

/// Table defined: each column learns which checks its values need.
void plan_checks(TableInfo& table, PassContext& ctx) {
    for (ColumnInfo& col : table.columns) {
        ColumnStats& s = col.stats;
        if (std::optional<Intent> intent = intent_of(col, ctx.casts)) {
            s.check = check_for(intent->type, intent->typmod);
            s.typmod = intent->typmod;
            // A rule asks for the type: values PostgreSQL reads with the same meaning are accepted then.
            s.accept_same_meaning = intent->cast != nullptr;
            if (intent->type == Type::Text && !intent->cast) s.length_limit = first_argument(col);
        }
    }
}

}  // namespace

bool type_holds(Type t, NumericTypmod typmod, const ColumnStats& s) {
    const auto ints = s.of(StorageClass::Integer), reals = s.of(StorageClass::Real), texts = s.of(StorageClass::Text),
               blobs = s.of(StorageClass::Blob);
    const bool only_integers = reals == 0 && texts == 0 && blobs == 0;
    auto integers_within = [&](std::int64_t lo, std::int64_t hi) {
        return only_integers && (ints == 0 || (s.min_integer >= lo && s.max_integer <= hi));
    };
    switch (t) {
        case Type::Bigint: return only_integers;
        case Type::Integer: return integers_within(INT32_MIN, INT32_MAX);
        case Type::Smallint: return integers_within(INT16_MIN, INT16_MAX);
        case Type::Boolean: return only_integers && (ints == 0 || s.integers_are_boolean);
        case Type::DoublePrecision: return texts == 0 && blobs == 0 && s.integers_fit_double;
        case Type::Numeric:
            // ±Infinity needs PostgreSQL 14 in numeric, and never fits numeric(p,s).
            if (texts > 0 || blobs > 0 || s.infinities > 0) return false;
            return typmod.precision == 0 ||
                   (s.check == ValueCheck::NumericTypmod && s.typmod == typmod && s.misfits == 0);
        case Type::Text: return blobs == 0 && s.text_is_postgres_text;
        case Type::Bytea: return true;
        case Type::Timestamp:
        case Type::Timestamptz:
        case Type::Date:
        case Type::Time:
        case Type::Json:
        case Type::Uuid:
            if (ints > 0 || reals > 0 || blobs > 0 || !s.text_is_postgres_text) return false;
            return texts == 0 || (s.check == check_for(t, typmod) && s.misfits == 0);
    }
    return false;
}

Type lossless_type(const ColumnStats& s) {
    const auto ints = s.of(StorageClass::Integer), reals = s.of(StorageClass::Real), texts = s.of(StorageClass::Text),
               blobs = s.of(StorageClass::Blob);
    if (!s.text_is_postgres_text) return Type::Bytea;
    if (texts > 0) return blobs == 0 || s.blobs_are_postgres_text ? Type::Text : Type::Bytea;
    if (blobs > 0) return Type::Bytea;
    if (reals > 0) return ints == 0 || s.integers_fit_double ? Type::DoublePrecision : Type::Numeric;
    if (ints > 0) return Type::Bigint;
    return Type::Text;
}

namespace {

/// Why type `t` does not hold the data, citing how many values show it and the first of them.
struct Misfit {
    std::string why;
    std::uint64_t values = 0;
    std::uint64_t line = 0;
};

std::string plural(std::uint64_t n, std::string_view what) {
    return std::to_string(n) + " " + std::string(what) + (n == 1 ? "" : "s");
}

Misfit misfit_of(Type t, NumericTypmod typmod, const ColumnStats& s) {
    auto of_class = [&](StorageClass c, std::string_view what) {
        return Misfit{"holds " + plural(s.of(c), what) + ", first at line " + std::to_string(s.line_of(c)) + ": " +
                          s.sample_of(c),
                      s.of(c), s.line_of(c)};
    };
    const std::string type = pg::type_spelling(t, typmod);
    if (t != Type::Bytea && !s.text_is_postgres_text)
        return {"holds " + plural(s.bad_texts, "text value") + " PostgreSQL text cannot hold (invalid UTF-8 or NUL), "
                    "first at line " + std::to_string(s.first_bad_text_line) + ": " + s.first_bad_text,
                s.bad_texts, s.first_bad_text_line};
    if (t != Type::Bytea && s.of(StorageClass::Blob) > 0) return of_class(StorageClass::Blob, "blob");
    const bool textual = t == Type::Text || check_for(t, {}) != ValueCheck::None;
    if (!textual && s.of(StorageClass::Text) > 0) return of_class(StorageClass::Text, "text value");
    if (textual && t != Type::Text) {
        if (s.of(StorageClass::Integer) > 0) return of_class(StorageClass::Integer, "integer");
        if (s.of(StorageClass::Real) > 0) return of_class(StorageClass::Real, "real");
        std::string what;
        switch (t) {
            case Type::Json: what = "not JSON that PostgreSQL's json accepts"; break;
            case Type::Uuid: what = "not UUIDs in the one form PostgreSQL prints (lower case, 8-4-4-4-12)"; break;
            default:
                what = s.accept_same_meaning
                           ? "not read with the same meaning by " + type +
                                 " (a word such as 'now', 24:00 or :60, an invalid date, more than 6 fractional digits, "
                                 "or an offset it would drop)"
                           : "not read back as written by " + type +
                                 " (a word such as 'now', an offset, 24:00 or :60, an invalid date, more than 6 "
                                 "fractional digits, or another spelling)";
        }
        return {std::to_string(s.misfits) + (s.misfits == 1 ? " value is " : " values are ") + what +
                    ", first at line " + std::to_string(s.first_misfit_line) + ": " + s.first_misfit,
                s.misfits, s.first_misfit_line};
    }
    if (s.of(StorageClass::Real) > 0 && pg::is_integer_type(t)) return of_class(StorageClass::Real, "real");
    if (s.of(StorageClass::Real) > 0 && t == Type::Boolean) return of_class(StorageClass::Real, "real");
    const std::string range =
        "integers from " + std::to_string(s.min_integer) + " to " + std::to_string(s.max_integer);
    if (t == Type::Boolean)
        return {"holds integers other than 0 and 1 (" + range + ")", s.of(StorageClass::Integer),
                s.line_of(StorageClass::Integer)};
    if (t == Type::Integer || t == Type::Smallint)
        return {"holds " + range + ", beyond " + type, s.of(StorageClass::Integer), s.line_of(StorageClass::Integer)};
    if (t == Type::DoublePrecision)
        return {"holds integers beyond 2^53, which a double cannot hold exactly (" + range + ")",
                s.of(StorageClass::Integer), s.line_of(StorageClass::Integer)};
    if (t == Type::Numeric && s.infinities > 0)
        return {"holds " + plural(s.infinities, "infinite real") +
                    " (numeric(p,s) cannot hold them, numeric only from PostgreSQL 14)",
                s.infinities, s.line_of(StorageClass::Real)};
    if (t == Type::Numeric && s.misfits > 0)
        return {std::to_string(s.misfits) + (s.misfits == 1 ? " value" : " values") + " would be rounded or overflow " +
                    type + ", first at line " + std::to_string(s.first_misfit_line) + ": " + s.first_misfit,
                s.misfits, s.first_misfit_line};
    return {"its values do not fit " + type, 0, 0};
}

Decision column_decision(const TableInfo& table, const ColumnInfo& col, std::string kind, std::string changed,
                         Misfit m, bool lossy) {
    return {std::move(kind), lossy ? Severity::Warning : Severity::Note, lossy,
            "column \"" + table.sqlite_name + "\".\"" + col.def.name.name + "\"", m.line ? m.line : table.line,
            std::move(changed), std::move(m.why), m.values};
}

std::string declared_text(const ColumnInfo& col) {
    return col.declared_type.empty() ? "no declared type" : col.declared_type;
}

/// Whether values of storage class `c` stay distinguishable as such in a column of type `t`.
bool keeps_storage_class(Type t, StorageClass c) {
    switch (c) {
        case StorageClass::Integer: return t != Type::Text && t != Type::Bytea;
        case StorageClass::Real: return t == Type::DoublePrecision || t == Type::Numeric;
        case StorageClass::Text: return t != Type::Bytea;
        case StorageClass::Blob: return t == Type::Bytea;
        case StorageClass::Null: return true;
    }
    return true;
}

/// Types PostgreSQL gives their own operators and functions, where SQLite's expressions see text: an
/// expression written for the text (substr, LIKE, ||, json has no = at all) may fail on them.
bool has_own_semantics(Type t) {
    return t == Type::Timestamp || t == Type::Timestamptz || t == Type::Date || t == Type::Time || t == Type::Uuid ||
           t == Type::Json;
}

/// Whether a column of type `t` serves every use the table itself makes of `col`. CHECK and generated-column
/// expressions are not inspected: any of them in the table keeps such a column text. json, having no equality
/// or ordering, also cannot be a key, UNIQUE, foreign key or collated column.
bool serves_table(const TableInfo& table, const ColumnInfo& col, Type t) {
    for (const ColumnInfo& other : table.columns)
        if (other.generated) return false;
    for (const ast::ColumnConstraint& c : col.def.constraints)
        if (std::holds_alternative<ast::CheckConstraint>(c.kind)) return false;
    for (const ast::TableConstraint& tc : table.def.constraints)
        if (std::holds_alternative<ast::TableCheck>(tc.kind)) return false;
    for (const ColumnInfo& other : table.columns)
        for (const ast::ColumnConstraint& c : other.def.constraints)
            if (std::holds_alternative<ast::CheckConstraint>(c.kind)) return false;
    if (t != Type::Json) return true;
    for (const ast::ColumnConstraint& c : col.def.constraints)
        if (!std::holds_alternative<ast::NotNullConstraint>(c.kind) && !std::holds_alternative<ast::NullConstraint>(c.kind) &&
            !std::holds_alternative<ast::DefaultConstraint>(c.kind))
            return false;
    const std::string key = sqlite_name_key(col.def.name.name);
    auto names_col = [&](const ast::IndexedColumn& ic) {
        const auto* ref = ic.expr ? std::get_if<ast::ColumnRef>(&ic.expr->node) : nullptr;
        return !ref || sqlite_name_key(ref->column.name) == key;  // an expression key: assume it does
    };
    for (const ast::TableConstraint& tc : table.def.constraints) {
        if (const auto* pk = std::get_if<ast::TablePrimaryKey>(&tc.kind))
            for (const auto& ic : pk->columns)
                if (names_col(ic)) return false;
        if (const auto* u = std::get_if<ast::TableUnique>(&tc.kind))
            for (const auto& ic : u->columns)
                if (names_col(ic)) return false;
        if (const auto* fk = std::get_if<ast::TableForeignKey>(&tc.kind))
            for (const auto& id : fk->columns)
                if (sqlite_name_key(id.name) == key) return false;
    }
    return true;
}

/// Whether `text` names `name` as a word (ASCII case-insensitive; quotes and brackets count as word ends).
bool mentions(std::string_view text, std::string_view name) {
    const std::string hay = sqlite_name_key(text), needle = sqlite_name_key(name);
    auto word_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
    };
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
        const bool starts = at == 0 || !word_char(hay[at - 1]);
        const std::size_t end = at + needle.size();
        if (starts && (end == hay.size() || !word_char(hay[end]))) return true;
    }
    return false;
}

void record(ColumnInfo& col, PassContext& ctx, Decision d) {
    col.notes.push_back(ctx.decisions.record(std::move(d)));
}

/// The type choose() gives a column, and which of its rules gave it.
struct TypeChoice {
    enum class Rule {
        TextSemantics,  ///< the intended date/time/uuid/json type holds the values, but the table may use them as text
        Intended,       ///< the intended type holds every value
        Misfit,         ///< the intended type (if any) does not: a declared, plain numeric or lossless type instead
    };
    Rule rule;
    Type type;
    NumericTypmod typmod;
};

/// The type of `col` for the values its stats summarise, without recording anything.
TypeChoice pick_type(const TableInfo& table, const ColumnInfo& col, const CastRules& casts) {
    const ColumnStats& s = col.stats;
    std::optional<Intent> intent = intent_of(col, casts);
    std::optional<Intent> declared = declared_intent(col);
    using Rule = TypeChoice::Rule;
    if (intent && has_own_semantics(intent->type) && (!intent->cast || intent->type == Type::Json) &&
        type_holds(intent->type, {}, s) && !serves_table(table, col, intent->type))
        return {Rule::TextSemantics, Type::Text, {}};
    if (intent && type_holds(intent->type, intent->typmod, s)) return {Rule::Intended, intent->type, intent->typmod};
    // The intended type does not hold every value: the declaration (when a rule failed), plain numeric (when a
    // declared precision does not), or else the narrowest type that holds all of them.
    if (intent && intent->cast && declared && type_holds(declared->type, declared->typmod, s))
        return {Rule::Misfit, declared->type, declared->typmod};
    if (intent && intent->type == Type::Numeric && type_holds(Type::Numeric, {}, s))
        return {Rule::Misfit, Type::Numeric, {}};
    return {Rule::Misfit, lossless_type(s), {}};
}

void choose(TableInfo& table, ColumnInfo& col, PassContext& ctx) {
    const ColumnStats& s = col.stats;
    std::optional<Intent> intent = intent_of(col, ctx.casts);
    std::optional<Intent> declared = declared_intent(col);
    const TypeChoice choice = pick_type(table, col, ctx.casts);
    col.pg_type = choice.type;
    col.pg_typmod = choice.typmod;
    switch (choice.rule) {
        case TypeChoice::Rule::TextSemantics:
            record(col, ctx,
                   column_decision(table, col, "type-changed", declared_text(col) + " → text",
                                   {"a CHECK or generated column of the table" +
                                        std::string(intent->type == Type::Json ? ", or a key, UNIQUE, foreign key or collation,"
                                                                               : "") +
                                        " may use it with text semantics, which " + std::string(pg::type_name(intent->type)) +
                                        " does not have",
                                    0, 0},
                                   false));
            break;
        case TypeChoice::Rule::Intended:
            if (intent->cast && (!declared || declared->type != intent->type)) {
                std::string why = "--cast '" + intent->cast->text + "'";
                if (s.reformatted > 0)
                    why += "; " + plural(s.reformatted, "value") + " keep their meaning but PostgreSQL prints them in "
                           "its own form (T separator, seconds, offsets converted to UTC)";
                record(col, ctx,
                       column_decision(table, col, "type-cast",
                                       declared_text(col) + " → " + pg::type_spelling(col.pg_type, col.pg_typmod),
                                       {why, s.reformatted, 0}, false));
            }
            break;
        case TypeChoice::Rule::Misfit: {
            Misfit m = intent ? misfit_of(intent->type, intent->typmod, s) : Misfit{};
            if (intent && intent->cast) m.why = "--cast '" + intent->cast->text + "' does not hold: " + m.why;
            const bool lossy = col.pg_type == Type::Bytea && !s.text_is_postgres_text;
            if (intent) {
                record(col, ctx,
                       column_decision(table, col, "type-changed",
                                       declared_text(col) + " → " + pg::type_spelling(col.pg_type, col.pg_typmod),
                                       std::move(m), lossy));
            } else if (lossy) {
                record(col, ctx,
                       column_decision(table, col, "type-changed", declared_text(col) + " → bytea",
                                       misfit_of(Type::Text, {}, s), true));
            }
            break;
        }
    }
    if (s.replaced_texts > 0)
        record(col, ctx,
               column_decision(table, col, "value-replaced", "invalid UTF-8 and NUL bytes replaced by U+FFFD",
                               {"--invalid-utf8 replace: " + plural(s.replaced_texts, "text value") +
                                    " PostgreSQL text cannot hold, changed",
                                s.replaced_texts, s.first_replaced_line},
                               true));
    if (s.over_length > 0)
        record(col, ctx,
               column_decision(table, col, "length-ignored", "declared length " + std::to_string(s.length_limit) +
                                                                 " not enforced (text)",
                               {plural(s.over_length, "value") + " longer than " + std::to_string(s.length_limit) +
                                    " characters, kept whole as SQLite did",
                                s.over_length, s.first_over_length_line},
                               false));
    if (s.trailing_spaces > 0)
        record(col, ctx,
               column_decision(table, col, "trailing-spaces-kept", "values ending in spaces kept as written (text)",
                               {plural(s.trailing_spaces, "value") +
                                    " ending in spaces; char(n)/varchar(n) would pad, trim or compare them away",
                                s.trailing_spaces, s.first_trailing_space_line},
                               false));
    // Numbers in a text column, or text in a bytea column, keep their value but not their storage class.
    bool unified = false;
    for (StorageClass c : {StorageClass::Integer, StorageClass::Real, StorageClass::Text, StorageClass::Blob})
        if (s.of(c) > 0 && !keeps_storage_class(col.pg_type, c)) unified = true;
    if (unified)
        record(col, ctx,
               {"storage-class-unified", Severity::Note, false,
                "column \"" + table.sqlite_name + "\".\"" + col.def.name.name + "\"", table.line,
                "values of several storage classes stored as " + std::string(pg::type_name(col.pg_type)),
                "PostgreSQL columns have one type; every value is kept, typeof() is not"});
}

void rows_end(TableInfo& table, PassContext& ctx) {
    if (table.skipped) return;
    for (ColumnInfo& col : table.columns) choose(table, col, ctx);
}

/// The collation a column of type `t` gets, as define-tables gives it: text compares bytes, like SQLite's BINARY.
std::string text_collation(Type t) { return t == Type::Text ? "C" : ""; }

/// Whether `index` may need text semantics from column `name`: it mentions the column and, for types with
/// equality and ordering, uses it inside an expression key or a WHERE clause (a plain key works on any of them).
bool index_needs_text(const DeferredObject& index, std::string_view name, Type t) {
    if (!mentions(index.source_text, name)) return false;
    if (t == Type::Json) return true;
    const auto* idx = std::get_if<ast::CreateIndex>(&index.statement.node);
    if (!idx || idx->where) return true;
    for (const ast::IndexedColumn& ic : idx->columns)
        if (!ic.expr || !std::holds_alternative<ast::ColumnRef>(ic.expr->node)) return true;
    return false;
}

/// The whole schema is known: a date/time, uuid or json column that an index expression, a view or a trigger
/// may use as text becomes text before those are created (their text is searched for the column's name: a false
/// match only keeps text). A --cast rule's type is kept (json excepted): the user asked for it.
void finish(PassContext& ctx) {
    for (const auto& table : ctx.catalog.tables()) {
        if (table->skipped) continue;
        for (ColumnInfo& col : table->columns) {
            const Type t = col.pg_type;
            if (!has_own_semantics(t)) continue;
            std::optional<Intent> intent = intent_of(col, ctx.casts);
            if (intent && intent->cast && t != Type::Json) continue;
            const DeferredObject* user = nullptr;
            for (const DeferredObject& obj : ctx.catalog.indexes)
                if (!user && index_needs_text(obj, col.def.name.name, t)) user = &obj;
            for (const auto* list : {&ctx.catalog.views, &ctx.catalog.triggers})
                for (const DeferredObject& obj : *list)
                    if (!user && mentions(obj.source_text, col.def.name.name)) user = &obj;
            if (!user) continue;
            col.pg_type = Type::Text;
            for (pg::Column& pc : table->pg.columns)
                if (pc.name == col.pg_name) {
                    pc.type = Type::Text;
                    pc.collation = text_collation(Type::Text);
                }
            Decision d = column_decision(*table, col, "type-changed", std::string(pg::type_name(t)) + " → text",
                                         {"an index, view or trigger (dump line " + std::to_string(user->statement.loc.line) +
                                              ") may use it with text semantics, which " + std::string(pg::type_name(t)) +
                                              " does not have",
                                          0, user->statement.loc.line},
                                         false);
            ctx.post.retypes.push_back({table->pg_name, col.pg_name, t, {}, Type::Text, text_collation(Type::Text),
                                        {ctx.decisions.record(std::move(d))}});
        }
    }
}

}  // namespace

namespace {

/// Why widening `col` from `from` to `to` cannot give every value already written the text it would have
/// had in a column of type `to` from the start, or empty when it can (pg::retype_using spells them back).
std::string inexact_widening(const ColumnInfo& col, Type from, Type to) {
    const bool to_text = to == Type::Text || to == Type::Bytea;
    if (from == Type::DoublePrecision && to_text && col.written_integers > 0)
        return "the " + plural(col.written_integers, "integer") +
               " already written as double precision now read as reals (3 as 3.0)";
    if (from == Type::DoublePrecision && to == Type::Numeric && col.written_numeric_respelt_reals > 0)
        return "the " + plural(col.written_numeric_respelt_reals, "real") +
               " already written as double precision that are integral, from 1e15 on or below 1e-4 may be held "
               "otherwise than numeric would have held them (3.0 as 3, 2^60 with its shortest digits)";
    if (from == Type::Numeric && to_text && col.written_numeric_respelt_reals > 0)
        return "the " + plural(col.written_numeric_respelt_reals, "real") +
               " already written as numeric now read as numeric prints them (3.0 as 3, 1e-05 as 0.00001)";
    return {};
}

}  // namespace

namespace {

/// Whether values summarised by `s`, written as type `t`, can still be given the text a text column holds
/// if a later value widens the column (pg::retype_using): not when integers are held as double precision
/// (they would read as reals), nor reals numeric prints otherwise than they are written.
bool text_recoverable(Type t, const ColumnStats& s) {
    if (t == Type::DoublePrecision) return s.of(StorageClass::Integer) == 0;
    if (t == Type::Numeric) return s.reals_numeric_respells == 0;
    return true;
}

}  // namespace

bool rows_can_flow(const TableInfo& table, PassContext& ctx) {
    for (std::size_t c : table.loaded_columns) {
        const ColumnInfo& col = table.columns[c];
        Type t = col.pg_type;
        if (!table.created || !type_holds(col.pg_type, col.pg_typmod, col.stats)) t = pick_type(table, col, ctx.casts).type;
        if (!text_recoverable(t, col.stats)) return false;
    }
    return true;
}

std::vector<LateRetype> widen_for_late_rows(TableInfo& table, PassContext& ctx, std::string_view after) {
    std::vector<LateRetype> out;
    for (std::size_t c : table.loaded_columns) {
        ColumnInfo& col = table.columns[c];
        if (type_holds(col.pg_type, col.pg_typmod, col.stats)) continue;
        const Type from = col.pg_type;
        const NumericTypmod from_typmod = col.pg_typmod;
        // The type a whole read of the values gives: the same decision as at the CREATE TABLE.
        const TypeChoice choice = pick_type(table, col, ctx.casts);
        // (Text holding blobs that are valid text, written as their bytes, is already that type.)
        if (choice.type == from && choice.typmod == from_typmod) continue;
        Misfit m = misfit_of(from, from_typmod, col.stats);
        col.pg_type = choice.type;
        col.pg_typmod = choice.typmod;
        const std::string inexact = inexact_widening(col, from, col.pg_type);
        const bool lossy = (col.pg_type == Type::Bytea && !col.stats.text_is_postgres_text) || !inexact.empty();
        Decision d = column_decision(table, col, "type-widened",
                                     pg::type_spelling(from, from_typmod) + " → " + pg::type_spelling(col.pg_type, col.pg_typmod),
                                     std::move(m), lossy);
        d.why = std::string(after) + ": " + d.why;
        if (!inexact.empty()) d.why += "; " + inexact;
        const std::string collation = text_collation(col.pg_type);
        for (pg::Column& pc : table.pg.columns)
            if (pc.name == col.pg_name) {
                pc.type = col.pg_type;
                pc.typmod = col.pg_typmod;
                pc.collation = collation;
            }
        out.push_back({col.pg_name, from, from_typmod, col.pg_type, col.pg_typmod, collation,
                       ctx.decisions.record(std::move(d))});
    }
    return out;
}

const Pass kChooseColumnTypes{.name = "choose-column-types",
                       .summary = "PostgreSQL column types from declared types, --cast rules and the data",
                       .on_table_defined = plan_checks,
                       .on_table_rows_end = rows_end,
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
