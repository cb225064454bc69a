#pragma once
// The expression translator: rewrites a SQLite expression or query (names already renamed to their
// PostgreSQL forms) in place into a PostgreSQL form that gives the same results, or says why it cannot.
//
// It works bottom-up and knows, for every sub-expression, the storage class of its values (SqlType), taken
// from the PostgreSQL types chosen for the columns and from literals. That decides the translation:
//   a / b           on bigint columns → a / NULLIF(b, 0)            (integer division, NULL on zero)
//   name || id      on text, bigint   → name || CAST(id AS text)
//   SUM(x > 5)                        → CAST(sum(CAST(x > 5 AS integer)) AS bigint)
//   name LIKE 'a%'                    → lower(name COLLATE "C") LIKE lower('a%' COLLATE "C") ESCAPE ''
// Anything whose result could differ (unknown types, formatting of reals, functions without an exact
// form) throws Untranslatable, which the entry points turn into the reason the object is left out.
// The rules per construct live in one file each: operators.cpp, functions.cpp, datetime.cpp, query.cpp.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ast/dml.hpp"
#include "ast/expr.hpp"
#include "passes/catalog.hpp"
#include "passes/translate/sqlite_type.hpp"

namespace sqlite2pg::passes::translate {

/// Thrown when a construct has no PostgreSQL form with the same results; `what` says which.
struct Untranslatable {
    std::string why;
};

/// What the translation may use.
struct Settings {
    bool compat_functions = false;  ///< the sqlite_compat schema exists (--compat-functions)
    bool immutable_only = false;    ///< index keys and generated columns: IMMUTABLE functions only
};

/// A relation visible in a query: its name or alias (PostgreSQL form) and its columns.
struct FromItem {
    std::string name;
    std::vector<RelationColumn> columns;
};

/// The names an expression can see: the FROM items of its query, the outer queries', CTEs, and the
/// output aliases ORDER BY / GROUP BY may use.
struct Scope {
    const Scope* parent = nullptr;
    std::vector<FromItem> items;
    std::map<std::string, std::vector<RelationColumn>> ctes;
    std::vector<RelationColumn> outputs;  ///< result columns, for ORDER BY/GROUP BY/HAVING alias references
};

class Translator {
public:
    Translator(Catalog& catalog, Settings settings) : catalog_(catalog), settings_(settings) {}

    /// Translates `e` for use as a value (comparison results become integers 0/1).
    Typed value(ast::ExprPtr& e, const Scope& scope);
    /// Translates `e` for use as a condition (WHERE, ON, CHECK, WHEN): numbers are true when not 0.
    void condition(ast::ExprPtr& e, const Scope& scope);
    /// Translates a query; returns its result columns.
    std::vector<RelationColumn> query(ast::Select& s, const Scope* outer);
    /// Translates the statements a trigger body may hold; `scope` has NEW and/or OLD.
    void insert(ast::Insert& s, const Scope& scope);
    void update(ast::Update& s, const Scope& scope);
    void remove(ast::Delete& s, const Scope& scope);

    /// The columns of a table or translated view named `pg_name`, or nullopt.
    std::optional<std::vector<RelationColumn>> relation(const std::string& pg_name, const Scope* scope) const;
    /// The columns of a table as the translator sees them.
    static std::vector<RelationColumn> table_columns(const TableInfo& table);

    const Settings& settings() const { return settings_; }

private:
    friend struct Operators;
    friend struct Functions;
    friend struct DateTime;

    Typed translate(ast::ExprPtr& e, const Scope& scope);  ///< in place; Bool stays a PostgreSQL boolean
    Typed column(ast::ExprPtr& e, const Scope& scope);
    Typed literal(ast::ExprPtr& e);
    Typed case_expr(ast::ExprPtr& e, const Scope& scope);
    Typed cast(ast::ExprPtr& e, const Scope& scope);
    Typed subquery(ast::ExprPtr& e, const Scope& scope);
    void core(ast::SelectCore& c, Scope& scope, std::vector<RelationColumn>& outputs);
    void from_item(ast::TableRef& r, Scope& into, const Scope& outer);
    void join(ast::JoinClause& j, Scope& into, const Scope& outer);
    void check_grouping(ast::SelectCore& c, const Scope& scope);

    Catalog& catalog_;
    Settings settings_;
};

// ---- Helpers shared by the translation files ----------------------------------------------------------

/// Makes `e` a value: a PostgreSQL boolean (comparison result) becomes CAST(e AS integer).
void to_value(ast::ExprPtr& e, Typed& t);
/// Makes `e` a PostgreSQL boolean with SQLite's truth rules (a number is true when not 0).
void to_condition(ast::ExprPtr& e, const Typed& t);
/// `CAST(e AS type_name)`.
ast::ExprPtr make_cast(ast::ExprPtr e, const std::string& type_name);
/// `name(args…)`.
ast::ExprPtr make_call(const std::string& name, std::vector<ast::ExprPtr> args);
/// A string literal.
ast::ExprPtr make_string(const std::string& text);
/// An integer literal.
ast::ExprPtr make_integer(long long v);
/// `e COLLATE "C"`.
ast::ExprPtr with_c_collation(ast::ExprPtr e);
/// Text form of `e` with SQLite's number-to-text rules: text as is, integers cast; throws for the rest.
ast::ExprPtr as_text(ast::ExprPtr e, const Typed& t, const char* where);
/// The literal inside `e` (through parentheses), or nullptr.
const ast::Literal* literal_of(const ast::ExprPtr& e);
/// Whether SQLite's NUMERIC affinity would turn `text` into a number (or might: refused either way).
bool looks_numeric(const std::string& text);
/// The value of an integer constant (`5`, `-5`, `(+5)`), or nullopt.
std::optional<long long> integer_constant(const ast::ExprPtr& e);
/// A readable name of a SqlType for reasons.
std::string type_word(SqlType t);
/// Whether `t` is a number (Integer, Real, Number or Bool).
bool is_number(SqlType t);
/// The type of a result that is either of two numbers: integers and comparison results stay integers,
/// a real makes it real, otherwise a Number.
SqlType merge_numbers(SqlType a, SqlType b);

/// Operator rules (operators.cpp).
struct Operators {
    static Typed binary(Translator& tr, ast::ExprPtr& e, const Scope& scope);
    static Typed unary(Translator& tr, ast::ExprPtr& e, const Scope& scope);
    static Typed pattern(Translator& tr, ast::ExprPtr& e, const Scope& scope);
    static Typed between(Translator& tr, ast::ExprPtr& e, const Scope& scope);
    static Typed in(Translator& tr, ast::ExprPtr& e, const Scope& scope);
    /// Prepares two already translated operands for a comparison with SQLite's affinity rules.
    static void compare_operands(ast::ExprPtr& l, Typed& lt, ast::ExprPtr& r, Typed& rt, bool ordering);
};

/// Function rules (functions.cpp).
struct Functions {
    static Typed call(Translator& tr, ast::ExprPtr& e, const Scope& scope);
    /// Whether `name` (lower case) is an aggregate when called with `args` arguments.
    static bool is_aggregate(const std::string& name, std::size_t args);
};

/// Date and time functions and the CURRENT_* keywords (datetime.cpp).
struct DateTime {
    static Typed call(Translator& tr, ast::ExprPtr& e, const std::string& name, const Scope& scope);
    /// CURRENT_TIME / CURRENT_DATE / CURRENT_TIMESTAMP as SQLite's UTC text.
    static ast::ExprPtr current(ast::Literal::Kind kind);
};

}  // namespace sqlite2pg::passes::translate
