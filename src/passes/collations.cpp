#include "passes/collations.hpp"

#include "ast/walk.hpp"

namespace sqlite2pg::passes {
namespace {

/// The column of `table` whose PostgreSQL name `e` refers to, looking through `+x`, CAST and parentheses
/// (SQLite still takes the column's collation there), or nullptr.
const ColumnInfo* column_of(const ast::Expr& e, const TableInfo& table) {
    if (auto* par = std::get_if<ast::Parenthesized>(&e.node)) return par->inner ? column_of(*par->inner, table) : nullptr;
    if (auto* un = std::get_if<ast::Unary>(&e.node))
        return un->op == ast::UnaryOp::Plus && un->operand ? column_of(*un->operand, table) : nullptr;
    if (auto* cast = std::get_if<ast::Cast>(&e.node)) return cast->operand ? column_of(*cast->operand, table) : nullptr;
    auto* ref = std::get_if<ast::ColumnRef>(&e.node);
    if (!ref || (ref->table && ref->table->name != table.pg_name)) return nullptr;
    for (const ColumnInfo& c : table.columns)
        if (c.pg_name == ref->column.name) return &c;
    return nullptr;
}

/// The collation written on `e` itself (`x COLLATE NOCASE`, also inside parentheses), or nullptr.
const ast::Identifier* explicit_collation(const ast::Expr& e) {
    if (auto* par = std::get_if<ast::Parenthesized>(&e.node)) return par->inner ? explicit_collation(*par->inner) : nullptr;
    if (auto* c = std::get_if<ast::Collate>(&e.node)) return &c->collation;
    return nullptr;
}

/// `e` without the SQLite COLLATE written on it (the comparison it takes part in is rewritten instead).
ast::ExprPtr strip_collate(ast::ExprPtr e) {
    while (e) {
        if (auto* c = std::get_if<ast::Collate>(&e->node)) {
            ast::ExprPtr inner = std::move(c->operand);
            e = std::move(inner);
        } else if (auto* par = std::get_if<ast::Parenthesized>(&e->node);
                   par && par->inner && explicit_collation(*par->inner)) {
            ast::ExprPtr inner = std::move(par->inner);
            e = std::move(inner);
        } else {
            break;
        }
    }
    return e;
}

bool is_comparison(ast::BinaryOp op) {
    using B = ast::BinaryOp;
    switch (op) {
        case B::Lt: case B::Le: case B::Gt: case B::Ge: case B::Eq: case B::EqEq: case B::Ne: case B::LtGt:
        case B::Is: case B::IsNot: case B::IsDistinctFrom: case B::IsNotDistinctFrom: return true;
        default: return false;
    }
}

/// Rewrites each comparison of an expression for the collation SQLite makes it under; keeps the first reason
/// one cannot be rewritten exactly.
struct ComparisonRewriter {
    const TableInfo& table;
    std::optional<std::string> reason;

    void fail(std::string why) {
        if (!reason) reason = std::move(why);
    }

    /// The collation SQLite compares `operands` under, and its name.
    CollationKind collation_of(const std::vector<ast::ExprPtr*>& operands, std::string& name) const {
        for (ast::ExprPtr* op : operands)
            if (*op)
                if (const ast::Identifier* c = explicit_collation(**op)) {
                    name = c->name;
                    return collation_kind(c->name);
                }
        for (ast::ExprPtr* op : operands)
            if (*op)
                if (const ColumnInfo* col = column_of(**op, table))
                    if (const ast::Identifier* c = declared_collation(*col)) {
                        name = c->name;
                        return collation_kind(c->name);
                    }
        name = "BINARY";
        return CollationKind::Binary;
    }

    void rewrite(const std::vector<ast::ExprPtr*>& operands) {
        std::string name;
        CollationKind kind = collation_of(operands, name);
        if (kind == CollationKind::Other) return fail("a comparison under the unknown collation " + name);
        if (kind == CollationKind::RTrim) return fail("a comparison under COLLATE RTRIM");
        for (ast::ExprPtr* op : operands) *op = strip_collate(std::move(*op));
        if (kind != CollationKind::NoCase) return;
        // Collations compare only text: among numbers NOCASE changes nothing; a mix is beyond an exact rewrite.
        std::size_t text = 0, other = 0;
        for (ast::ExprPtr* op : operands) {
            if (!*op) continue;
            auto* lit = std::get_if<ast::Literal>(&(*op)->node);
            if (lit && lit->kind == ast::Literal::Kind::Null) continue;
            ++(is_text_operand(**op, table) ? text : other);
        }
        if (text == 0) return;
        if (other > 0) return fail("a COLLATE NOCASE comparison with a value that is not text");
        for (ast::ExprPtr* op : operands) {
            auto* lit = *op ? std::get_if<ast::Literal>(&(*op)->node) : nullptr;
            if (*op && !(lit && lit->kind == ast::Literal::Kind::Null))
                *op = collation_key(std::move(*op), CollationKind::NoCase);
        }
    }

    void visit(ast::Expr& e) {
        if (auto* b = std::get_if<ast::Binary>(&e.node); b && is_comparison(b->op)) {
            rewrite({&b->left, &b->right});
        } else if (auto* bt = std::get_if<ast::Between>(&e.node)) {
            rewrite({&bt->operand, &bt->low, &bt->high});
        } else if (auto* in = std::get_if<ast::InExpr>(&e.node)) {
            std::vector<ast::ExprPtr*> operands{&in->operand};
            for (auto& item : in->list) operands.push_back(&item);
            if (in->select || in->table) {
                std::string name;
                if (collation_of(operands, name) != CollationKind::Binary)
                    fail("IN (SELECT …) under COLLATE " + name);
                return;
            }
            rewrite(operands);
        } else if (auto* cs = std::get_if<ast::CaseExpr>(&e.node); cs && cs->operand) {
            std::vector<ast::ExprPtr*> operands{&cs->operand};
            for (auto& w : cs->whens) operands.push_back(&w.condition);
            std::string name;
            if (collation_of(operands, name) != CollationKind::Binary) fail("CASE x WHEN … under COLLATE " + name);
        }
    }
};

}  // namespace

CollationKind collation_kind(std::string_view name) {
    std::string key = sqlite_name_key(name);
    if (key == "binary") return CollationKind::Binary;
    if (key == "nocase") return CollationKind::NoCase;
    if (key == "rtrim") return CollationKind::RTrim;
    return CollationKind::Other;
}

const ast::Identifier* declared_collation(const ColumnInfo& col) {
    const ast::Identifier* found = nullptr;
    // SQLite takes the last COLLATE clause of a column definition.
    for (const auto& c : col.def.constraints)
        if (auto* collate = std::get_if<ast::CollateConstraint>(&c.kind)) found = &collate->collation;
    return found;
}

CollationKind key_collation(const ast::IndexedColumn& key, const TableInfo& table, std::string* named) {
    const ast::Identifier* c = key.collation ? &*key.collation : nullptr;
    if (!c && key.expr)
        if (auto* ref = std::get_if<ast::ColumnRef>(&key.expr->node); ref && !ref->table)
            for (const ColumnInfo& col : table.columns)
                if (col.pg_name == ref->column.name || sqlite_name_key(col.def.name.name) == sqlite_name_key(ref->column.name))
                    c = declared_collation(col);
    if (!c) return CollationKind::Binary;
    if (named) *named = c->name;
    return collation_kind(c->name);
}

ast::ExprPtr collation_key(ast::ExprPtr e, CollationKind kind) {
    if (kind == CollationKind::NoCase) {
        ast::FunctionCall lower;
        lower.name = ast::Identifier{"lower", ast::QuoteStyle::None, {}};
        lower.args.push_back(ast::make_expr(ast::Collate{std::move(e), ast::Identifier{"C", ast::QuoteStyle::Double, {}}}));
        return ast::make_expr(std::move(lower));
    }
    if (kind == CollationKind::RTrim) {
        ast::FunctionCall rtrim;
        rtrim.name = ast::Identifier{"rtrim", ast::QuoteStyle::None, {}};
        rtrim.args.push_back(std::move(e));
        rtrim.args.push_back(ast::make_expr(ast::Literal{ast::Literal::Kind::String, " "}));
        return ast::make_expr(std::move(rtrim));
    }
    return e;
}

bool is_text_operand(const ast::Expr& e, const TableInfo& table) {
    if (auto* par = std::get_if<ast::Parenthesized>(&e.node)) return par->inner && is_text_operand(*par->inner, table);
    if (auto* lit = std::get_if<ast::Literal>(&e.node)) return lit->kind == ast::Literal::Kind::String;
    if (!std::holds_alternative<ast::ColumnRef>(e.node)) return false;
    const ColumnInfo* col = column_of(e, table);
    return col && col->pg_type == pg::Type::Text;
}

std::optional<std::string> apply_comparison_collations(ast::Expr& e, const TableInfo& table) {
    ComparisonRewriter rewriter{table, std::nullopt};
    ast::Walker w;
    w.on_expr = [&rewriter](ast::Expr& x) { rewriter.visit(x); };
    w.walk(e);
    return rewriter.reason;
}

}  // namespace sqlite2pg::passes
