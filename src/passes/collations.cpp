#include "passes/collations.hpp"

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

}  // namespace sqlite2pg::passes
