// Pass define-tables: the CREATE TABLE each SQLite table becomes, once its column types are chosen.
//
// Only what must hold while the rows load goes into CREATE TABLE: column types, NOT NULL and defaults.
// Keys, uniqueness, foreign keys and CHECKs are added after the data (DESIGN.md §8), which is faster and
// lets the rows load in the dump's order. What PostgreSQL cannot hold as written is reported here:
//   name TEXT                       → name text COLLATE "C"  (SQLite's BINARY: byte order)
//   name TEXT COLLATE NOCASE        → name text COLLATE "C"  (keys and indexes use lower(name COLLATE "C"), reported)
//   n INT NOT NULL ON CONFLICT IGNORE → n bigint NOT NULL    (conflict clause removed: PostgreSQL raises instead)
//   c AS (b + 1), b AS (a * 2)      → c … GENERATED ALWAYS AS ((a * 2) + 1) STORED   (PostgreSQL forbids nesting)
//   created DEFAULT CURRENT_TIMESTAMP → DEFAULT to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS')
//   STRICT, WITHOUT ROWID           → dropped                (no meaning in PostgreSQL)
// Defaults are translated by translate_default() (passes/translate/defaults.cpp); one that has no exact
// form or does not fit the column's type is left out and reported.
#include "ast/walk.hpp"
#include "passes/collations.hpp"
#include "passes/expressions.hpp"
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

/// Whether `e` reads a generated column of `table` (names already renamed).
bool uses_generated_column(ast::Expr& e, const TableInfo& table) {
    bool uses = false;
    ast::Walker w;
    w.on_expr = [&](ast::Expr& x) {
        if (auto* ref = std::get_if<ast::ColumnRef>(&x.node))
            for (const ColumnInfo& c : table.columns)
                if (c.generated && c.pg_name == ref->column.name) uses = true;
    };
    w.walk(e);
    return uses;
}

std::string conflict_word(ast::ConflictAction a) {
    switch (a) {
        case ast::ConflictAction::Rollback: return "ROLLBACK";
        case ast::ConflictAction::Abort: return "ABORT";
        case ast::ConflictAction::Fail: return "FAIL";
        case ast::ConflictAction::Ignore: return "IGNORE";
        case ast::ConflictAction::Replace: return "REPLACE";
        case ast::ConflictAction::None: break;
    }
    return "";
}

/// What changes for new writes once `ON CONFLICT a` is removed from a `constraint` (postgres-semantics.md §5.3).
std::string conflict_behaviour(ast::ConflictAction a, std::string_view constraint) {
    switch (a) {
        case ast::ConflictAction::Replace:
            return constraint == "NOT NULL"
                       ? "SQLite stores the column's default in place of a NULL; PostgreSQL rejects the row"
                       : "SQLite deletes the rows that conflict and stores the new one; PostgreSQL rejects the new row";
        case ast::ConflictAction::Ignore: return "SQLite skips the row silently; PostgreSQL rejects it with an error";
        case ast::ConflictAction::Fail:
            return "SQLite keeps the statement's earlier changes; PostgreSQL aborts the statement and the transaction";
        case ast::ConflictAction::Rollback: return "both stop with an error (SQLite also rolls back the transaction)";
        case ast::ConflictAction::Abort:
        case ast::ConflictAction::None: break;
    }
    return "ABORT is what both do anyway";
}

void note(pg::Notes& notes, PassContext& ctx, Decision d) { notes.push_back(ctx.decisions.record(std::move(d))); }

/// Records the removal of `ON CONFLICT a` from a `constraint`; ABORT (and ROLLBACK, which PostgreSQL's
/// failed transaction amounts to) change nothing, so they are notes.
void note_conflict(pg::Notes& notes, PassContext& ctx, ast::ConflictAction a, std::string_view constraint,
                   const std::string& object, std::uint64_t line) {
    bool harmless = a == ast::ConflictAction::Abort || a == ast::ConflictAction::Rollback;
    note(notes, ctx, {"on-conflict-removed", harmless ? Severity::Note : Severity::Warning, !harmless, object, line,
                      "ON CONFLICT " + conflict_word(a) + " removed from " + std::string(constraint),
                      conflict_behaviour(a, constraint)});
}

/// Records what becomes of a column's declared collation (postgres-semantics.md §5.5).
void note_collation(pg::Column& out, const ColumnInfo& col, const ast::Identifier& collation, const std::string& object,
                    std::uint64_t line, PassContext& ctx) {
    CollationKind kind = collation_kind(collation.name);
    if (kind == CollationKind::Binary) return;
    if (out.type != pg::Type::Text && kind != CollationKind::Other) {
        note(out.notes, ctx, {"collation-emulated", Severity::Note, false, object, line,
                              "COLLATE " + collation.name + " not needed",
                              "the column is " + std::string(pg::type_name(out.type)) + ", and collations compare only text"});
        return;
    }
    if (kind == CollationKind::Other) {
        note(out.notes, ctx, {"collation-dropped", Severity::Warning, true, object, line,
                              "COLLATE " + collation.name + " dropped",
                              "it is not built into SQLite (an application's own); the column compares bytes (COLLATE \"C\")"});
        return;
    }
    std::string key = kind == CollationKind::NoCase ? "lower(" + col.pg_name + " COLLATE \"C\")" : "rtrim(" + col.pg_name + ", ' ')";
    note(out.notes, ctx, {"collation-emulated", Severity::Warning, false, object, line,
                          "COLLATE " + collation.name + " emulated: keys and indexes on the column use " + key,
                          std::string(kind == CollationKind::NoCase ? "ASCII-only case folding" : "trailing spaces ignored") +
                              " exactly as in SQLite for uniqueness, indexes and converted expressions; "
                              "`=`, ORDER BY and GROUP BY written in application queries compare exactly (COLLATE \"C\")"});
}

/// Replaces every reference in `e` (SQLite names) to a generated column of `table` by that column's
/// expression in parentheses, repeatedly, since PostgreSQL forbids a generated column using another one.
/// Returns whether anything was replaced. SQLite rejects cycles; a bound keeps a hand-made one finite.
bool inline_generated_columns(ast::Expr& e, const TableInfo& table) {
    std::size_t replaced = 0;
    const std::size_t bound = table.columns.size() * table.columns.size() + 1;
    ast::Walker w;
    w.on_expr = [&](ast::Expr& x) {
        auto* ref = std::get_if<ast::ColumnRef>(&x.node);
        if (!ref || replaced > bound) return;
        if (ref->table && sqlite_name_key(ref->table->name) != sqlite_name_key(table.sqlite_name)) return;
        for (const ColumnInfo& c : table.columns) {
            if (!c.generated || sqlite_name_key(c.def.name.name) != sqlite_name_key(ref->column.name)) continue;
            for (const auto& gc : c.def.constraints)
                if (auto* g = std::get_if<ast::GeneratedConstraint>(&gc.kind); g && g->expr) {
                    x.node = ast::Parenthesized{g->expr};
                    ++replaced;
                }
            return;
        }
    };
    w.walk(e);
    return replaced > 0;
}

void define_column(TableInfo& table, ColumnInfo& col, PassContext& ctx) {
    pg::Column out;
    out.name = col.pg_name;
    out.type = col.pg_type;
    out.typmod = col.pg_typmod;
    out.loaded = !col.generated;
    if (out.type == pg::Type::Text) out.collation = "C";  // BINARY: byte order and equality, as in SQLite
    out.notes = col.notes;
    std::string object = "column \"" + table.sqlite_name + "\".\"" + col.def.name.name + "\"";
    const std::uint64_t line = table.line;
    for (auto& constraint : col.def.constraints) {
        std::visit(
            [&](auto& c) {
                using T = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<T, ast::NotNullConstraint>) {
                    if (col.stats.of(ast::StorageClass::Null) > 0)
                        note(out.notes, ctx, {"constraint-skipped", Severity::Warning, true, object, line,
                                              "NOT NULL left out",
                                              "the column holds NULLs (first at line " +
                                                  std::to_string(col.stats.line_of(ast::StorageClass::Null)) + ")"});
                    else
                        out.not_null = true;
                    if (c.on_conflict != ast::ConflictAction::None)
                        note_conflict(out.notes, ctx, c.on_conflict, "NOT NULL", object, line);
                } else if constexpr (std::is_same_v<T, ast::DefaultConstraint>) {
                    std::string why;
                    if (col.generated) return;
                    out.default_value = translate_default(c.expr, col, ctx, why);
                    if (!out.default_value)
                        note(out.notes, ctx, {"default-skipped", Severity::Warning, true, object, line,
                                              "DEFAULT left out", why});
                } else if constexpr (std::is_same_v<T, ast::CollateConstraint>) {
                    if (&c.collation == declared_collation(col))  // the last COLLATE clause is the one SQLite uses
                        note_collation(out, col, c.collation, object, line, ctx);
                } else if constexpr (std::is_same_v<T, ast::GeneratedConstraint>) {
                    ast::ExprPtr expr = c.expr;
                    bool inlined = expr && inline_generated_columns(*expr, table);
                    auto reason = translate_expression(expr, ExprUse::Value, table, ctx, true);
                    if (!reason && expr && uses_generated_column(*expr, table))
                        reason = "generated columns nested too deeply to inline";
                    if (reason) {
                        note(out.notes, ctx, {"generated-column-skipped", Severity::Warning, true, object, line,
                                              "generated column created as a plain column without values",
                                              "its expression: " + *reason});
                    } else {
                        out.generated = std::move(expr);
                        if (inlined)
                            note(out.notes, ctx, {"generated-inlined", Severity::Note, false, object, line,
                                                  "the generated columns it uses are replaced by their expressions",
                                                  "PostgreSQL does not let a generated column use another"});
                        if (!c.stored)
                            note(out.notes, ctx, {"generated-stored", Severity::Note, false, object, line,
                                                  "VIRTUAL generated column made STORED",
                                                  "PostgreSQL before 18 has only stored generated columns"});
                    }
                } else if constexpr (std::is_same_v<T, ast::PrimaryKeyConstraint> ||
                                     std::is_same_v<T, ast::UniqueConstraint>) {
                    if (c.on_conflict != ast::ConflictAction::None)
                        note_conflict(out.notes, ctx, c.on_conflict,
                                      std::is_same_v<T, ast::PrimaryKeyConstraint> ? "PRIMARY KEY" : "UNIQUE", object, line);
                }
            },
            constraint.kind);
    }
    if (col.rowid_alias) out.not_null = true;  // rowids are never NULL; identity columns must be NOT NULL
    table.pg.columns.push_back(std::move(out));
}

void rows_end(TableInfo& table, PassContext& ctx) {
    if (table.skipped) return;
    table.pg.name = table.pg_name;
    table.pg.source_line = table.line;
    for (ColumnInfo& col : table.columns) define_column(table, col, ctx);
    std::string object = "table \"" + table.sqlite_name + "\"";
    for (const auto& c : table.def.constraints) {
        if (auto* pk = std::get_if<ast::TablePrimaryKey>(&c.kind); pk && pk->on_conflict != ast::ConflictAction::None)
            note_conflict(table.pg.notes, ctx, pk->on_conflict, "PRIMARY KEY", object, table.line);
        if (auto* u = std::get_if<ast::TableUnique>(&c.kind); u && u->on_conflict != ast::ConflictAction::None)
            note_conflict(table.pg.notes, ctx, u->on_conflict, "UNIQUE", object, table.line);
    }
    if (table.def.strict || table.def.without_rowid)
        note(table.pg.notes, ctx, {"table-option-dropped", Severity::Note, false, object, table.line,
                                   std::string(table.def.without_rowid ? "WITHOUT ROWID " : "") +
                                       (table.def.strict ? "STRICT " : "") + "dropped",
                                   "PostgreSQL tables have no rowid and always enforce column types"});
}

}  // namespace

std::vector<LateNullable> drop_not_null_for_late_rows(TableInfo& table, PassContext& ctx, std::string_view after) {
    std::vector<LateNullable> out;
    for (ColumnInfo& col : table.columns) {
        if (col.rowid_alias || col.stats.of(ast::StorageClass::Null) == 0) continue;
        for (pg::Column& pc : table.pg.columns) {
            if (pc.name != col.pg_name || !pc.not_null) continue;
            pc.not_null = false;
            const std::string null_line = std::to_string(col.stats.line_of(ast::StorageClass::Null));
            Decision d{"constraint-skipped", Severity::Warning, true,
                       "column \"" + table.sqlite_name + "\".\"" + col.def.name.name + "\"",
                       col.stats.line_of(ast::StorageClass::Null), "NOT NULL dropped",
                       std::string(after) + ": the column holds NULLs (first at line " + null_line + ")"};
            out.push_back({col.pg_name, ctx.decisions.record(std::move(d))});
        }
    }
    return out;
}

const Pass kDefineTables{.name = "define-tables",
                       .summary = "CREATE TABLE with chosen types, NOT NULL and constant defaults",
                       .on_table_rows_end = rows_end};

}  // namespace sqlite2pg::passes
