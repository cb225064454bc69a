// SELECT: CTEs, compounds, cores, FROM items and joins, ordering, windows.
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {

ast::Select Transformer::transform_select(SQLiteParser::Select_stmtContext& ctx) {
    ast::Select select;
    if (auto* with = ctx.with_clause()) select.with = transform_with(*with);
    const auto cores = ctx.select_core();
    select.first = transform_select_core(*cores[0]);
    const auto ops = ctx.compound_operator();
    for (std::size_t i = 0; i < ops.size(); ++i) {
        auto& op = *ops[i];
        const ast::CompoundOp kind = op.UNION_() ? (op.ALL_() ? ast::CompoundOp::UnionAll : ast::CompoundOp::Union)
                                   : op.INTERSECT_() ? ast::CompoundOp::Intersect
                                                     : ast::CompoundOp::Except;
        select.compounds.push_back({kind, transform_select_core(*cores[i + 1])});
    }
    select.order_by = transform_order_by(ctx.order_by_clause());
    select.limit_comma = transform_limit(ctx.limit_clause(), select.limit, select.offset);
    return select;
}

ast::WithClause Transformer::transform_with(SQLiteParser::With_clauseContext& ctx) {
    ast::WithClause with;
    with.recursive = ctx.RECURSIVE_() != nullptr;
    for (auto* c : ctx.common_table_expression()) {
        ast::CommonTableExpr cte;
        cte.name = transform_name(*c->any_name());
        if (auto* columns = c->name_list()) cte.columns = transform_name_list(*columns);
        if (c->MATERIALIZED_()) cte.materialized = c->NOT_() == nullptr;
        cte.select = ast::box(transform_select(*c->select_stmt()));
        with.ctes.push_back(std::move(cte));
    }
    return with;
}

ast::SelectCore Transformer::transform_select_core(SQLiteParser::Select_coreContext& ctx) {
    ast::SelectCore core;
    if (auto* values = ctx.values_clause()) {
        core.is_values = true;
        core.values = transform_values(*values);
        return core;
    }
    core.distinct = ctx.DISTINCT_() != nullptr;
    core.all = ctx.ALL_() != nullptr;
    for (auto* c : ctx.result_column()) core.columns.push_back(transform_result_column(*c));
    if (auto* from = ctx.join_clause()) core.from = transform_join_clause(*from);
    // WHERE, GROUP BY and HAVING expressions are direct children in that order.
    const auto exprs = ctx.expr();
    std::size_t i = 0;
    if (ctx.WHERE_()) core.where = transform_expr(*exprs[i++]);
    const std::size_t group_end = exprs.size() - (ctx.HAVING_() ? 1 : 0);
    if (ctx.GROUP_()) {
        for (; i < group_end; ++i) core.group_by.push_back(transform_expr(*exprs[i]));
    }
    if (ctx.HAVING_()) core.having = transform_expr(*exprs.back());
    for (auto* w : ctx.named_window()) {
        core.windows.push_back({transform_name(*w->any_name()), transform_window_spec(*w->window_spec())});
    }
    return core;
}

std::vector<std::vector<ast::ExprPtr>> Transformer::transform_values(SQLiteParser::Values_clauseContext& ctx) {
    std::vector<std::vector<ast::ExprPtr>> rows;
    for (auto* row : ctx.value_row()) {
        std::vector<ast::ExprPtr> values;
        for (auto* e : row->expr()) values.push_back(transform_expr(*e));
        rows.push_back(std::move(values));
    }
    return rows;
}

ast::ResultColumn Transformer::transform_result_column(SQLiteParser::Result_columnContext& ctx) {
    ast::ResultColumn column;
    if (ctx.STAR()) {
        column.star = true;
        if (auto* table = ctx.any_name(); table && !ctx.expr()) column.star_table = transform_name(*table);
        return column;
    }
    column.expr = transform_expr(*ctx.expr());
    if (auto* alias = ctx.any_name()) column.alias = transform_name(*alias);
    if (auto* alias = ctx.alias_name()) column.alias = transform_name(*alias);
    return column;
}

ast::JoinClause Transformer::transform_join_clause(SQLiteParser::Join_clauseContext& ctx) {
    ast::JoinClause join;
    const auto items = ctx.table_or_subquery();
    join.first = transform_table_or_subquery(*items[0]);
    // Each step is an operator, an item, and optionally a constraint; walk the children to pair them.
    for (std::size_t i = 1; i < ctx.children.size(); ++i) {
        if (auto* op = dynamic_cast<SQLiteParser::Join_operatorContext*>(ctx.children[i])) {
            ast::JoinClause::Step step;
            step.op = transform_join_operator(*op);
            step.right = transform_table_or_subquery(*static_cast<SQLiteParser::Table_or_subqueryContext*>(ctx.children[++i]));
            join.steps.push_back(std::move(step));
        } else if (auto* constraint = dynamic_cast<SQLiteParser::Join_constraintContext*>(ctx.children[i])) {
            auto& step = join.steps.back();
            if (auto* on = constraint->expr()) step.on = transform_expr(*on);
            if (auto* columns = constraint->name_list()) step.using_columns = transform_name_list(*columns);
        }
    }
    return join;
}

ast::TableRef Transformer::transform_table_or_subquery(SQLiteParser::Table_or_subqueryContext& ctx) {
    using Kind = ast::TableRef::Kind;
    ast::TableRef ref;
    if (auto* select = ctx.select_stmt()) {
        ref.kind = Kind::Subquery;
        ref.select = ast::box(transform_select(*select));
    } else if (auto* join = ctx.join_clause()) {
        ref.kind = Kind::Join;
        ref.join = ast::box(transform_join_clause(*join));
    } else {
        ref.name = transform_qualified_name(*ctx.qualified_name());
        if (ctx.OPEN_PAR()) {
            ref.kind = Kind::Function;
            for (auto* e : ctx.expr()) ref.args.push_back(transform_expr(*e));
        }
    }
    // any_name holds the alias after AS, then the index after INDEXED BY.
    auto names = ctx.any_name();
    if (ctx.BY_()) {
        ref.indexed_by = transform_name(*names.back());
        names.pop_back();
    }
    if (!names.empty()) ref.alias = transform_name(*names.front());
    if (auto* alias = ctx.alias_name()) ref.alias = transform_name(*alias);
    ref.not_indexed = ctx.NOT_() != nullptr;
    return ref;
}

ast::JoinOperator Transformer::transform_join_operator(SQLiteParser::Join_operatorContext& ctx) {
    using Kind = ast::JoinOperator::Kind;
    ast::JoinOperator op;
    if (ctx.COMMA()) {
        op.join_keyword = false;
        return op;
    }
    op.natural = ctx.NATURAL_() != nullptr;
    op.outer = ctx.OUTER_() != nullptr;
    op.kind = ctx.LEFT_() ? Kind::Left
            : ctx.RIGHT_() ? Kind::Right
            : ctx.FULL_() ? Kind::Full
            : ctx.CROSS_() ? Kind::Cross
                           : Kind::Inner;
    return op;
}

std::vector<ast::OrderingTerm> Transformer::transform_order_by(SQLiteParser::Order_by_clauseContext* ctx) {
    std::vector<ast::OrderingTerm> terms;
    if (!ctx) return terms;
    for (auto* t : ctx->ordering_term()) terms.push_back(transform_ordering_term(*t));
    return terms;
}

ast::OrderingTerm Transformer::transform_ordering_term(SQLiteParser::Ordering_termContext& ctx) {
    ast::OrderingTerm term;
    term.expr = transform_expr(*ctx.expr());
    term.order = ctx.ASC_() ? ast::SortOrder::Asc : ctx.DESC_() ? ast::SortOrder::Desc : ast::SortOrder::None;
    term.nulls = ctx.FIRST_() ? ast::NullsOrder::First : ctx.LAST_() ? ast::NullsOrder::Last : ast::NullsOrder::None;
    return term;
}

ast::WindowSpec Transformer::transform_window_spec(SQLiteParser::Window_specContext& ctx) {
    ast::WindowSpec spec;
    if (ctx.base) spec.base = transform_name(*ctx.base);
    for (auto* e : ctx.expr()) spec.partition_by.push_back(transform_expr(*e));
    spec.order_by = transform_order_by(ctx.order_by_clause());
    if (auto* frame = ctx.frame_spec()) spec.frame = transform_frame_spec(*frame);
    return spec;
}

ast::FrameSpec Transformer::transform_frame_spec(SQLiteParser::Frame_specContext& ctx) {
    using Units = ast::FrameSpec::Units;
    using Exclude = ast::FrameSpec::Exclude;
    ast::FrameSpec frame;
    frame.units = ctx.ROWS_() ? Units::Rows : ctx.GROUPS_() ? Units::Groups : Units::Range;
    const auto bounds = ctx.frame_bound();
    frame.start = transform_frame_bound(*bounds[0]);
    if (bounds.size() == 2) frame.end = transform_frame_bound(*bounds[1]);
    if (ctx.EXCLUDE_()) {
        frame.exclude = ctx.OTHERS_() ? Exclude::NoOthers
                      : ctx.ROW_() ? Exclude::CurrentRow
                      : ctx.GROUP_() ? Exclude::Group
                                     : Exclude::Ties;
    }
    return frame;
}

ast::FrameBound Transformer::transform_frame_bound(SQLiteParser::Frame_boundContext& ctx) {
    using Kind = ast::FrameBound::Kind;
    ast::FrameBound bound;
    if (ctx.CURRENT_()) {
        bound.kind = Kind::CurrentRow;
    } else if (ctx.UNBOUNDED_()) {
        bound.kind = ctx.PRECEDING_() ? Kind::UnboundedPreceding : Kind::UnboundedFollowing;
    } else {
        bound.kind = ctx.PRECEDING_() ? Kind::Preceding : Kind::Following;
        bound.offset = transform_expr(*ctx.expr());
    }
    return bound;
}

bool Transformer::transform_limit(SQLiteParser::Limit_clauseContext* ctx, ast::ExprPtr& limit, ast::ExprPtr& offset) {
    if (!ctx) return false;
    const auto exprs = ctx->expr();
    const bool comma = ctx->COMMA() != nullptr;
    // `LIMIT offset, count`: SQLite's order is the reverse of OFFSET's.
    limit = transform_expr(*exprs[comma ? 1 : 0]);
    if (exprs.size() == 2) offset = transform_expr(*exprs[comma ? 0 : 1]);
    return comma;
}

}  // namespace sqlite2pg::parse
