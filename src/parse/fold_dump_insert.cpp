// Folding an INSERT from the full parser to InsertRows: the scanner's value rules (parse/dump_values.hpp)
// applied to expression trees, plus the few forms only the parser sees (hex, unary plus, CAST … AS TEXT).
// Not a hot path: statements get here only when the scanner declined them.
#include <limits>
#include <variant>

#include "ast/type_name.hpp"
#include "parse/dump_insert.hpp"
#include "parse/dump_values.hpp"

namespace sqlite2pg::parse {
namespace {

using ast::StorageClass;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

/// The bare word `Inf` that ≤3.24 and ≥3.52 dumps write for +Infinity: to a parser, a column reference.
bool is_inf_word(const ast::Expr& e) {
    const auto* ref = std::get_if<ast::ColumnRef>(&e.node);
    return ref && !ref->schema && !ref->table && ref->column.quote == ast::QuoteStyle::None &&
           iequals(ref->column.name, "inf");
}

/// `(x)` → `x`, any number of times: SQLite's parser keeps no node for parentheses.
const ast::Expr& strip_parentheses(const ast::Expr& e) {
    const ast::Expr* inner = &e;
    while (const auto* p = std::get_if<ast::Parenthesized>(&inner->node)) inner = p->inner.get();
    return *inner;
}

bool fold(const ast::Expr& e, ast::Value& out);

bool fold_literal(const ast::Literal& lit, ast::Value& out) {
    switch (lit.kind) {
        case ast::Literal::Kind::Null: out = ast::Value::null(); return true;
        case ast::Literal::Kind::Integer:
        case ast::Literal::Kind::Real: return decode_number(lit.text, false, out);
        case ast::Literal::Kind::String: out = ast::Value::of_text(lit.text); return true;
        case ast::Literal::Kind::Blob: out.storage = StorageClass::Blob; return decode_blob_hex(lit.text, out.bytes);
        default: return false;  // TRUE/FALSE/CURRENT_*: not constants a dump writes
    }
}

/// `-operand`. SQLite applies the sign to a numeric literal before its range check (codeInteger), so
/// `-9223372036854775808` is an INTEGER, while `-x` of any other folded value is computed as 0 - x.
bool fold_negated(const ast::Expr& operand, ast::Value& out) {
    const ast::Expr& inner = strip_parentheses(operand);
    if (const auto* lit = std::get_if<ast::Literal>(&inner.node);
        lit && (lit->kind == ast::Literal::Kind::Integer || lit->kind == ast::Literal::Kind::Real))
        return decode_number(lit->text, true, out);
    return fold(inner, out) && negate_value(out);
}

bool fold_call(const ast::FunctionCall& call, ast::Value& out) {
    if (call.distinct || call.star || !call.order_by.empty() || call.filter || call.over || call.over_window ||
        call.name.quote != ast::QuoteStyle::None)
        return false;
    const std::string& name = call.name.name;
    if (iequals(name, "replace")) {
        if (call.args.size() != 3) return false;
        ast::Value b;
        ast::Value c;
        std::string scratch;
        return fold(*call.args[0], out) && fold(*call.args[1], b) && fold(*call.args[2], c) &&
               replace_values(out, b, c, scratch);
    }
    if (iequals(name, "char")) {
        std::string bytes;
        ast::Value arg;
        for (const ast::ExprPtr& a : call.args)
            if (!fold(*a, arg) || !append_char_argument(arg, bytes)) return false;
        out = ast::Value::of_text(std::move(bytes));
        return true;
    }
    if (iequals(name, "unistr")) {
        ast::Value arg;
        if (call.args.size() != 1 || !fold(*call.args[0], arg) || !coerce_to_text(arg)) return false;
        out.storage = arg.storage;
        if (arg.storage == StorageClass::Text) decode_unistr(arg.bytes, out.bytes);
        return true;
    }
    if (iequals(name, "jsonb")) {
        ast::Value arg;
        return call.args.size() == 1 && fold(*call.args[0], arg) && jsonb_value(arg, out);
    }
    return false;
}

/// `CAST(x AS type)` where the type has TEXT affinity (`TEXT`, `VARCHAR(n)`, …): a blob's bytes become text
/// unchanged (how 3.40 writes text with a NUL: `CAST(X'610062' AS TEXT)`).
bool fold_cast(const ast::Cast& cast, ast::Value& out) {
    if (ast::affinity_of(cast.type.name) != ast::Affinity::Text || !fold(*cast.operand, out)) return false;
    if (out.storage == StorageClass::Blob) {
        out.storage = StorageClass::Text;
        return true;
    }
    return coerce_to_text(out);
}

bool fold(const ast::Expr& e, ast::Value& out) {
    if (is_inf_word(e)) {
        out = ast::Value::of_real(std::numeric_limits<double>::infinity());
        return true;
    }
    if (const auto* lit = std::get_if<ast::Literal>(&e.node)) return fold_literal(*lit, out);
    if (const auto* unary = std::get_if<ast::Unary>(&e.node)) {
        if (unary->op == ast::UnaryOp::Minus) return fold_negated(*unary->operand, out);
        // SQLite's unary plus returns its operand unchanged, whatever its class.
        return unary->op == ast::UnaryOp::Plus && fold(*unary->operand, out);
    }
    if (const auto* binary = std::get_if<ast::Binary>(&e.node)) {
        ast::Value rhs;
        return binary->op == ast::BinaryOp::Concat && fold(*binary->left, out) && fold(*binary->right, rhs) &&
               concat_values(out, rhs);
    }
    if (const auto* paren = std::get_if<ast::Parenthesized>(&e.node)) return fold(*paren->inner, out);
    if (const auto* call = std::get_if<ast::FunctionCall>(&e.node)) return fold_call(*call, out);
    if (const auto* cast = std::get_if<ast::Cast>(&e.node)) return fold_cast(*cast, out);
    return false;
}

}  // namespace

std::optional<ast::InsertRows> fold_dump_insert(const ast::Insert& insert) {
    if (insert.with || insert.replace_keyword || insert.or_action != ast::ConflictAction::None ||
        insert.table.schema || insert.alias || insert.select || insert.default_values || !insert.upserts.empty() ||
        !insert.returning.empty() || insert.values.empty())
        return std::nullopt;
    ast::InsertRows rows;
    rows.table = insert.table.name;
    rows.columns = insert.columns;
    rows.row_width = insert.values.front().size();
    if (rows.row_width == 0 || (!rows.columns.empty() && rows.columns.size() != rows.row_width)) return std::nullopt;
    rows.values.reserve(rows.row_width * insert.values.size());
    for (const std::vector<ast::ExprPtr>& row : insert.values) {
        if (row.size() != rows.row_width) return std::nullopt;
        for (const ast::ExprPtr& e : row) {
            if (!e || !fold(*e, rows.values.emplace_back())) return std::nullopt;
        }
    }
    return rows;
}

}  // namespace sqlite2pg::parse
