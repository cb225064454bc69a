#pragma once
// Generic traversal of expression and query trees, so that passes never re-implement tree walking.
// Callbacks see every node once, parents before children, including nodes inside subqueries.
#include <functional>

#include "ast/expr.hpp"

namespace sqlite2pg::ast {

/// Callbacks for a walk; either may be empty.
struct Walker {
    std::function<void(Expr&)> on_expr;
    std::function<void(TableRef&)> on_table_ref;
    std::function<void(Select&)> on_select;

    void walk(Expr& e) const;
    void walk(Select& s) const;
    void walk(ExprPtr& e) const {
        if (e) walk(*e);
    }

private:
    void walk_core(SelectCore& core) const;
    void walk_table_ref(TableRef& ref) const;
    void walk_join(JoinClause& join) const;
    void walk_window(WindowSpec& w) const;
    void walk_ordering(std::vector<OrderingTerm>& terms) const;
};

}  // namespace sqlite2pg::ast
