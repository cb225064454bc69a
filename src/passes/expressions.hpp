#pragma once
// Shared by the passes that carry expressions over (defaults, CHECK, indexes, generated columns, views,
// triggers): renaming of the names inside them and the entry points of the expression translator
// (passes/translate/), which rewrites SQLite expressions into PostgreSQL forms with the same results or
// says why it cannot — the object is then left out and reported, never mistranslated.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ast/expr.hpp"
#include "passes/catalog.hpp"
#include "passes/pass.hpp"

namespace sqlite2pg::passes {

/// How an expression is used: as a value (comparisons become integers 0/1) or as a condition.
enum class ExprUse { Value, Condition };

/// Renames and translates `e` in place, in the context of `table` (a CHECK, index key or predicate,
/// generated column). `immutable_only` for index keys and generated columns. Returns why it cannot.
std::optional<std::string> translate_expression(ast::ExprPtr& e, ExprUse use, TableInfo& table, PassContext& ctx,
                                                bool immutable_only);
/// Renames and translates a view's query in place; `columns` receives its result columns.
std::optional<std::string> translate_view_query(ast::Select& s, PassContext& ctx, std::vector<RelationColumn>& columns);
/// The PostgreSQL default for `column`'s SQLite DEFAULT `e` (postgres-semantics.md §5.6), or nullptr with
/// `why` set when none gives the same value in the column's PostgreSQL type.
ast::ExprPtr translate_default(const ast::ExprPtr& e, const ColumnInfo& column, PassContext& ctx, std::string& why);

/// Turns `"x"` into the string 'x' wherever it names no column SQLite could see (its double-quoted-string
/// rule); `known` holds the SQLite keys of the names that are columns or aliases. Run before renaming.
void double_quoted_strings(ast::Expr& e, const std::set<std::string>& known);
void double_quoted_strings(ast::Select& s, const std::set<std::string>& known);
/// The SQLite keys of every column of every table, and of every alias and CTE column in `s`, if given.
std::set<std::string> known_names(const Catalog& catalog, ast::Select* s);

/// Rewrites every table and column name in `e` to its PostgreSQL name. Unqualified columns resolve
/// against `scope` (the table an index, CHECK or default belongs to) when given; other names are folded
/// and shortened the way every name is (DESIGN.md §7). `main.`/`temp.` qualifiers are dropped.
void rename_references(ast::Expr& e, Catalog& catalog, TableInfo* scope);
void rename_references(ast::Select& s, Catalog& catalog);

/// The PostgreSQL name for a SQLite name that is not a table or a known column (an alias, a view column).
std::string pg_name_of(std::string_view sqlite_name);

}  // namespace sqlite2pg::passes
