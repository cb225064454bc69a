// Queries: scopes (FROM items, CTEs, output aliases), result columns, grouping, ORDER BY with SQLite's
// NULL order and binary collation, LIMIT; and the INSERT/UPDATE/DELETE statements of trigger bodies.
#include <set>

#include "ast/walk.hpp"
#include "passes/translate/translator.hpp"

namespace sqlite2pg::passes::translate {
namespace {

bool is_aggregate_call(const ast::Expr& e) {
    auto* f = std::get_if<ast::FunctionCall>(&e.node);
    return f && !f->over && !f->over_window && Functions::is_aggregate(sqlite_name_key(f->name.name), f->args.size());
}

/// Whether `e` calls an aggregate of its own query (aggregates inside subqueries belong to those).
bool has_aggregate(ast::ExprPtr& e) {
    std::set<const ast::Expr*> nested;
    ast::Walker mark;
    mark.on_expr = [&](ast::Expr& x) { nested.insert(&x); };
    ast::Walker outer;
    outer.on_expr = [&](ast::Expr& x) {
        if (auto* s = std::get_if<ast::SubqueryExpr>(&x.node); s && s->select) mark.walk(*s->select);
        if (auto* in = std::get_if<ast::InExpr>(&x.node); in && in->select) mark.walk(*in->select);
    };
    outer.walk(e);
    bool found = false;
    ast::Walker w;
    w.on_expr = [&](ast::Expr& x) { found |= is_aggregate_call(x) && !nested.count(&x); };
    w.walk(e);
    return found;
}

/// Throws when values of a NOCASE/RTRIM column would be grouped or deduplicated: SQLite compares them
/// under that collation, PostgreSQL byte by byte.
void require_binary_grouping(const Typed& t, const char* where) {
    if (t.type == SqlType::Text && t.collation != SqlCollation::Binary)
        throw Untranslatable{std::string(where) + " on a column with COLLATE NOCASE or RTRIM"};
}

/// Whether a column reference is one of the GROUP BY terms (same column, same or no qualifier).
bool same_column(const ast::ColumnRef& a, const ast::ExprPtr& term) {
    auto* b = term ? std::get_if<ast::ColumnRef>(&term->node) : nullptr;
    if (!b || a.column.name != b->column.name) return false;
    return !a.table || !b->table || a.table->name == b->table->name;
}

/// Throws when `e` reads a column outside an aggregate that GROUP BY does not fix: SQLite takes it from
/// an arbitrary row of the group (or the row of the min/max), PostgreSQL rejects the query.
void require_grouped(const ast::ExprPtr& e, const std::vector<ast::ExprPtr>& group_by) {
    if (!e) return;
    for (const ast::ExprPtr& g : group_by)
        if (g && *g == *e) return;
    if (is_aggregate_call(*e) || std::holds_alternative<ast::SubqueryExpr>(e->node)) return;
    if (auto* ref = std::get_if<ast::ColumnRef>(&e->node)) {
        for (const ast::ExprPtr& g : group_by)
            if (same_column(*ref, g)) return;
        throw Untranslatable{"the bare column \"" + ref->column.name + "\" in an aggregate query"};
    }
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, ast::Binary>) {
                require_grouped(n.left, group_by);
                require_grouped(n.right, group_by);
            } else if constexpr (std::is_same_v<T, ast::Unary> || std::is_same_v<T, ast::NullTest> ||
                                 std::is_same_v<T, ast::Cast> || std::is_same_v<T, ast::Collate>) {
                require_grouped(n.operand, group_by);
            } else if constexpr (std::is_same_v<T, ast::Parenthesized>) {
                require_grouped(n.inner, group_by);
            } else if constexpr (std::is_same_v<T, ast::FunctionCall>) {
                for (const auto& a : n.args) require_grouped(a, group_by);
            } else if constexpr (std::is_same_v<T, ast::CaseExpr>) {
                require_grouped(n.operand, group_by);
                for (const auto& w : n.whens) {
                    require_grouped(w.condition, group_by);
                    require_grouped(w.result, group_by);
                }
                require_grouped(n.otherwise, group_by);
            } else if constexpr (std::is_same_v<T, ast::PatternMatch>) {
                require_grouped(n.operand, group_by);
                require_grouped(n.pattern, group_by);
            } else if constexpr (std::is_same_v<T, ast::Between>) {
                require_grouped(n.operand, group_by);
                require_grouped(n.low, group_by);
                require_grouped(n.high, group_by);
            } else if constexpr (std::is_same_v<T, ast::InExpr>) {
                require_grouped(n.operand, group_by);
                for (const auto& x : n.list) require_grouped(x, group_by);
            }
        },
        e->node);
}

/// A LIMIT/OFFSET value: an integer; a negative constant means "no limit" (LIMIT) or 0 (OFFSET) in SQLite.
void limit_value(Translator& tr, ast::ExprPtr& e, const Scope& scope, bool is_limit) {
    if (!e) return;
    Typed t = tr.value(e, scope);
    if (t.type != SqlType::Integer) throw Untranslatable{"LIMIT/OFFSET of " + type_word(t.type)};
    std::optional<long long> n = integer_constant(e);
    if (!n) throw Untranslatable{"a computed LIMIT/OFFSET (negative values mean no limit in SQLite)"};
    if (*n < 0) e = is_limit ? ast::ExprPtr() : make_integer(0);
}

}  // namespace

void Translator::from_item(ast::TableRef& r, Scope& into, const Scope& outer) {
    using K = ast::TableRef::Kind;
    FromItem item;
    switch (r.kind) {
        case K::Table: {
            auto cols = relation(r.name.name.name, &outer);
            if (!cols) throw Untranslatable{"\"" + r.name.name.name + "\", which is not a converted table or view"};
            item.columns = std::move(*cols);
            item.name = r.alias ? r.alias->name : r.name.name.name;
            break;
        }
        case K::Subquery: {
            if (!r.select) throw Untranslatable{"an empty subquery"};
            item.columns = query(*r.select, &outer);
            for (auto& c : item.columns) c.type.affinity.reset();
            if (!r.alias)  // PostgreSQL before 16 requires an alias
                r.alias = ast::Identifier{"sqlite2pg_subquery" + std::to_string(into.items.size() + 1),
                                          ast::QuoteStyle::None, {}};
            item.name = r.alias->name;
            break;
        }
        case K::Join: {
            if (!r.join) throw Untranslatable{"an empty join"};
            if (r.alias) throw Untranslatable{"an aliased parenthesised join"};
            join(*r.join, into, outer);
            return;
        }
        case K::Function: throw Untranslatable{"table-valued function " + r.name.name.name + "()"};
    }
    r.indexed_by.reset();  // INDEXED BY / NOT INDEXED are planner hints with no PostgreSQL form
    r.not_indexed = false;
    into.items.push_back(std::move(item));
}

void Translator::join(ast::JoinClause& j, Scope& into, const Scope& outer) {
    from_item(j.first, into, outer);
    for (auto& step : j.steps) {
        from_item(step.right, into, outer);
        if (step.on) condition(step.on, into);
    }
}

void Translator::core(ast::SelectCore& c, Scope& scope, std::vector<RelationColumn>& outputs) {
    if (c.is_values) {
        for (std::size_t r = 0; r < c.values.size(); ++r)
            for (std::size_t i = 0; i < c.values[r].size(); ++i) {
                Typed t = value(c.values[r][i], scope);
                if (r == 0) outputs.push_back({"column" + std::to_string(i + 1), t, false});
                else if (outputs[i].type.type != t.type && t.type != SqlType::Null) outputs[i].type.type = SqlType::Unknown;
            }
        return;
    }
    if (!c.windows.empty()) throw Untranslatable{"window definitions"};
    // FROM subqueries see the CTEs and outer queries (scope.parent), not their sibling FROM items.
    const Scope empty;
    if (c.from) join(*c.from, scope, scope.parent ? *scope.parent : empty);
    bool aggregate = !c.group_by.empty();
    for (ast::ResultColumn& col : c.columns) {
        if (col.star) {
            for (const FromItem& item : scope.items)
                if (!col.star_table || col.star_table->name == item.name)
                    for (const RelationColumn& rc : item.columns) outputs.push_back(rc);
            continue;
        }
        if (has_aggregate(col.expr)) aggregate = true;
        Typed t = value(col.expr, scope);
        std::string name;
        if (col.alias) name = col.alias->name;
        else if (auto* ref = std::get_if<ast::ColumnRef>(&col.expr->node)) name = ref->column.name;
        if (!std::holds_alternative<ast::ColumnRef>(col.expr->node)) t.affinity.reset();
        outputs.push_back({name, t, false});
    }
    if (c.where) condition(c.where, scope);
    for (ast::ExprPtr& g : c.group_by) {
        if (const ast::Literal* lit = literal_of(g); lit && lit->kind == ast::Literal::Kind::Integer) continue;
        require_binary_grouping(value(g, scope), "GROUP BY");
    }
    if (c.distinct)
        for (const RelationColumn& out : outputs) require_binary_grouping(out.type, "SELECT DISTINCT");
    if (c.having) {
        Scope having_scope = scope;
        having_scope.outputs = outputs;
        condition(c.having, having_scope);
        aggregate = true;
    }
    if (aggregate) {
        for (ast::ResultColumn& col : c.columns) {
            if (col.star) throw Untranslatable{"* in an aggregate query"};
            require_grouped(col.expr, c.group_by);
        }
        require_grouped(c.having, c.group_by);
    }
}

std::vector<RelationColumn> Translator::query(ast::Select& s, const Scope* outer) {
    Scope base;
    base.parent = outer;
    if (s.with) {
        if (s.with->recursive) throw Untranslatable{"recursive CTEs"};
        for (auto& cte : s.with->ctes) {
            if (!cte.select) throw Untranslatable{"an empty CTE"};
            std::vector<RelationColumn> cols = query(*cte.select, &base);
            if (!cte.columns.empty()) {
                if (cte.columns.size() != cols.size()) throw Untranslatable{"a CTE with a wrong column count"};
                for (std::size_t i = 0; i < cols.size(); ++i) cols[i].name = cte.columns[i].name;
            }
            for (auto& c : cols) c.type.affinity.reset();
            base.ctes[cte.name.name] = std::move(cols);
        }
    }
    Scope first_scope;
    first_scope.parent = &base;
    std::vector<RelationColumn> outputs;
    core(s.first, first_scope, outputs);
    for (auto& compound : s.compounds) {
        Scope scope;
        scope.parent = &base;
        std::vector<RelationColumn> more;
        core(compound.core, scope, more);
        if (more.size() != outputs.size()) throw Untranslatable{"a compound SELECT with different column counts"};
        if (compound.op != ast::CompoundOp::UnionAll)
            for (std::size_t i = 0; i < outputs.size(); ++i) {
                require_binary_grouping(outputs[i].type, "UNION/INTERSECT/EXCEPT");
                require_binary_grouping(more[i].type, "UNION/INTERSECT/EXCEPT");
            }
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            SqlType a = outputs[i].type.type, b = more[i].type.type;
            if (a == SqlType::Null) outputs[i].type.type = b;
            else if (b != SqlType::Null && a != b) {
                if (is_number(a) && is_number(b)) outputs[i].type.type = merge_numbers(a, b);
                else throw Untranslatable{"a compound SELECT mixing " + type_word(a) + " and " + type_word(b)};
            }
        }
    }
    bool compound = !s.compounds.empty();
    Scope order_scope = compound ? Scope{&base, {}, {}, {}} : first_scope;
    order_scope.outputs = outputs;
    for (ast::OrderingTerm& term : s.order_by) {
        if (term.nulls == ast::NullsOrder::None)  // SQLite sorts NULLs first ascending, last descending
            term.nulls = term.order == ast::SortOrder::Desc ? ast::NullsOrder::Last : ast::NullsOrder::First;
        if (const ast::Literal* lit = literal_of(term.expr); lit && lit->kind == ast::Literal::Kind::Integer) continue;
        Typed t = value(term.expr, order_scope);
        if (t.type == SqlType::Unknown) throw Untranslatable{"ORDER BY " + type_word(t.type)};
        if (t.type != SqlType::Text) continue;
        if (t.collation == SqlCollation::RTrim) throw Untranslatable{"ORDER BY … COLLATE RTRIM"};
        if (compound) {
            if (t.collation != SqlCollation::Binary) throw Untranslatable{"ORDER BY … COLLATE NOCASE in a compound SELECT"};
            continue;  // PostgreSQL allows only output names here; "C" comes from the columns
        }
        term.expr = t.collation == SqlCollation::NoCase ? make_call("lower", {with_c_collation(std::move(term.expr))})
                                                        : with_c_collation(std::move(term.expr));
    }
    limit_value(*this, s.limit, order_scope, true);
    limit_value(*this, s.offset, order_scope, false);
    return outputs;
}

}  // namespace sqlite2pg::passes::translate
