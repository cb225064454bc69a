#pragma once
// A compact, stable S-expression rendering of the AST for tests and debugging. Locations are left out;
// names show their quote style around the unescaped name (`"a"b"` is the name a"b, double-quoted).
#include <string>

#include "ast/expr.hpp"
#include "ast/statement.hpp"

namespace sqlite2pg::ast {

/// The statement as an S-expression, e.g. `(create-table t (column a (type INT)))`.
std::string debug_dump(const Statement& statement);
/// The expression as an S-expression, e.g. `(+ (col a) (int 1))`.
std::string debug_dump(const Expr& expr);
/// The query as an S-expression.
std::string debug_dump(const Select& select);

}  // namespace sqlite2pg::ast
