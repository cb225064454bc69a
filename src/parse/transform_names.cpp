// Names and literals: unquoting, unescaping, numbers kept verbatim.
#include <string>

#include "parse/transformer.hpp"

namespace sqlite2pg::parse {
namespace {

/// Removes the delimiters of a quoted text and undoes the doubling of `quote` inside it.
std::string unquote(std::string_view quoted, char quote) {
    std::string out;
    const std::string_view body = quoted.substr(1, quoted.size() - 2);
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        out += body[i];
        if (body[i] == quote && i + 1 < body.size() && body[i + 1] == quote) ++i;
    }
    return out;
}

}  // namespace

ast::Identifier Transformer::transform_name(antlr4::ParserRuleContext& ctx) {
    const antlr4::Token* token = ctx.getStart();
    const std::string_view raw = text(token);
    ast::Identifier id;
    id.loc = location(token);
    switch (raw.empty() ? '\0' : raw.front()) {
        case '"': id.quote = ast::QuoteStyle::Double; id.name = unquote(raw, '"'); break;
        case '`': id.quote = ast::QuoteStyle::Backtick; id.name = unquote(raw, '`'); break;
        case '\'': id.quote = ast::QuoteStyle::Single; id.name = unquote(raw, '\''); break;
        // `[x]` has no escape: it ends at the first `]`.
        case '[': id.quote = ast::QuoteStyle::Bracket; id.name = std::string(raw.substr(1, raw.size() - 2)); break;
        default: id.name = std::string(raw); break;
    }
    return id;
}

ast::QualifiedName Transformer::transform_qualified_name(SQLiteParser::Qualified_nameContext& ctx) {
    ast::QualifiedName name;
    if (ctx.schema) name.schema = transform_name(*ctx.schema);
    name.name = transform_name(*ctx.name);
    return name;
}

std::vector<ast::Identifier> Transformer::transform_name_list(SQLiteParser::Name_listContext& ctx) {
    std::vector<ast::Identifier> names;
    for (auto* n : ctx.any_name()) names.push_back(transform_name(*n));
    return names;
}

ast::Literal Transformer::transform_literal(SQLiteParser::Literal_valueContext& ctx) {
    using Kind = ast::Literal::Kind;
    ast::Literal lit;
    if (auto* t = ctx.NUMERIC_LITERAL()) {
        const std::string_view raw = text(t);
        const bool hex = raw.size() > 1 && (raw[1] == 'x' || raw[1] == 'X');
        const bool real = !hex && raw.find_first_of(".eE") != std::string_view::npos;
        lit.kind = real ? Kind::Real : Kind::Integer;
        lit.text = std::string(raw);
    } else if (auto* s = ctx.STRING_LITERAL()) {
        lit.kind = Kind::String;
        lit.text = unquote(text(s), '\'');
    } else if (auto* b = ctx.BLOB_LITERAL()) {
        const std::string_view raw = text(b);  // X'…'
        lit.kind = Kind::Blob;
        lit.text = std::string(raw.substr(2, raw.size() - 3));
    } else if (ctx.NULL_()) {
        lit.kind = Kind::Null;
    } else if (ctx.TRUE_()) {
        lit.kind = Kind::True;
    } else if (ctx.FALSE_()) {
        lit.kind = Kind::False;
    } else if (ctx.CURRENT_TIME_()) {
        lit.kind = Kind::CurrentTime;
    } else if (ctx.CURRENT_DATE_()) {
        lit.kind = Kind::CurrentDate;
    } else {
        lit.kind = Kind::CurrentTimestamp;
    }
    return lit;
}

std::string Transformer::transform_signed_number(SQLiteParser::Signed_numberContext& ctx) {
    std::string out;
    if (ctx.MINUS()) out += '-';
    if (ctx.PLUS()) out += '+';
    out += text(ctx.NUMERIC_LITERAL());
    return out;
}

}  // namespace sqlite2pg::parse
