// CREATE VIRTUAL TABLE: module arguments are free text, kept exactly as written.
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {
namespace {

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n\f");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n\f");
    return std::string(s.substr(first, last - first + 1));
}

}  // namespace

ast::CreateVirtualTable Transformer::transform_virtual_table(SQLiteParser::Create_virtual_table_stmtContext& ctx) {
    ast::CreateVirtualTable table;
    table.if_not_exists = ctx.IF_() != nullptr;
    table.name = transform_qualified_name(*ctx.qualified_name());
    table.module = transform_name(*ctx.any_name());
    const auto args = ctx.module_arg();
    // `module()` has one empty argument in the grammar and none in meaning.
    if (args.size() == 1 && args[0]->children.empty()) return table;
    for (auto* arg : args) table.args.push_back(trim(text(*arg)));
    return table;
}

}  // namespace sqlite2pg::parse
