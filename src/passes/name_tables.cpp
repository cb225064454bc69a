// Pass name-tables: gives every table, column, index and view its PostgreSQL name (DESIGN.md §7).
//
// ASCII letters are folded to lower case: SQLite compares names case-insensitively for ASCII only, so this
// cannot make two names collide, and application queries that spell `CustomerId` without quotes keep working
// (PostgreSQL folds them the same way). Names over 63 bytes, which PostgreSQL would truncate silently, are
// cut on a character boundary and given a hash suffix; an empty name gets a made-up one. Both are reported.
// Quoting is not decided here: the printer quotes exactly the names PostgreSQL needs quoted.
//   CREATE TABLE [Order Details]("OrderID" INTEGER, …)  →  CREATE TABLE "order details" (orderid bigint, …)
#include "passes/expressions.hpp"
#include "passes/passes.hpp"
#include "pg/identifiers.hpp"

namespace sqlite2pg::passes {
namespace {

/// The name a SQLite name becomes, with a decision when it is more than case folding.
std::string pg_name_for(std::string_view sqlite_name, std::string_view fallback, const std::string& object,
                        std::uint64_t line, PassContext& ctx) {
    if (sqlite_name.empty()) {
        ctx.decisions.record({"name-changed", Severity::Warning, false, object, line,
                              "empty name → " + std::string(fallback), "PostgreSQL has no zero-length names"});
        return std::string(fallback);
    }
    std::string name = pg_name_of(sqlite_name);
    if (name != pg::fold_ascii_lower(sqlite_name))
        ctx.decisions.record({"name-changed", Severity::Warning, false, object, line, "name shortened to " + name,
                              "PostgreSQL names are at most 63 bytes"});
    return name;
}

void table_defined(TableInfo& table, PassContext& ctx) {
    std::string object = "table \"" + table.sqlite_name + "\"";
    std::string wanted = pg_name_for(table.sqlite_name, "unnamed_table", object, table.line, ctx);
    table.pg_name = ctx.names.claim(wanted);
    if (table.pg_name != wanted)
        ctx.decisions.record({"name-changed", Severity::Warning, false, object, table.line,
                              "renamed to " + table.pg_name, "\"" + wanted + "\" is already taken"});
    std::set<std::string> taken;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        ColumnInfo& col = table.columns[i];
        std::string col_object = "column \"" + table.sqlite_name + "\".\"" + col.def.name.name + "\"";
        std::string name = pg_name_for(col.def.name.name, "column_" + std::to_string(i + 1), col_object, table.line, ctx);
        if (pg::is_system_column(name)) {
            std::string renamed = name + "_";
            ctx.decisions.record({"name-changed", Severity::Warning, false, col_object, table.line,
                                  "renamed to " + renamed,
                                  "every PostgreSQL table has a system column \"" + name + "\""});
            name = renamed;
        }
        for (int n = 1; taken.count(name); ++n) name = pg::shorten_identifier(name + std::to_string(n));
        taken.insert(name);
        col.pg_name = name;
    }
}

/// Claims the names of user indexes and views before any generated name (`t_pkey`, `t_id_seq`) is made,
/// so that a user object never loses its name to one of ours.
void finish(PassContext& ctx) {
    for (auto* list : {&ctx.catalog.indexes, &ctx.catalog.views}) {
        const bool is_index = list == &ctx.catalog.indexes;
        for (std::size_t i = 0; i < list->size(); ++i) {
            DeferredObject& obj = (*list)[i];
            ast::QualifiedName* name = nullptr;
            if (auto* idx = std::get_if<ast::CreateIndex>(&obj.statement.node)) name = &idx->name;
            if (auto* view = std::get_if<ast::CreateView>(&obj.statement.node)) name = &view->name;
            obj.sqlite_name = name->name.name;
            std::string object = std::string(is_index ? "index" : "view") + " \"" + name->name.name + "\"";
            std::string wanted = pg_name_for(name->name.name, (is_index ? "unnamed_index_" : "unnamed_view_") + std::to_string(i + 1),
                                             object, obj.statement.loc.line, ctx);
            std::string claimed = ctx.names.claim(wanted);
            if (claimed != wanted)
                ctx.decisions.record({"name-changed", Severity::Warning, false, object, obj.statement.loc.line,
                                      "renamed to " + claimed, "the name is already taken"});
            name->name.name = claimed;
            name->schema.reset();
        }
    }
}

}  // namespace

const Pass kNameTables{.name = "name-tables",
                       .summary = "PostgreSQL names for tables, columns, indexes and views",
                       .on_table_defined = table_defined,
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
