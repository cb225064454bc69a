// Pass views: CREATE VIEW in dependency order, translated, each guarded (postgres-semantics.md §6.2).
//
// SQLite lets a view reference objects that do not exist yet, and a dump lists views in creation order
// (or, from 3.46, all views first), so they are sorted: a view comes after every view it reads. Its query
// goes through the expression translator (passes/translate/), which also learns the view's column types
// for the views and triggers that read it. A view whose query cannot be carried over with the same results
// is not created: its SQL is kept as a comment and reported, as are the views that depend on it. Each view
// that is created is still guarded so that a failure in PostgreSQL becomes a WARNING, not an aborted load.
#include <cctype>
#include <functional>
#include <map>

#include "ast/walk.hpp"
#include "passes/expressions.hpp"
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

/// Names of the relations a query reads (FROM items), as SQLite keys.
std::set<std::string> relations_read(ast::Select& select) {
    std::set<std::string> names;
    ast::Walker w;
    w.on_table_ref = [&](ast::TableRef& r) {
        if (r.kind == ast::TableRef::Kind::Table) names.insert(sqlite_name_key(r.name.name.name));
    };
    w.walk(select);
    return names;
}

/// The source text of the expression starting at byte `start` of a statement: up to the first `,`, `)` or
/// clause keyword outside parentheses and quotes. SQLite names an unaliased result column by this text.
std::string expression_text(std::string_view sql, std::size_t start) {
    static const char* const kStops[] = {"from", "where", "group", "having", "order", "limit", "union",
                                         "except", "intersect", "window", "as"};
    int depth = 0;
    std::size_t i = start;
    auto word_at = [&](std::size_t k, std::string_view w) {
        if (k + w.size() > sql.size() || (k > 0 && (std::isalnum(static_cast<unsigned char>(sql[k - 1])) || sql[k - 1] == '_')))
            return false;
        for (std::size_t j = 0; j < w.size(); ++j)
            if (std::tolower(static_cast<unsigned char>(sql[k + j])) != w[j]) return false;
        std::size_t end = k + w.size();
        return end == sql.size() || !(std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_');
    };
    for (; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            char close = c == '[' ? ']' : c;
            for (++i; i < sql.size() && sql[i] != close; ++i) {
            }
            continue;
        }
        if (c == '(') ++depth;
        if (c == ')' && depth-- == 0) break;
        if (depth > 0) continue;
        if (c == ',' || c == ';') break;
        bool stop = false;
        for (const char* w : kStops) stop |= word_at(i, w);
        if (stop) break;
    }
    std::string text(sql.substr(start, i - start));
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

/// Gives each unaliased expression of the view's result the name SQLite gives it (its source text), so that
/// PostgreSQL neither calls it "?column?" nor sees two columns of that name.
void name_expressions(ast::Select& select, const DeferredObject& obj) {
    for (ast::ResultColumn& col : select.first.columns) {
        if (col.star || col.alias || !col.expr || std::holds_alternative<ast::ColumnRef>(col.expr->node)) continue;
        std::uint64_t begin = obj.statement.loc.offset;
        if (col.expr->loc.offset < begin || col.expr->loc.offset - begin >= obj.source_text.size()) continue;
        std::string text = expression_text(obj.source_text, col.expr->loc.offset - begin);
        if (!text.empty()) col.alias = ast::Identifier{text, ast::QuoteStyle::None, {}};
    }
}

/// The view's column names: its column list when written, else the query's names, with SQLite's `name:N`
/// for repeated names (PostgreSQL rejects a view with two columns of one name).
std::optional<std::string> name_columns(pg::View& out, const ast::CreateView& view, std::vector<RelationColumn>& columns) {
    if (!view.columns.empty()) {
        if (view.columns.size() != columns.size()) return "its column list does not match its query";
        for (std::size_t i = 0; i < columns.size(); ++i) columns[i].name = pg_name_of(view.columns[i].name);
    }
    std::set<std::string> seen;
    bool renamed = false;
    for (RelationColumn& c : columns) {
        if (c.name.empty()) return "a result column without a name";
        std::string name = c.name;
        for (int n = 1; !seen.insert(name).second; ++n) name = c.name + ":" + std::to_string(n);
        renamed |= name != c.name;
        c.name = name;
    }
    if (renamed || !view.columns.empty())
        for (const RelationColumn& c : columns) out.columns.push_back(c.name);
    return std::nullopt;
}

void finish(PassContext& ctx) {
    // Dependency order: depth-first over the views each view reads.
    std::map<std::string, DeferredObject*> by_name;
    for (DeferredObject& obj : ctx.catalog.views) by_name[sqlite_name_key(obj.sqlite_name)] = &obj;
    std::vector<DeferredObject*> order;
    std::set<std::string> visited;
    std::function<void(const std::string&)> visit = [&](const std::string& key) {
        if (!visited.insert(key).second) return;
        DeferredObject* obj = by_name[key];
        auto& view = std::get<ast::CreateView>(obj->statement.node);
        if (view.select)
            for (const std::string& dep : relations_read(*view.select))
                if (by_name.count(dep)) visit(dep);
        order.push_back(obj);
    };
    for (DeferredObject& obj : ctx.catalog.views) visit(sqlite_name_key(obj.sqlite_name));

    std::set<std::string> skipped;  // SQLite keys of views not created
    for (DeferredObject* obj : order) {
        auto& view = std::get<ast::CreateView>(obj->statement.node);
        std::string name = view.name.name.name;  // claimed PostgreSQL name (name-tables ran first)
        std::string object = "view \"" + obj->sqlite_name + "\"";
        std::optional<std::string> why;
        if (!view.select) why = "it has no query";
        if (!why)
            for (const std::string& dep : relations_read(*view.select))
                if (skipped.count(dep)) why = "it reads view \"" + dep + "\", which is left out";
        pg::View out;
        std::vector<RelationColumn> columns;
        if (!why) {
            name_expressions(*view.select, *obj);
            why = translate_view_query(*view.select, ctx, columns);
        }
        if (!why) why = name_columns(out, view, columns);
        if (why) {
            skipped.insert(sqlite_name_key(obj->sqlite_name));
            ctx.decisions.record({"object-skipped", Severity::Warning, true, object, obj->statement.loc.line,
                                  "view left out", *why});
            ctx.post.skipped.push_back({object, *why, obj->source_text, obj->statement.loc.line});
            continue;
        }
        ctx.catalog.view_columns[name] = std::move(columns);
        out.name = name;
        out.select = std::move(view.select);
        out.source_line = obj->statement.loc.line;
        ctx.post.views.push_back(std::move(out));
    }
}

}  // namespace

const Pass kViews{.name = "views",
                       .summary = "CREATE VIEW in dependency order, translated and guarded; the rest kept as comments",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
