// CREATE VIEW.
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {

ast::CreateView Transformer::transform_create_view(SQLiteParser::Create_view_stmtContext& ctx) {
    ast::CreateView view;
    view.temporary = ctx.TEMP_() || ctx.TEMPORARY_();
    view.if_not_exists = ctx.IF_() != nullptr;
    view.name = transform_qualified_name(*ctx.qualified_name());
    if (auto* columns = ctx.name_list()) view.columns = transform_name_list(*columns);
    view.select = ast::box(transform_select(*ctx.select_stmt()));
    return view;
}

}  // namespace sqlite2pg::parse
