// Pass record-schema: files each CREATE TABLE in the Catalog and keeps indexes, views and triggers for
// after the data.
//
// The dump writes each table's CREATE TABLE immediately before its rows and everything else after all the
// rows (dump-format.md §3), so the Catalog always knows a table before its first row arrives. Generated
// columns are marked here because the dump's VALUES lists leave them out: `INSERT INTO gen VALUES(1,'x')`
// fills the first and fourth column of `gen(a, b AS (a*2), c AS (upper(d)), d)`.
// Virtual tables and their shadow tables are the virtual-tables pass's, which runs first.
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

std::string type_text(const std::optional<ast::TypeName>& t) {
    if (!t) return {};
    std::string s = t->name;
    if (!t->args.empty()) {
        s += '(';
        for (std::size_t i = 0; i < t->args.size(); ++i) s += (i ? "," : "") + t->args[i];
        s += ')';
    }
    return s;
}

void file_table(ast::CreateTable& create, StatementEvent& event, PassContext& ctx) {
    TableInfo info;
    info.sqlite_name = create.name.name.name;
    info.source_text = std::string(event.source_text);
    info.line = event.statement.loc.line;
    if (create.as_select)
        throw InputError({Severity::Error, "unsupported-statement",
                          "CREATE TABLE … AS SELECT does not occur in a dump; convert the database's dump instead",
                          event.statement.loc});
    for (ast::ColumnDef& def : create.columns) {
        ColumnInfo col;
        col.declared_type = type_text(def.type);
        for (auto& c : def.constraints)
            if (std::holds_alternative<ast::GeneratedConstraint>(c.kind)) col.generated = true;
        col.def = def;
        if (!col.generated) info.loaded_columns.push_back(info.columns.size());
        info.columns.push_back(std::move(col));
    }
    if (auto it = ctx.catalog.pending_sequences.find(sqlite_name_key(info.sqlite_name));
        it != ctx.catalog.pending_sequences.end())
        info.sqlite_sequence = it->second;
    if (info.columns.size() > pg::kMaxTableColumns)
        throw InputError({Severity::Error, "too-many-columns",
                          "table \"" + info.sqlite_name + "\" has " + std::to_string(info.columns.size()) +
                              " columns; a PostgreSQL table holds at most " + std::to_string(pg::kMaxTableColumns),
                          event.statement.loc});
    if (ctx.catalog.find_table(info.sqlite_name))
        throw InputError({Severity::Error, "duplicate-table", "table \"" + info.sqlite_name + "\" is created twice",
                          event.statement.loc});
    info.def = std::move(create);
    ctx.catalog.add_table(std::move(info));
}

void run(StatementEvent& event, PassContext& ctx) {
    ast::Statement& stmt = event.statement;
    if (auto* create = std::get_if<ast::CreateTable>(&stmt.node)) {
        file_table(*create, event, ctx);
        event.consumed = true;
        return;
    }
    auto defer = [&](std::vector<DeferredObject>& into) {
        into.push_back({std::move(stmt), std::string(event.source_text)});
        event.consumed = true;
    };
    if (std::holds_alternative<ast::CreateIndex>(stmt.node)) defer(ctx.catalog.indexes);
    else if (std::holds_alternative<ast::CreateView>(stmt.node)) defer(ctx.catalog.views);
    else if (std::holds_alternative<ast::CreateTrigger>(stmt.node)) defer(ctx.catalog.triggers);
}

}  // namespace

const Pass kRecordSchema{.name = "record-schema",
                       .summary = "file tables in the Catalog; keep indexes, views, triggers for later",
                       .on_statement = run};

}  // namespace sqlite2pg::passes
