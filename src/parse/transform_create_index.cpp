// CREATE INDEX.
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {

ast::CreateIndex Transformer::transform_create_index(SQLiteParser::Create_index_stmtContext& ctx) {
    ast::CreateIndex index;
    index.unique = ctx.UNIQUE_() != nullptr;
    index.if_not_exists = ctx.IF_() != nullptr;
    index.name = transform_qualified_name(*ctx.qualified_name());
    index.table = transform_name(*ctx.any_name());
    for (auto* c : ctx.indexed_column()) index.columns.push_back(transform_indexed_column(*c));
    if (auto* where = ctx.expr()) index.where = transform_expr(*where);
    return index;
}

}  // namespace sqlite2pg::parse
