#pragma once
// Prints expressions and queries in PostgreSQL syntax. Purely syntactic: the passes have already renamed
// every name and kept only expressions that mean the same in PostgreSQL; this spells them. Sub-expressions
// are parenthesised whenever they are not atoms, so that precedence never depends on the two grammars agreeing.
#include <string>

#include "ast/dml.hpp"
#include "ast/expr.hpp"

namespace sqlite2pg::emit {

/// `e` in PostgreSQL syntax, names quoted where PostgreSQL needs it.
std::string print_expr(const ast::Expr& e);
/// A whole query.
std::string print_select(const ast::Select& s);
/// The statements of trigger bodies, as the translator left them (no INSERT OR …, no RETURNING).
std::string print_insert(const ast::Insert& s);
std::string print_update(const ast::Update& s);
std::string print_delete(const ast::Delete& s);
/// ` ASC`/` DESC` and ` NULLS FIRST`/` NULLS LAST` as given (empty for None), for ORDER BY and index keys.
std::string print_sort_suffix(ast::SortOrder order, ast::NullsOrder nulls);

}  // namespace sqlite2pg::emit
