// The statement dispatch and the helpers every transform_* file uses.
#include "parse/transformer.hpp"

#include "core/diagnostics.hpp"

namespace sqlite2pg::parse {

ast::Statement Transformer::transform_parse(SQLiteParser::ParseContext& ctx) {
    auto& stmt = *ctx.sql_stmt();
    const SourceLoc loc = location(stmt);
    const auto make = [&](auto node) { return ast::Statement{ast::Statement::Node(std::move(node)), loc}; };
    if (auto* c = stmt.create_table_stmt()) return make(transform_create_table(*c));
    if (auto* c = stmt.create_index_stmt()) return make(transform_create_index(*c));
    if (auto* c = stmt.create_view_stmt()) return make(transform_create_view(*c));
    if (auto* c = stmt.create_trigger_stmt()) return make(transform_create_trigger(*c));
    if (auto* c = stmt.create_virtual_table_stmt()) return make(transform_virtual_table(*c));
    if (auto* c = stmt.insert_stmt()) return make(transform_insert(*c));
    if (auto* c = stmt.update_stmt()) return make(transform_update(*c));
    if (auto* c = stmt.delete_stmt()) return make(transform_delete(*c));
    if (auto* c = stmt.select_stmt()) return make(transform_select(*c));
    if (auto* c = stmt.pragma_stmt()) return make(transform_pragma(*c));
    if (auto* c = stmt.begin_stmt()) return make(transform_begin(*c));
    if (auto* c = stmt.commit_stmt()) return make(transform_commit(*c));
    if (auto* c = stmt.rollback_stmt()) return make(transform_rollback(*c));
    if (auto* c = stmt.analyze_stmt()) return make(transform_analyze(*c));
    return make(transform_drop(*stmt.drop_stmt()));
}

SourceLoc Transformer::location(const antlr4::Token* token) const {
    return source_.location(token->getStartIndex());
}

SourceLoc Transformer::location(antlr4::ParserRuleContext& ctx) const {
    return location(ctx.getStart());
}

std::string_view Transformer::text(const antlr4::Token* token) const {
    return source_.slice(token->getStartIndex(), token->getStopIndex());
}

std::string_view Transformer::text(antlr4::tree::TerminalNode* node) const {
    return text(node->getSymbol());
}

std::string_view Transformer::text(antlr4::ParserRuleContext& ctx) const {
    // An empty rule's stop token precedes its start token.
    if (ctx.children.empty() || ctx.getStop() == nullptr) return {};
    return source_.slice(ctx.getStart()->getStartIndex(), ctx.getStop()->getStopIndex());
}

void Transformer::fail(const antlr4::Token* token, const std::string& message) const {
    throw InputError(Diagnostic{Severity::Error, "syntax-error", message, location(token)});
}

bool equals_keyword(std::string_view word, std::string_view upper_keyword) {
    if (word.size() != upper_keyword.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c != upper_keyword[i]) return false;
    }
    return true;
}

}  // namespace sqlite2pg::parse
