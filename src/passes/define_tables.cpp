// Pass define-tables: the CREATE TABLE each SQLite table becomes, once its column types are chosen.
//
// Only what must hold while the rows load goes into CREATE TABLE: column types, NOT NULL and defaults.
// Keys, uniqueness, foreign keys and CHECKs are added after the data (DESIGN.md §8), which is faster and
// lets the rows load in the dump's order. What PostgreSQL cannot hold as written is reported here:
//   name TEXT COLLATE NOCASE        → name text              (collation dropped: a later version emulates it)
//   n INT NOT NULL ON CONFLICT IGNORE → n bigint NOT NULL    (conflict clause removed: PostgreSQL raises instead)
//   created DEFAULT CURRENT_TIMESTAMP → DEFAULT to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS')
//   STRICT, WITHOUT ROWID           → dropped                (no meaning in PostgreSQL)
// Defaults are translated by translate_default() (passes/translate/defaults.cpp); one that has no exact
// form or does not fit the column's type is left out and reported.
#include "ast/walk.hpp"
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

void note(pg::Notes& notes, PassContext& ctx, Decision d) { notes.push_back(ctx.decisions.record(std::move(d))); }

void define_column(TableInfo& table, ColumnInfo& col, PassContext& ctx) {
    pg::Column out;
    out.name = col.pg_name;
    out.type = col.pg_type;
    out.loaded = !col.generated;
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
                        note(out.notes, ctx, {"on-conflict-removed", Severity::Warning, true, object, line,
                                              "ON CONFLICT " + conflict_word(c.on_conflict) + " removed from NOT NULL",
                                              "PostgreSQL raises an error where SQLite would " +
                                                  conflict_word(c.on_conflict)});
                } else if constexpr (std::is_same_v<T, ast::DefaultConstraint>) {
                    std::string why;
                    if (col.generated) return;
                    out.default_value = translate_default(c.expr, col, ctx, why);
                    if (!out.default_value)
                        note(out.notes, ctx, {"default-skipped", Severity::Warning, true, object, line,
                                              "DEFAULT left out", why});
                } else if constexpr (std::is_same_v<T, ast::CollateConstraint>) {
                    if (sqlite_name_key(c.collation.name) != "binary")
                        note(out.notes, ctx, {"collation-dropped", Severity::Warning, true, object, line,
                                              "COLLATE " + c.collation.name + " dropped",
                                              "comparisons become case- and space-sensitive; emulation comes later"});
                } else if constexpr (std::is_same_v<T, ast::GeneratedConstraint>) {
                    ast::ExprPtr expr = c.expr;
                    auto reason = translate_expression(expr, ExprUse::Value, table, ctx, true);
                    if (!reason && expr && uses_generated_column(*expr, table))
                        reason = "another generated column, which PostgreSQL does not allow";
                    if (reason) {
                        note(out.notes, ctx, {"generated-column-skipped", Severity::Warning, true, object, line,
                                              "generated column created as a plain column without values",
                                              "its expression: " + *reason});
                    } else {
                        out.generated = std::move(expr);
                        if (!c.stored)
                            note(out.notes, ctx, {"generated-stored", Severity::Note, false, object, line,
                                                  "VIRTUAL generated column made STORED",
                                                  "PostgreSQL before 18 has only stored generated columns"});
                    }
                } else if constexpr (std::is_same_v<T, ast::PrimaryKeyConstraint> ||
                                     std::is_same_v<T, ast::UniqueConstraint>) {
                    if (c.on_conflict != ast::ConflictAction::None)
                        note(out.notes, ctx, {"on-conflict-removed", Severity::Warning, true, object, line,
                                              "ON CONFLICT " + conflict_word(c.on_conflict) + " removed",
                                              "PostgreSQL raises an error where SQLite would " +
                                                  conflict_word(c.on_conflict)});
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
    if (table.def.strict || table.def.without_rowid)
        note(table.pg.notes, ctx, {"table-option-dropped", Severity::Note, false, object, table.line,
                                   std::string(table.def.without_rowid ? "WITHOUT ROWID " : "") +
                                       (table.def.strict ? "STRICT " : "") + "dropped",
                                   "PostgreSQL tables have no rowid and always enforce column types"});
}

}  // namespace

const Pass kDefineTables{.name = "define-tables",
                       .summary = "CREATE TABLE with chosen types, NOT NULL and constant defaults",
                       .on_table_rows_end = rows_end};

}  // namespace sqlite2pg::passes
