// Pass indexes: CREATE INDEX after the data, with the key expressions and predicates PostgreSQL reads the
// same way (postgres-semantics.md §6.1).
//
//   CREATE INDEX ix ON t(a DESC) WHERE b > 10   → CREATE INDEX ix ON t (a DESC NULLS LAST) WHERE (b > 10)
// SQLite sorts NULLs first in ascending order and last in descending order; PostgreSQL does the opposite
// by default, so every key spells SQLite's order out. An index whose expression or predicate cannot yet be
// carried over exactly is left out and reported (it changes no data; a unique one changes what is accepted).
// COLLATE NOCASE in a key is dropped and reported: the index then compares case-sensitively.
#include "passes/expressions.hpp"
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

constexpr std::size_t kBtreeEntryLimit = 2704;

void skip(PassContext& ctx, const DeferredObject& obj, const std::string& name, const std::string& why) {
    ctx.decisions.record({"object-skipped", Severity::Warning, true, "index \"" + name + "\"", obj.statement.loc.line,
                          "index left out", why});
    ctx.post.skipped.push_back({"index \"" + name + "\"", why, obj.source_text, obj.statement.loc.line});
}

void convert(DeferredObject& obj, PassContext& ctx) {
    auto& idx = std::get<ast::CreateIndex>(obj.statement.node);
    const std::string& name = idx.name.name.name;  // already the claimed PostgreSQL name
    TableInfo* table = ctx.catalog.find_table(idx.table.name);
    if (!table || table->skipped) {
        if (!table) skip(ctx, obj, name, "its table \"" + idx.table.name + "\" is not in the dump");
        return;  // indexes of skipped (shadow) tables go with them
    }
    pg::Index out;
    out.name = name;
    out.table = table->pg_name;
    out.unique = idx.unique;
    out.source_line = obj.statement.loc.line;
    std::string object = "index \"" + name + "\"";
    for (ast::IndexedColumn& ic : idx.columns) {
        if (!ic.expr) return skip(ctx, obj, name, "empty key");
        if (auto* ref = std::get_if<ast::ColumnRef>(&ic.expr->node); ref && !ref->table) {
            ColumnInfo* col = table->find_column(ref->column.name);
            if (!col) return skip(ctx, obj, name, "no column \"" + ref->column.name + "\"");
            if (col->stats.max_bytes > kBtreeEntryLimit)
                return skip(ctx, obj, name, "column \"" + col->def.name.name + "\" holds a value of " +
                                                std::to_string(col->stats.max_bytes) +
                                                " bytes; B-tree entries are limited to 2704");
        }
        if (auto reason = translate_expression(ic.expr, ExprUse::Value, *table, ctx, true)) return skip(ctx, obj, name, *reason);
        if (ic.collation && sqlite_name_key(ic.collation->name) != "binary")
            out.notes.push_back(ctx.decisions.record({"collation-dropped", Severity::Warning, true, object,
                                                      out.source_line, "COLLATE " + ic.collation->name + " dropped",
                                                      "the index compares case- and space-sensitively"}));
        bool desc = ic.order == ast::SortOrder::Desc;
        out.keys.push_back({std::move(ic.expr), ic.order, desc ? ast::NullsOrder::Last : ast::NullsOrder::First});
    }
    if (idx.where) {
        if (auto reason = translate_expression(idx.where, ExprUse::Condition, *table, ctx, true))
            return skip(ctx, obj, name, "its WHERE clause: " + *reason);
        out.where = std::move(idx.where);
    }
    ctx.post.indexes.push_back(std::move(out));
}

void finish(PassContext& ctx) {
    for (DeferredObject& obj : ctx.catalog.indexes) convert(obj, ctx);
}

}  // namespace

const Pass kIndexes{.name = "indexes",
                       .summary = "CREATE INDEX after the data, with SQLite's NULL ordering",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
