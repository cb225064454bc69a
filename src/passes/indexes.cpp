// Pass indexes: CREATE INDEX after the data, with the key expressions and predicates PostgreSQL reads the
// same way (postgres-semantics.md §6.1, §5.5, §3.8).
//
//   CREATE INDEX ix ON t(a DESC) WHERE b > 10        → CREATE INDEX ix ON t (a DESC NULLS LAST) WHERE (b > 10)
//   CREATE UNIQUE INDEX ux ON t(name COLLATE NOCASE) → CREATE UNIQUE INDEX ux ON t (lower(name COLLATE "C") NULLS FIRST)
//   CREATE INDEX bx ON t(body), values > 2704 bytes  → CREATE INDEX bx ON t USING hash (body)
//   CREATE UNIQUE INDEX bx ON t(body), same          → ALTER TABLE t ADD CONSTRAINT bx EXCLUDE USING hash (body WITH =)
// SQLite sorts NULLs first in ascending order and last in descending order; PostgreSQL does the opposite
// by default, so every B-tree key spells SQLite's order out. A key under NOCASE or RTRIM (written in the index
// or declared by the column) compares lower(x COLLATE "C") or rtrim(x, ' '), and comparisons in the WHERE
// clause are rewritten the same way. An index whose expression or predicate cannot be carried over exactly is
// left out and reported (it changes no data; a unique one changes what is accepted).
#include "ast/walk.hpp"
#include "passes/collations.hpp"
#include "passes/expressions.hpp"
#include "passes/key_values.hpp"
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

void skip(PassContext& ctx, const DeferredObject& obj, const std::string& name, const std::string& why) {
    ctx.decisions.record({"object-skipped", Severity::Warning, true, "index \"" + name + "\"", obj.statement.loc.line,
                          "index left out", why});
    ctx.post.skipped.push_back({"index \"" + name + "\"", why, obj.source_text, obj.statement.loc.line});
}

/// Whether `e` (renamed) is known to be text in `table`: a text column, or lower()/upper() of one.
bool is_text_expression(const ast::Expr& e, const TableInfo& table) {
    if (is_text_operand(e, table)) return true;
    auto* call = std::get_if<ast::FunctionCall>(&e.node);
    if (!call || call->args.size() != 1 || !call->args[0]) return false;
    std::string name = sqlite_name_key(call->name.name);
    if (name != "lower" && name != "upper") return false;
    const ast::Expr& arg = *call->args[0];
    if (auto* c = std::get_if<ast::Collate>(&arg.node)) return c->operand && is_text_operand(*c->operand, table);
    return is_text_operand(arg, table);
}

/// The column of `table` with the longest values among those `e` (SQLite names) reads, or nullptr.
const ColumnInfo* longest_column_in(ast::Expr& e, TableInfo& table) {
    const ColumnInfo* longest = nullptr;
    ast::Walker w;
    w.on_expr = [&](ast::Expr& x) {
        auto* ref = std::get_if<ast::ColumnRef>(&x.node);
        const ColumnInfo* col = ref ? table.find_column(ref->column.name) : nullptr;
        if (col && (!longest || col->stats.max_bytes > longest->stats.max_bytes)) longest = col;
    };
    w.walk(e);
    return longest;
}

/// An index whose entries may exceed the B-tree limit: a hash index (one column), a hash exclusion
/// constraint (one column, unique), or MD5 digests in place of the long columns.
void convert_long(pg::Index& out, const std::vector<bool>& long_key, std::size_t bytes, PassContext& ctx,
                  const std::string& object) {
    std::string why = "index entries of up to " + std::to_string(bytes) +
                      " bytes exceed PostgreSQL's B-tree entry limit of 2704 bytes";
    if (out.keys.size() == 1 && out.unique) {
        pg::Constraint c;
        c.kind = pg::Constraint::Kind::Exclude;
        c.table = out.table;
        c.name = out.name;
        c.source_line = out.source_line;
        c.guarded = out.guarded;
        c.exclude.push_back({std::move(out.keys.front().expr), ast::SortOrder::None, ast::NullsOrder::None});
        c.where = std::move(out.where);
        c.notes = std::move(out.notes);
        c.notes.push_back(ctx.decisions.record({"key-as-exclusion", Severity::Note, false, object, out.source_line,
                                                "unique index became EXCLUDE USING hash (… WITH =)",
                                                why + "; a hash exclusion constraint rejects the same duplicates"}));
        ctx.post.keys.push_back(std::move(c));
        return;
    }
    if (out.keys.size() == 1) {
        out.method = "hash";
        out.keys.front().order = ast::SortOrder::None;
        out.keys.front().nulls = ast::NullsOrder::None;
        out.notes.push_back(ctx.decisions.record({"index-as-hash", Severity::Note, false, object, out.source_line,
                                                  "index made USING hash", why + "; a hash index serves = lookups"}));
        ctx.post.indexes.push_back(std::move(out));
        return;
    }
    for (std::size_t i = 0; i < out.keys.size(); ++i)
        if (long_key[i]) out.keys[i].expr = md5_of(std::move(out.keys[i].expr));
    out.notes.push_back(ctx.decisions.record(
        {"key-as-digest-index", Severity::Warning, false, object, out.source_line,
         "long columns indexed as md5() of their values",
         why + (out.unique ? "; two different values with one MD5 digest would be rejected (never by accident)"
                           : "; queries must compare md5() of the column to use the index")}));
    ctx.post.indexes.push_back(std::move(out));
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
    // For each key, the column whose values it indexes (its longest one, for an expression), to size entries.
    std::vector<const ColumnInfo*> sized_columns;
    std::vector<bool> long_key;
    bool unknown_long = false;  ///< a key over long values whose type is unknown: no digest can stand for it
    for (ast::IndexedColumn& ic : idx.columns) {
        if (!ic.expr) return skip(ctx, obj, name, "empty key");
        std::string collation_name;
        CollationKind collation = key_collation(ic, *table, &collation_name);
        if (auto* ref = std::get_if<ast::ColumnRef>(&ic.expr->node); ref && !ref->table) {
            ColumnInfo* col = table->find_column(ref->column.name);
            if (!col) return skip(ctx, obj, name, "no column \"" + ref->column.name + "\"");
            out.guarded |= idx.unique && may_collide_after_unification(*col);
        }
        const ColumnInfo* sized = longest_column_in(*ic.expr, *table);
        if (sized) sized_columns.push_back(sized);
        const bool long_values = sized && sized->stats.max_bytes > kDigestBytes;
        if (auto reason = translate_expression(ic.expr, ExprUse::Value, *table, ctx, true)) return skip(ctx, obj, name, *reason);
        bool text = is_text_expression(*ic.expr, *table);
        const bool plain = std::holds_alternative<ast::ColumnRef>(ic.expr->node);
        // md5() takes text or bytea: a plain column (either) or an expression known to be text.
        long_key.push_back(long_values && (plain || text));
        unknown_long |= long_values && !plain && !text;
        if (collation == CollationKind::Other) {
            out.notes.push_back(ctx.decisions.record({"collation-dropped", Severity::Warning, idx.unique, object,
                                                      out.source_line, "COLLATE " + collation_name + " dropped",
                                                      "it is not built into SQLite; the key compares exactly"}));
        } else if ((collation == CollationKind::NoCase || collation == CollationKind::RTrim) && text) {
            ic.expr = collation_key(std::move(ic.expr), collation);
            out.notes.push_back(ctx.decisions.record(
                {"collation-emulated", Severity::Note, false, object, out.source_line,
                 "COLLATE " + collation_name + " as " + (collation == CollationKind::NoCase ? "lower(… COLLATE \"C\")" : "rtrim(…, ' ')"),
                 collation == CollationKind::NoCase ? "SQLite's NOCASE folds ASCII letters only, as lower() does under \"C\""
                                                    : "SQLite's RTRIM ignores trailing spaces"}));
        } else if (collation == CollationKind::NoCase || collation == CollationKind::RTrim) {
            if (idx.unique && !std::holds_alternative<ast::ColumnRef>(ic.expr->node))
                return skip(ctx, obj, name, "COLLATE " + collation_name + " on an expression that may not be text");
        }
        bool desc = ic.order == ast::SortOrder::Desc;
        out.keys.push_back({std::move(ic.expr), ic.order, desc ? ast::NullsOrder::Last : ast::NullsOrder::First});
    }
    if (idx.where) {
        if (auto reason = translate_expression(idx.where, ExprUse::Condition, *table, ctx, true))
            return skip(ctx, obj, name, "its WHERE clause: " + *reason);
        out.where = std::move(idx.where);
    }
    if (out.guarded)
        out.notes.push_back(ctx.decisions.record(
            {"constraint-guarded", Severity::Warning, true, object, out.source_line,
             "unique index created only if its values stay distinct",
             "its columns mix text, numbers or blobs, which SQLite keeps apart (1 <> '1') but which become one "
             "PostgreSQL type; if two collide, the load prints a WARNING and goes on without the index"}));
    std::size_t bytes = btree_entry_bytes(sized_columns);
    if (bytes > kBtreeEntryLimit && unknown_long && out.keys.size() > 1)
        return skip(ctx, obj, name, "an expression key over values too long for a B-tree entry (2704 bytes)");
    if (bytes > kBtreeEntryLimit) return convert_long(out, long_key, bytes, ctx, object);
    ctx.post.indexes.push_back(std::move(out));
}

void finish(PassContext& ctx) {
    for (DeferredObject& obj : ctx.catalog.indexes) convert(obj, ctx);
}

}  // namespace

const Pass kIndexes{.name = "indexes",
                       .summary = "CREATE INDEX after the data, with SQLite's NULL ordering and collations",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
