#pragma once
// Shared by the passes that carry expressions over (defaults, CHECK, indexes, views): which SQLite
// expressions mean the same in PostgreSQL when printed as they are, and renaming of the names inside them.
//
// Until the expression translator exists, only a conservative subset passes: column references, numbers
// and strings, comparisons, AND/OR/NOT, + - *, IS [NOT] NULL, BETWEEN, IN, CASE, subqueries and a few
// functions whose meaning is identical (count, sum, min, max with one argument, coalesce, nullif). Anything
// else (division, ||, LIKE, date functions, casts, window functions, …) can mean something else in
// PostgreSQL, so objects using it are left out and reported rather than mistranslated.
#include <optional>
#include <string>

#include "ast/expr.hpp"
#include "passes/catalog.hpp"

namespace sqlite2pg::passes {

/// Why `e` cannot be printed as is with the same meaning in PostgreSQL, or nullopt when it can.
std::optional<std::string> unportable_reason(ast::Expr& e, const Catalog& catalog);
/// The same for a whole query.
std::optional<std::string> unportable_reason(ast::Select& s, const Catalog& catalog);

/// Rewrites every table and column name in `e` to its PostgreSQL name. Unqualified columns resolve
/// against `scope` (the table an index, CHECK or default belongs to) when given; other names are folded
/// and shortened the way every name is (DESIGN.md §7). `main.`/`temp.` qualifiers are dropped.
void rename_references(ast::Expr& e, Catalog& catalog, TableInfo* scope);
void rename_references(ast::Select& s, Catalog& catalog);

/// Rewrites the calls that have an exact PostgreSQL form once their argument's type is known:
/// `upper(t)`/`lower(t)` on a text column of `scope` become `upper(t COLLATE "C")`, because SQLite folds
/// ASCII letters only and PostgreSQL's "C" collation does exactly that (postgres-semantics.md §5.5).
/// Run after rename_references.
void apply_exact_forms(ast::Expr& e, const TableInfo& scope);

/// The PostgreSQL name for a SQLite name that is not a table or a known column (an alias, a view column).
std::string pg_name_of(std::string_view sqlite_name);

}  // namespace sqlite2pg::passes
