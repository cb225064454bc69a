// PRAGMA, transactions, ANALYZE, DROP.
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {

ast::Pragma Transformer::transform_pragma(SQLiteParser::Pragma_stmtContext& ctx) {
    ast::Pragma pragma;
    pragma.name = transform_qualified_name(*ctx.qualified_name());
    if (auto* value = ctx.pragma_value()) pragma.value = std::string(text(*value));
    return pragma;
}

ast::Transaction Transformer::transform_begin(SQLiteParser::Begin_stmtContext&) {
    return {ast::Transaction::Kind::Begin};
}

ast::Transaction Transformer::transform_commit(SQLiteParser::Commit_stmtContext&) {
    return {ast::Transaction::Kind::Commit};
}

ast::Transaction Transformer::transform_rollback(SQLiteParser::Rollback_stmtContext&) {
    return {ast::Transaction::Kind::Rollback};
}

ast::Analyze Transformer::transform_analyze(SQLiteParser::Analyze_stmtContext& ctx) {
    ast::Analyze analyze;
    if (auto* target = ctx.qualified_name()) analyze.target = transform_qualified_name(*target);
    return analyze;
}

ast::Drop Transformer::transform_drop(SQLiteParser::Drop_stmtContext& ctx) {
    using Kind = ast::Drop::Kind;
    ast::Drop drop;
    drop.kind = ctx.TABLE_() ? Kind::Table : ctx.INDEX_() ? Kind::Index : ctx.VIEW_() ? Kind::View : Kind::Trigger;
    drop.if_exists = ctx.IF_() != nullptr;
    drop.name = transform_qualified_name(*ctx.qualified_name());
    return drop;
}

}  // namespace sqlite2pg::parse
