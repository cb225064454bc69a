#include "ast/walk.hpp"

#include <type_traits>

namespace sqlite2pg::ast {

void Walker::walk(Expr& e) const {
    if (on_expr) on_expr(e);
    std::visit(
        [this](auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Unary>) {
                walk(n.operand);
            } else if constexpr (std::is_same_v<T, Binary>) {
                walk(n.left);
                walk(n.right);
            } else if constexpr (std::is_same_v<T, Collate>) {
                walk(n.operand);
            } else if constexpr (std::is_same_v<T, PatternMatch>) {
                walk(n.operand);
                walk(n.pattern);
                walk(n.escape);
            } else if constexpr (std::is_same_v<T, Between>) {
                walk(n.operand);
                walk(n.low);
                walk(n.high);
            } else if constexpr (std::is_same_v<T, InExpr>) {
                walk(n.operand);
                for (auto& x : n.list) walk(x);
                if (n.select) walk(*n.select);
            } else if constexpr (std::is_same_v<T, NullTest>) {
                walk(n.operand);
            } else if constexpr (std::is_same_v<T, FunctionCall>) {
                for (auto& x : n.args) walk(x);
                walk_ordering(n.order_by);
                walk(n.filter);
                if (n.over) walk_window(*n.over);
            } else if constexpr (std::is_same_v<T, Cast>) {
                walk(n.operand);
            } else if constexpr (std::is_same_v<T, CaseExpr>) {
                walk(n.operand);
                for (auto& w : n.whens) {
                    walk(w.condition);
                    walk(w.result);
                }
                walk(n.otherwise);
            } else if constexpr (std::is_same_v<T, SubqueryExpr>) {
                if (n.select) walk(*n.select);
            } else if constexpr (std::is_same_v<T, Raise>) {
                walk(n.message);
            } else if constexpr (std::is_same_v<T, RowValue>) {
                for (auto& x : n.items) walk(x);
            } else if constexpr (std::is_same_v<T, Parenthesized>) {
                walk(n.inner);
            }
        },
        e.node);
}

void Walker::walk(Select& s) const {
    if (on_select) on_select(s);
    if (s.with)
        for (auto& cte : s.with->ctes)
            if (cte.select) walk(*cte.select);
    walk_core(s.first);
    for (auto& c : s.compounds) walk_core(c.core);
    walk_ordering(s.order_by);
    walk(s.limit);
    walk(s.offset);
}

void Walker::walk_core(SelectCore& core) const {
    for (auto& row : core.values)
        for (auto& x : row) walk(x);
    for (auto& col : core.columns) walk(col.expr);
    if (core.from) walk_join(*core.from);
    walk(core.where);
    for (auto& x : core.group_by) walk(x);
    walk(core.having);
    for (auto& w : core.windows) walk_window(w.spec);
}

void Walker::walk_table_ref(TableRef& ref) const {
    if (on_table_ref) on_table_ref(ref);
    for (auto& x : ref.args) walk(x);
    if (ref.select) walk(*ref.select);
    if (ref.join) walk_join(*ref.join);
}

void Walker::walk_join(JoinClause& join) const {
    walk_table_ref(join.first);
    for (auto& step : join.steps) {
        walk_table_ref(step.right);
        walk(step.on);
    }
}

void Walker::walk_window(WindowSpec& w) const {
    for (auto& x : w.partition_by) walk(x);
    walk_ordering(w.order_by);
    if (w.frame) {
        walk(w.frame->start.offset);
        if (w.frame->end) walk(w.frame->end->offset);
    }
}

void Walker::walk_ordering(std::vector<OrderingTerm>& terms) const {
    for (auto& t : terms) walk(t.expr);
}

}  // namespace sqlite2pg::ast
