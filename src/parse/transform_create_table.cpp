// CREATE TABLE: columns, types, column and table constraints, table options.
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {
namespace {

ast::ForeignKeyClause::Action fk_action(SQLiteParser::Fk_actionContext& ctx) {
    using Action = ast::ForeignKeyClause::Action;
    if (ctx.SET_()) return ctx.NULL_() ? Action::SetNull : Action::SetDefault;
    if (ctx.CASCADE_()) return Action::Cascade;
    if (ctx.RESTRICT_()) return Action::Restrict;
    return Action::NoAction;
}

}  // namespace

ast::CreateTable Transformer::transform_create_table(SQLiteParser::Create_table_stmtContext& ctx) {
    ast::CreateTable table;
    table.temporary = ctx.TEMP_() || ctx.TEMPORARY_();
    table.if_not_exists = ctx.IF_() != nullptr;
    table.name = transform_qualified_name(*ctx.qualified_name());
    if (auto* select = ctx.select_stmt()) {
        table.as_select = ast::box(transform_select(*select));
        return table;
    }
    for (auto* c : ctx.column_def()) table.columns.push_back(transform_column_def(*c));
    for (auto* c : ctx.table_constraint()) table.constraints.push_back(transform_table_constraint(*c));
    for (auto* option : ctx.table_option()) {
        const antlr4::Token* word = option->IDENTIFIER()->getSymbol();
        if (option->WITHOUT_() && equals_keyword(text(word), "ROWID")) {
            table.without_rowid = true;
        } else if (!option->WITHOUT_() && equals_keyword(text(word), "STRICT")) {
            table.strict = true;
        } else {
            fail(option->getStart(), "unknown table option \"" + std::string(text(*option)) + "\"");
        }
    }
    return table;
}

ast::ColumnDef Transformer::transform_column_def(SQLiteParser::Column_defContext& ctx) {
    ast::ColumnDef column;
    column.name = transform_name(*ctx.any_name());
    if (auto* type = ctx.type_name()) column.type = transform_type_name(*type);
    for (auto* c : ctx.column_constraint()) column.constraints.push_back(transform_column_constraint(*c));
    return column;
}

ast::TypeName Transformer::transform_type_name(SQLiteParser::Type_nameContext& ctx) {
    ast::TypeName type;
    for (auto* word : ctx.type_word()) {
        if (!type.name.empty()) type.name += ' ';
        type.name += text(*word);
    }
    for (auto* arg : ctx.signed_number()) type.args.push_back(transform_signed_number(*arg));
    return type;
}

ast::ColumnConstraint Transformer::transform_column_constraint(SQLiteParser::Column_constraintContext& ctx) {
    ast::ColumnConstraint constraint;
    constraint.loc = location(ctx);
    auto names = ctx.any_name();  // the constraint name, then a COLLATE or MATCH name
    if (ctx.CONSTRAINT_()) {
        constraint.name = transform_name(*names.front());
        names.erase(names.begin());
    }
    const auto conflict = transform_conflict_clause(ctx.conflict_clause());
    if (ctx.PRIMARY_()) {
        const ast::SortOrder order = ctx.ASC_() ? ast::SortOrder::Asc : ctx.DESC_() ? ast::SortOrder::Desc : ast::SortOrder::None;
        constraint.kind = ast::PrimaryKeyConstraint{order, conflict, ctx.AUTOINCREMENT_() != nullptr};
    } else if (ctx.NOT_()) {
        constraint.kind = ast::NotNullConstraint{conflict};
    } else if (ctx.NULL_()) {
        constraint.kind = ast::NullConstraint{conflict};
    } else if (ctx.UNIQUE_()) {
        constraint.kind = ast::UniqueConstraint{conflict};
    } else if (ctx.CHECK_()) {
        constraint.kind = ast::CheckConstraint{transform_expr(*ctx.expr())};
    } else if (auto* value = ctx.default_value()) {
        constraint.kind = transform_default_value(*value);
    } else if (ctx.COLLATE_()) {
        constraint.kind = ast::CollateConstraint{transform_name(*names.front())};
    } else if (auto* fk = ctx.foreign_key_clause()) {
        constraint.kind = ast::ReferencesConstraint{transform_foreign_key(*fk)};
    } else {
        bool stored = false;
        if (auto* storage = ctx.generated_storage(); storage && !storage->VIRTUAL_()) {
            if (!equals_keyword(text(*storage), "STORED")) {
                fail(storage->getStart(), "expected STORED or VIRTUAL, found \"" + std::string(text(*storage)) + "\"");
            }
            stored = true;
        }
        constraint.kind = ast::GeneratedConstraint{transform_expr(*ctx.expr()), stored};
    }
    return constraint;
}

ast::DefaultConstraint Transformer::transform_default_value(SQLiteParser::Default_valueContext& ctx) {
    const SourceLoc loc = location(ctx);
    if (auto* e = ctx.expr()) return {transform_expr(*e), true};
    if (auto* word = ctx.bare_name()) {
        ast::ColumnRef ref;
        ref.column = transform_name(*word);
        return {ast::make_expr(std::move(ref), loc), false};
    }
    auto& lit = *ctx.literal_value();
    ast::ExprPtr value = ast::make_expr(transform_literal(lit), location(lit));
    if (ctx.MINUS() || ctx.PLUS()) {
        value = ast::make_expr(ast::Unary{ctx.MINUS() ? ast::UnaryOp::Minus : ast::UnaryOp::Plus, std::move(value)}, loc);
    }
    return {std::move(value), false};
}

ast::TableConstraint Transformer::transform_table_constraint(SQLiteParser::Table_constraintContext& ctx) {
    ast::TableConstraint constraint;
    constraint.loc = location(ctx);
    if (ctx.CONSTRAINT_()) constraint.name = transform_name(*ctx.any_name());
    std::vector<ast::IndexedColumn> columns;
    for (auto* c : ctx.indexed_column()) columns.push_back(transform_indexed_column(*c));
    const auto conflict = transform_conflict_clause(ctx.conflict_clause());
    if (ctx.PRIMARY_()) {
        constraint.kind = ast::TablePrimaryKey{std::move(columns), ctx.AUTOINCREMENT_() != nullptr, conflict};
    } else if (ctx.UNIQUE_()) {
        constraint.kind = ast::TableUnique{std::move(columns), conflict};
    } else if (ctx.CHECK_()) {
        // SQLite parses and ignores `ON CONFLICT` after a table CHECK; TableCheck has no place for it.
        constraint.kind = ast::TableCheck{transform_expr(*ctx.expr())};
    } else {
        constraint.kind = ast::TableForeignKey{transform_name_list(*ctx.name_list()), transform_foreign_key(*ctx.foreign_key_clause())};
    }
    return constraint;
}

ast::ForeignKeyClause Transformer::transform_foreign_key(SQLiteParser::Foreign_key_clauseContext& ctx) {
    using Deferral = ast::ForeignKeyClause::Deferral;
    ast::ForeignKeyClause fk;
    const auto names = ctx.any_name();  // the table, then MATCH names
    fk.table = transform_name(*names[0]);
    if (names.size() > 1) fk.match = transform_name(*names.back());
    if (auto* columns = ctx.name_list()) fk.columns = transform_name_list(*columns);
    // `ON DELETE|UPDATE action` pairs: each ON_ token is followed by DELETE_/UPDATE_ and an fk_action.
    std::size_t action_index = 0;
    const auto actions = ctx.fk_action();
    for (std::size_t i = 0; i < ctx.children.size(); ++i) {
        auto* node = dynamic_cast<antlr4::tree::TerminalNode*>(ctx.children[i]);
        if (!node || node->getSymbol()->getType() != SQLiteParser::ON_) continue;
        const bool on_delete = static_cast<antlr4::tree::TerminalNode*>(ctx.children[i + 1])->getSymbol()->getType() ==
                               SQLiteParser::DELETE_;
        (on_delete ? fk.on_delete : fk.on_update) = fk_action(*actions[action_index++]);
    }
    if (ctx.DEFERRABLE_()) {
        const bool not_ = ctx.NOT_() != nullptr;
        if (ctx.DEFERRED_()) fk.deferral = not_ ? Deferral::NotDeferrableInitiallyDeferred : Deferral::DeferrableInitiallyDeferred;
        else if (ctx.IMMEDIATE_()) fk.deferral = not_ ? Deferral::NotDeferrableInitiallyImmediate : Deferral::DeferrableInitiallyImmediate;
        else fk.deferral = not_ ? Deferral::NotDeferrable : Deferral::Deferrable;
    }
    return fk;
}

ast::ConflictAction Transformer::transform_conflict_clause(SQLiteParser::Conflict_clauseContext* ctx) {
    return ctx ? transform_conflict_action(*ctx->conflict_action()) : ast::ConflictAction::None;
}

ast::ConflictAction Transformer::transform_conflict_action(SQLiteParser::Conflict_actionContext& ctx) {
    if (ctx.ROLLBACK_()) return ast::ConflictAction::Rollback;
    if (ctx.ABORT_()) return ast::ConflictAction::Abort;
    if (ctx.FAIL_()) return ast::ConflictAction::Fail;
    if (ctx.IGNORE_()) return ast::ConflictAction::Ignore;
    return ast::ConflictAction::Replace;
}

ast::IndexedColumn Transformer::transform_indexed_column(SQLiteParser::Indexed_columnContext& ctx) {
    ast::IndexedColumn column;
    column.expr = transform_expr(*ctx.expr());
    // The grammar reads `col COLLATE x` as an expression; a key column keeps the collation apart.
    if (auto* collate = std::get_if<ast::Collate>(&column.expr->node)) {
        column.collation = collate->collation;
        ast::ExprPtr operand = std::move(collate->operand);
        column.expr = std::move(operand);
    }
    column.order = ctx.ASC_() ? ast::SortOrder::Asc : ctx.DESC_() ? ast::SortOrder::Desc : ast::SortOrder::None;
    return column;
}

}  // namespace sqlite2pg::parse

