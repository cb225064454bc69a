#include "passes/expressions.hpp"

#include <array>
#include <type_traits>

#include "ast/walk.hpp"
#include "pg/identifiers.hpp"

namespace sqlite2pg::passes {
namespace {

// Functions whose results are the same in both systems for every argument type a column can hold.
constexpr std::array<std::string_view, 6> kSameMeaningFunctions = {"count", "sum", "min", "max", "coalesce", "nullif"};

/// Whether a double-quoted name is a column (not SQLite's string fallback). Checks run after
/// rename_references, so the name may already be the column's PostgreSQL name (shortened past 63 bytes).
bool names_known_column(const Catalog& catalog, std::string_view name) {
    std::string key = sqlite_name_key(name);
    for (const auto& t : catalog.tables())
        for (const ColumnInfo& c : t->columns)
            if (sqlite_name_key(c.def.name.name) == key || c.pg_name == name) return true;
    return false;
}

struct PortabilityCheck {
    const Catalog& catalog;
    std::optional<std::string> reason;

    void fail(std::string why) {
        if (!reason) reason = std::move(why);
    }

    void check(ast::Expr& e) {
        std::visit(
            [this](auto& n) {
                using T = std::decay_t<decltype(n)>;
                using ast::BinaryOp;
                if constexpr (std::is_same_v<T, ast::Literal>) {
                    using K = ast::Literal::Kind;
                    if (n.kind == K::Blob) fail("blob literal");
                    if (n.kind == K::True || n.kind == K::False) fail("TRUE/FALSE are integers in SQLite");
                    if (n.kind == K::CurrentTime || n.kind == K::CurrentDate || n.kind == K::CurrentTimestamp)
                        fail("CURRENT_TIME/DATE/TIMESTAMP give UTC text in SQLite");
                    if ((n.kind == K::Integer || n.kind == K::Real) &&
                        (n.text.find_first_of("xX") != std::string::npos))
                        fail("hexadecimal literal");
                } else if constexpr (std::is_same_v<T, ast::ColumnRef>) {
                    if (!n.table && n.column.quote == ast::QuoteStyle::Double &&
                        !names_known_column(catalog, n.column.name))
                        fail("\"" + n.column.name + "\" is a string in SQLite (no such column)");
                    if (n.column.quote == ast::QuoteStyle::Single) fail("string used as a name");
                } else if constexpr (std::is_same_v<T, ast::Binary>) {
                    switch (n.op) {
                        case BinaryOp::Concat: fail("|| converts numbers to text in SQLite"); break;
                        case BinaryOp::Div:
                        case BinaryOp::Mod: fail("division by zero is NULL in SQLite"); break;
                        case BinaryOp::JsonExtract:
                        case BinaryOp::JsonExtractText: fail("JSON operators"); break;
                        case BinaryOp::Is:
                        case BinaryOp::IsNot: fail("IS compares non-NULL values in SQLite"); break;
                        case BinaryOp::BitAnd:
                        case BinaryOp::BitOr:
                        case BinaryOp::ShiftLeft:
                        case BinaryOp::ShiftRight: fail("bit operators"); break;
                        default: break;
                    }
                } else if constexpr (std::is_same_v<T, ast::Unary>) {
                    if (n.op == ast::UnaryOp::BitNot) fail("bit operators");
                } else if constexpr (std::is_same_v<T, ast::FunctionCall>) {
                    std::string name = sqlite_name_key(n.name.name);
                    bool known = false;
                    for (auto f : kSameMeaningFunctions) known |= (name == f);
                    bool exact_case_fold = (name == "upper" || name == "lower") && n.args.size() == 1 && n.args[0] &&
                                           std::holds_alternative<ast::Collate>(n.args[0]->node);
                    known |= exact_case_fold;
                    if (!known) fail("function " + n.name.name + "()");
                    if ((name == "min" || name == "max") && n.args.size() != 1)
                        fail("scalar " + name + "() returns NULL if any argument is NULL in SQLite");
                    if (n.over || n.over_window || n.filter || !n.order_by.empty()) fail("window or ordered aggregate");
                } else if constexpr (std::is_same_v<T, ast::Collate>) {
                    // Only the "C" collation apply_exact_forms() adds has SQLite's meaning (BINARY).
                    if (n.collation.name != "C" || n.collation.quote != ast::QuoteStyle::Double)
                        fail("COLLATE " + n.collation.name);
                } else if constexpr (std::is_same_v<T, ast::PatternMatch>) {
                    fail("LIKE/GLOB/REGEXP/MATCH differ in case and escapes");
                } else if constexpr (std::is_same_v<T, ast::Cast>) {
                    fail("CAST follows SQLite's affinity rules");
                } else if constexpr (std::is_same_v<T, ast::InExpr>) {
                    if (!n.select && n.list.empty()) fail("IN ()");
                    if (n.table) fail("IN table");
                } else if constexpr (std::is_same_v<T, ast::Raise> || std::is_same_v<T, ast::BindParameter>) {
                    fail("RAISE or parameter");
                } else if constexpr (std::is_same_v<T, ast::NullTest> || std::is_same_v<T, ast::Between> ||
                                     std::is_same_v<T, ast::CaseExpr> || std::is_same_v<T, ast::SubqueryExpr> ||
                                     std::is_same_v<T, ast::RowValue> || std::is_same_v<T, ast::Parenthesized>) {
                    // Same meaning; their children are checked by the walk.
                }
            },
            e.node);
    }

    void check_select(ast::Select& s) {
        if (s.with && s.with->recursive) fail("recursive CTE");
        for (auto* core : cores(s)) {
            if (!core->windows.empty()) fail("window functions");
            if (core->from) check_join(*core->from);
        }
    }

    static std::vector<ast::SelectCore*> cores(ast::Select& s) {
        std::vector<ast::SelectCore*> out{&s.first};
        for (auto& c : s.compounds) out.push_back(&c.core);
        return out;
    }

    void check_join(ast::JoinClause& j) {
        for (auto& step : j.steps)
            if (step.op.natural) fail("NATURAL JOIN");
    }
};

ast::Walker portability_walker(PortabilityCheck& check) {
    ast::Walker w;
    w.on_expr = [&check](ast::Expr& e) { check.check(e); };
    w.on_select = [&check](ast::Select& s) { check.check_select(s); };
    w.on_table_ref = [&check](ast::TableRef& r) {
        if (r.kind == ast::TableRef::Kind::Function) check.fail("table-valued function");
        if (r.indexed_by || r.not_indexed) check.fail("INDEXED BY");
    };
    return w;
}

void rename_identifier(ast::Identifier& id) { id.name = pg_name_of(id.name); }

void rename_select_names(ast::Select& s) {
    if (s.with)
        for (auto& cte : s.with->ctes) {
            rename_identifier(cte.name);
            for (auto& c : cte.columns) rename_identifier(c);
        }
    auto rename_core = [](ast::SelectCore& core) {
        for (auto& col : core.columns) {
            if (col.alias) rename_identifier(*col.alias);
            if (col.star_table) rename_identifier(*col.star_table);
        }
        for (auto& w : core.windows) rename_identifier(w.name);
    };
    rename_core(s.first);
    for (auto& c : s.compounds) rename_core(c.core);
}

ast::Walker renaming_walker(Catalog& catalog, TableInfo* scope) {
    ast::Walker w;
    w.on_expr = [&catalog, scope](ast::Expr& x) {
        if (auto* f = std::get_if<ast::FunctionCall>(&x.node)) f->name.name = pg::fold_ascii_lower(f->name.name);
        auto* ref = std::get_if<ast::ColumnRef>(&x.node);
        if (!ref) return;
        ref->schema.reset();
        TableInfo* table = scope;
        if (ref->table) {
            table = catalog.find_table(ref->table->name);
            ref->table->name = table ? table->pg_name : pg_name_of(ref->table->name);
        }
        ColumnInfo* column = table ? table->find_column(ref->column.name) : nullptr;
        ref->column.name = column ? column->pg_name : pg_name_of(ref->column.name);
    };
    w.on_table_ref = [&catalog](ast::TableRef& r) {
        r.name.schema.reset();
        if (r.kind == ast::TableRef::Kind::Table) {
            TableInfo* t = catalog.find_table(r.name.name.name);
            r.name.name.name = t ? t->pg_name : pg_name_of(r.name.name.name);
        }
        if (r.alias) rename_identifier(*r.alias);
    };
    w.on_select = rename_select_names;
    return w;
}

}  // namespace

std::string pg_name_of(std::string_view sqlite_name) {
    return pg::shorten_identifier(pg::fold_ascii_lower(sqlite_name));
}

void apply_exact_forms(ast::Expr& e, const TableInfo& scope) {
    ast::Walker w;
    w.on_expr = [&scope](ast::Expr& x) {
        auto* call = std::get_if<ast::FunctionCall>(&x.node);
        if (!call || call->args.size() != 1 || !call->args[0]) return;
        std::string name = sqlite_name_key(call->name.name);
        if (name != "upper" && name != "lower") return;
        auto* ref = std::get_if<ast::ColumnRef>(&call->args[0]->node);
        if (!ref) return;
        for (const ColumnInfo& c : scope.columns)
            if (c.pg_name == ref->column.name && c.pg_type == pg::Type::Text) {
                ast::Identifier c_collation{"C", ast::QuoteStyle::Double, {}};
                call->args[0] = ast::make_expr(ast::Collate{std::move(call->args[0]), c_collation}, x.loc);
                return;
            }
    };
    w.walk(e);
}

std::optional<std::string> unportable_reason(ast::Expr& e, const Catalog& catalog) {
    PortabilityCheck check{catalog, std::nullopt};
    portability_walker(check).walk(e);
    return check.reason;
}

std::optional<std::string> unportable_reason(ast::Select& s, const Catalog& catalog) {
    PortabilityCheck check{catalog, std::nullopt};
    portability_walker(check).walk(s);
    return check.reason;
}

void rename_references(ast::Expr& e, Catalog& catalog, TableInfo* scope) { renaming_walker(catalog, scope).walk(e); }

void rename_references(ast::Select& s, Catalog& catalog) {
    // A query has no single scope: columns resolve through their qualifier when it names a table, and
    // otherwise take the folded name, which is what every column is renamed to unless it had to be shortened.
    renaming_walker(catalog, nullptr).walk(s);
}

}  // namespace sqlite2pg::passes
