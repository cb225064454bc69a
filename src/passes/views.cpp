// Pass views: CREATE VIEW in dependency order, each guarded (postgres-semantics.md §6.2).
//
// SQLite lets a view reference objects that do not exist yet, and a dump lists views in creation order
// (or, from 3.46, all views first), so they are sorted: a view comes after every view it reads. Each is
// created inside a guard that turns a failure into a WARNING, so one view can never abort the load.
// A view whose query cannot yet be carried over with the same meaning (||, division, LIKE, date functions,
// …) is not created: its SQL is kept as a comment and reported, as are the views that depend on it.
// ORDER BY terms spell out SQLite's NULL order (first when ascending, last when descending).
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

void spell_out_null_order(ast::Select& select) {
    ast::Walker w;
    w.on_select = [](ast::Select& s) {
        for (ast::OrderingTerm& t : s.order_by)
            if (t.nulls == ast::NullsOrder::None)
                t.nulls = t.order == ast::SortOrder::Desc ? ast::NullsOrder::Last : ast::NullsOrder::First;
    };
    w.walk(select);
}

void finish(PassContext& ctx) {
    // Dependency order: depth-first over the views each view reads.
    std::map<std::string, DeferredObject*> by_name;
    for (DeferredObject& obj : ctx.catalog.views) {
        auto& view = std::get<ast::CreateView>(obj.statement.node);
        by_name[sqlite_name_key(view.name.name.name)] = &obj;
    }
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
    for (DeferredObject& obj : ctx.catalog.views)
        visit(sqlite_name_key(std::get<ast::CreateView>(obj.statement.node).name.name.name));

    std::set<std::string> skipped;  // SQLite keys of views not created
    for (DeferredObject* obj : order) {
        auto& view = std::get<ast::CreateView>(obj->statement.node);
        std::string name = view.name.name.name;  // claimed PostgreSQL name (name-tables ran first)
        std::string object = "view \"" + name + "\"";
        std::optional<std::string> why;
        if (!view.select) why = "it has no query";
        if (!why)
            for (const std::string& dep : relations_read(*view.select))
                if (skipped.count(dep)) why = "it reads view \"" + dep + "\", which is left out";
        if (!why) {
            rename_references(*view.select, ctx.catalog);
            if (auto reason = unportable_reason(*view.select, ctx.catalog)) why = "it uses " + *reason;
        }
        if (why) {
            skipped.insert(sqlite_name_key(name));
            ctx.decisions.record({"object-skipped", Severity::Warning, true, object, obj->statement.loc.line,
                                  "view left out", *why});
            ctx.post.skipped.push_back({object, *why, obj->source_text, obj->statement.loc.line});
            continue;
        }
        spell_out_null_order(*view.select);
        pg::View out;
        out.name = name;
        for (const auto& c : view.columns) out.columns.push_back(pg_name_of(c.name));
        out.select = std::move(view.select);
        out.source_line = obj->statement.loc.line;
        ctx.post.views.push_back(std::move(out));
    }
}

}  // namespace

const Pass kViews{.name = "views",
                       .summary = "CREATE VIEW in dependency order, guarded; untranslatable ones kept as comments",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
