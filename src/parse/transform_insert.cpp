// INSERT, UPDATE, DELETE.
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {
namespace {

/// A select that is nothing but `VALUES (…), …`: the form an INSERT records as rows.
bool is_plain_values(const ast::Select& select) {
    return select.first.is_values && !select.with && select.compounds.empty() && select.order_by.empty() && !select.limit;
}

}  // namespace

ast::Insert Transformer::transform_insert(SQLiteParser::Insert_stmtContext& ctx) {
    ast::Insert insert;
    if (auto* with = ctx.with_clause()) insert.with = transform_with(*with);
    insert.replace_keyword = ctx.INSERT_() == nullptr;
    if (auto* action = ctx.conflict_action()) insert.or_action = transform_conflict_action(*action);
    insert.table = transform_qualified_name(*ctx.qualified_name());
    if (auto* alias = ctx.any_name()) insert.alias = transform_name(*alias);
    if (auto* columns = ctx.name_list()) insert.columns = transform_name_list(*columns);
    if (auto* source = ctx.select_stmt()) {
        ast::Select select = transform_select(*source);
        if (is_plain_values(select)) {
            insert.values = std::move(select.first.values);
        } else {
            insert.select = ast::box(std::move(select));
        }
    }
    insert.default_values = ctx.DEFAULT_() != nullptr;
    for (auto* upsert : ctx.upsert_clause()) insert.upserts.push_back(transform_upsert(*upsert));
    insert.returning = transform_returning(ctx.returning_clause());
    return insert;
}

ast::UpsertClause Transformer::transform_upsert(SQLiteParser::Upsert_clauseContext& ctx) {
    ast::UpsertClause upsert;
    for (auto* c : ctx.indexed_column()) upsert.target.push_back(transform_indexed_column(*c));
    upsert.do_nothing = ctx.NOTHING_() != nullptr;
    for (auto* a : ctx.assignment()) upsert.set.push_back(transform_assignment(*a));
    // Up to two WHERE clauses: the target's (before DO) and the update's (after SET).
    const auto wheres = ctx.expr();
    const auto* do_token = ctx.DO_()->getSymbol();
    for (auto* where : wheres) {
        const bool before_do = where->getStart()->getTokenIndex() < do_token->getTokenIndex();
        (before_do ? upsert.target_where : upsert.where) = transform_expr(*where);
    }
    return upsert;
}

ast::UpsertClause::Assignment Transformer::transform_assignment(SQLiteParser::AssignmentContext& ctx) {
    ast::UpsertClause::Assignment assignment;
    if (auto* list = ctx.name_list()) {
        assignment.columns = transform_name_list(*list);
    } else {
        assignment.columns.push_back(transform_name(*ctx.any_name()));
    }
    assignment.value = transform_expr(*ctx.expr());
    return assignment;
}

ast::ReturningClause Transformer::transform_returning(SQLiteParser::Returning_clauseContext* ctx) {
    ast::ReturningClause returning;
    if (!ctx) return returning;
    for (auto* c : ctx->result_column()) returning.push_back(transform_result_column(*c));
    return returning;
}

ast::Update Transformer::transform_update(SQLiteParser::Update_stmtContext& ctx) {
    ast::Update update;
    if (auto* with = ctx.with_clause()) update.with = transform_with(*with);
    if (auto* action = ctx.conflict_action()) update.or_action = transform_conflict_action(*action);
    update.table = transform_qualified_name(*ctx.qualified_name());
    if (auto* alias = ctx.any_name()) update.alias = transform_name(*alias);
    for (auto* a : ctx.assignment()) update.set.push_back(transform_assignment(*a));
    if (auto* from = ctx.join_clause()) update.from = transform_join_clause(*from);
    if (auto* where = ctx.expr()) update.where = transform_expr(*where);
    update.returning = transform_returning(ctx.returning_clause());
    update.order_by = transform_order_by(ctx.order_by_clause());
    transform_limit(ctx.limit_clause(), update.limit, update.offset);
    return update;
}

ast::Delete Transformer::transform_delete(SQLiteParser::Delete_stmtContext& ctx) {
    ast::Delete del;
    if (auto* with = ctx.with_clause()) del.with = transform_with(*with);
    del.table = transform_qualified_name(*ctx.qualified_name());
    if (auto* alias = ctx.any_name()) del.alias = transform_name(*alias);
    if (auto* where = ctx.expr()) del.where = transform_expr(*where);
    del.returning = transform_returning(ctx.returning_clause());
    del.order_by = transform_order_by(ctx.order_by_clause());
    transform_limit(ctx.limit_clause(), del.limit, del.offset);
    return del;
}

}  // namespace sqlite2pg::parse
