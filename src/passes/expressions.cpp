#include "passes/expressions.hpp"

#include <set>

#include "ast/walk.hpp"
#include "passes/translate/translator.hpp"
#include "pg/identifiers.hpp"

namespace sqlite2pg::passes {
namespace {

ast::Walker double_quote_walker(const std::set<std::string>& known) {
    ast::Walker w;
    w.on_expr = [&known](ast::Expr& x) {
        auto* ref = std::get_if<ast::ColumnRef>(&x.node);
        if (!ref || ref->table || ref->column.quote != ast::QuoteStyle::Double) return;
        if (known.count(sqlite_name_key(ref->column.name))) return;
        std::string text = ref->column.name;
        x.node = ast::Literal{ast::Literal::Kind::String, std::move(text)};
    };
    return w;
}

template <class Node>
std::optional<std::string> run(translate::Translator& tr, Node&& body) {
    try {
        body(tr);
    } catch (const translate::Untranslatable& u) {
        return "it uses " + u.why;
    }
    return std::nullopt;
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

void double_quoted_strings(ast::Expr& e, const std::set<std::string>& known) { double_quote_walker(known).walk(e); }

void double_quoted_strings(ast::Select& s, const std::set<std::string>& known) { double_quote_walker(known).walk(s); }

std::set<std::string> known_names(const Catalog& catalog, ast::Select* s) {
    std::set<std::string> names;
    for (const auto& t : catalog.tables())
        for (const ColumnInfo& c : t->columns) names.insert(sqlite_name_key(c.def.name.name));
    for (const auto& [view, columns] : catalog.view_columns)
        for (const RelationColumn& c : columns) names.insert(c.name);
    names.insert("rowid");
    names.insert("oid");
    names.insert("_rowid_");
    if (!s) return names;
    ast::Walker w;
    w.on_select = [&names](ast::Select& q) {
        if (q.with)
            for (auto& cte : q.with->ctes)
                for (auto& c : cte.columns) names.insert(sqlite_name_key(c.name));
        auto core = [&names](ast::SelectCore& c) {
            for (auto& col : c.columns)
                if (col.alias) names.insert(sqlite_name_key(col.alias->name));
        };
        core(q.first);
        for (auto& c : q.compounds) core(c.core);
    };
    w.walk(*s);
    return names;
}

std::optional<std::string> translate_expression(ast::ExprPtr& e, ExprUse use, TableInfo& table, PassContext& ctx,
                                                bool immutable_only) {
    if (!e) return "an empty expression";
    std::set<std::string> known;
    for (const ColumnInfo& c : table.columns) known.insert(sqlite_name_key(c.def.name.name));
    double_quoted_strings(*e, known);
    rename_references(*e, ctx.catalog, &table);
    // A plain column needs no translation; as a value it would become an integer if it is a boolean,
    // which an index key or generated column must not.
    if (use == ExprUse::Value && std::holds_alternative<ast::ColumnRef>(e->node)) {
        for (const ColumnInfo& c : table.columns)
            if (c.pg_name == std::get<ast::ColumnRef>(e->node).column.name) return std::nullopt;
        return "a column that is not in table \"" + table.sqlite_name + "\"";
    }
    translate::Translator tr(ctx.catalog, {ctx.config.compat_functions, immutable_only});
    translate::Scope scope;
    scope.items.push_back({table.pg_name, translate::Translator::table_columns(table)});
    return run(tr, [&](translate::Translator& t) {
        if (use == ExprUse::Value) t.value(e, scope);
        else t.condition(e, scope);
    });
}

std::optional<std::string> translate_view_query(ast::Select& s, PassContext& ctx, std::vector<RelationColumn>& columns) {
    double_quoted_strings(s, known_names(ctx.catalog, &s));
    rename_references(s, ctx.catalog);
    translate::Translator tr(ctx.catalog, {ctx.config.compat_functions, false});
    return run(tr, [&](translate::Translator& t) { columns = t.query(s, nullptr); });
}

std::string pg_name_of(std::string_view sqlite_name) {
    return pg::shorten_identifier(pg::fold_ascii_lower(sqlite_name));
}

void rename_references(ast::Expr& e, Catalog& catalog, TableInfo* scope) { renaming_walker(catalog, scope).walk(e); }

void rename_references(ast::Select& s, Catalog& catalog) {
    // A query has no single scope: columns resolve through their qualifier when it names a table, and
    // otherwise take the folded name, which is what every column is renamed to unless it had to be shortened.
    renaming_walker(catalog, nullptr).walk(s);
}

}  // namespace sqlite2pg::passes
