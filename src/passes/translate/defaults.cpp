// DEFAULT expressions (postgres-semantics.md §5.6). PostgreSQL type-checks a default when the table is
// created and evaluates it with its own rules, so each default is translated like any expression (the
// current time becomes SQLite's UTC text, hex literals decimal, "dq" strings strings) and then made to fit
// the column's PostgreSQL type the way SQLite's column affinity would have stored it:
//   n INT DEFAULT '5'     → DEFAULT 5          t TEXT DEFAULT 5       → DEFAULT '5'
//   b BOOLEAN DEFAULT 1   → DEFAULT true       n INT DEFAULT TRUE     → DEFAULT 1
//   n INT DEFAULT 'abc'   → no default, reported (SQLite would store the text 'abc')
#include <cmath>
#include <cstdio>

#include "passes/expressions.hpp"
#include "passes/translate/translator.hpp"

namespace sqlite2pg::passes {
namespace {

using translate::Untranslatable;

/// The text of a numeric constant after signs (`-5`, `+1.5`), or nullopt when `e` is not one.
std::optional<std::string> signed_number(const ast::ExprPtr& e) {
    if (const ast::Literal* lit = translate::literal_of(e))
        if (lit->kind == ast::Literal::Kind::Integer || lit->kind == ast::Literal::Kind::Real) return lit->text;
    if (auto* c = std::get_if<ast::Cast>(&e->node)) return signed_number(c->operand);  // CAST(1.5 AS double precision)
    if (auto* u = std::get_if<ast::Unary>(&e->node); u && u->op == ast::UnaryOp::Minus) {
        auto inner = signed_number(u->operand);
        if (!inner) return std::nullopt;
        return inner->front() == '-' ? inner->substr(1) : "-" + *inner;
    }
    return std::nullopt;
}

bool is_integer_text(const std::string& s) {
    std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
    if (i == s.size() || s.size() - i > 18) return false;
    for (; i < s.size(); ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/// How SQLite's TEXT affinity renders a real (`%!.15g`), or nullopt when that is not an exact rendering.
std::optional<std::string> real_as_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    std::string s = buf;
    if (std::strtod(buf, nullptr) != v || s.find_first_of("eEn") != std::string::npos) return std::nullopt;
    if (s.find('.') == std::string::npos) s += ".0";
    return s;
}

ast::ExprPtr fit(ast::ExprPtr e, const Typed& t, pg::Type column) {
    using K = ast::Literal::Kind;
    const ast::Literal* lit = translate::literal_of(e);
    std::optional<std::string> number = signed_number(e);
    if (t.type == SqlType::Null) return e;
    switch (column) {
        case pg::Type::Text:
            if (t.type == SqlType::Text) return e;
            if (t.type == SqlType::Integer && number) return translate::make_string(*number);
            if (t.type == SqlType::Integer) return translate::make_cast(std::move(e), "text");
            if (t.type == SqlType::Real && number)
                if (auto text = real_as_text(std::strtod(number->c_str(), nullptr))) return translate::make_string(*text);
            break;
        case pg::Type::Bigint:
            if (t.type == SqlType::Integer) return e;
            // strftime('%s', 'now') is the text of a bigint; INTEGER affinity stores the integer.
            if (auto* c = std::get_if<ast::Cast>(&e->node); c && c->type.name == "text" && c->operand)
                if (auto* inner = std::get_if<ast::Cast>(&c->operand->node); inner && inner->type.name == "bigint")
                    return std::move(c->operand);
            if (t.type == SqlType::Text && lit && is_integer_text(lit->text)) return translate::make_integer(std::stoll(lit->text));
            if (t.type == SqlType::Real && number) {
                double v = std::strtod(number->c_str(), nullptr);
                if (v == std::trunc(v) && std::fabs(v) < 9e15) return translate::make_integer(static_cast<long long>(v));
            }
            break;
        case pg::Type::DoublePrecision:
        case pg::Type::Numeric:
            if (t.type == SqlType::Integer || t.type == SqlType::Real) return e;
            if (t.type == SqlType::Text && lit && is_integer_text(lit->text)) return translate::make_integer(std::stoll(lit->text));
            break;
        case pg::Type::Bytea:
            if (t.type == SqlType::Blob) return e;
            break;
        case pg::Type::Boolean:
            if (number && (*number == "0" || *number == "1"))
                return ast::make_expr(ast::Literal{*number == "1" ? K::True : K::False, ""});
            break;
    }
    return nullptr;
}

}  // namespace

ast::ExprPtr translate_default(const ast::ExprPtr& original, const ColumnInfo& column, PassContext& ctx,
                               std::string& why) {
    if (!original) return nullptr;
    ast::ExprPtr e = original;
    // A default cannot read columns: every name in it is a string to SQLite (`DEFAULT active`, `DEFAULT "x"`).
    double_quoted_strings(*e, {});
    if (auto* ref = std::get_if<ast::ColumnRef>(&e->node); ref && !ref->table)
        e = translate::make_string(ref->column.name);
    if (const ast::Literal* lit = translate::literal_of(e);
        lit && (lit->kind == ast::Literal::Kind::True || lit->kind == ast::Literal::Kind::False)) {
        if (column.pg_type == pg::Type::Boolean) return ast::make_expr(*lit);
        e = translate::make_integer(lit->kind == ast::Literal::Kind::True ? 1 : 0);  // TRUE is 1 in SQLite
    }
    translate::Translator tr(ctx.catalog, {ctx.config.compat_functions, false});
    translate::Scope no_columns;
    Typed t;
    try {
        t = tr.value(e, no_columns);
    } catch (const Untranslatable& u) {
        why = "it uses " + u.why;
        return nullptr;
    }
    ast::ExprPtr out = fit(std::move(e), t, column.pg_type);
    if (!out) why = "the default (" + translate::type_word(t.type) + ") does not fit the column's type " +
                    std::string(pg::type_name(column.pg_type));
    return out;
}

}  // namespace sqlite2pg::passes
