// Pass check-constraints: CHECK constraints added after the data as NOT VALID (postgres-semantics.md §5.1).
//
// SQLite evaluates CHECKs with its own typing and functions, and its data may even violate them (rows loaded
// with ignore_check_constraints, or comparisons SQLite's affinity makes true). NOT VALID enforces the check
// for new writes without failing the load on old rows. A CHECK whose expression cannot be carried over with
// the same meaning is left out and reported, never mistranslated. The expression translator
// (passes/translate/) gives SQLite's semantics: length() of numbers, case-insensitive LIKE, GLOB, typeof():
//   qty INT CHECK (qty >= 0)        → ALTER TABLE child ADD CONSTRAINT child_check CHECK (qty >= 0) NOT VALID;
//   code TEXT CHECK (length(code)=3) → … CHECK (char_length(code) = 3) NOT VALID;
#include "passes/expressions.hpp"
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

void convert(TableInfo& table, ast::ExprPtr expr, const std::optional<ast::Identifier>& name, SourceLoc loc,
             PassContext& ctx) {
    std::string object = "table \"" + table.sqlite_name + "\"";
    if (!expr) return;
    if (auto reason = translate_expression(expr, ExprUse::Condition, table, ctx, false)) {
        ctx.decisions.record({"constraint-skipped", Severity::Warning, true, object, loc.line, "CHECK left out", *reason});
        return;
    }
    pg::Constraint c;
    c.kind = pg::Constraint::Kind::Check;
    c.table = table.pg_name;
    // The user's name if the table has no constraint of that name yet (SQLite allows repeats), else PostgreSQL's style.
    c.name = ctx.names.claim_constraint(table.pg_name, name && !name->name.empty() ? pg_name_of(name->name)
                                                                                   : generated_name(table.pg_name, "", "check"));
    c.check = std::move(expr);
    c.not_valid = true;
    c.source_line = loc.line;
    c.notes.push_back(ctx.decisions.record({"constraint-not-valid", Severity::Note, false, object, loc.line,
                                            "CHECK added NOT VALID", "existing rows are not re-checked"}));
    ctx.post.references.push_back(std::move(c));
}

void finish(PassContext& ctx) {
    for (const auto& table_ptr : ctx.catalog.tables()) {
        TableInfo& table = *table_ptr;
        if (table.skipped) continue;
        for (ColumnInfo& col : table.columns)
            for (auto& c : col.def.constraints)
                if (auto* check = std::get_if<ast::CheckConstraint>(&c.kind)) convert(table, check->expr, c.name, c.loc, ctx);
        for (auto& c : table.def.constraints)
            if (auto* check = std::get_if<ast::TableCheck>(&c.kind)) convert(table, check->expr, c.name, c.loc, ctx);
    }
}

}  // namespace

const Pass kCheckConstraints{.name = "check-constraints",
                       .summary = "CHECK after the data, NOT VALID; untranslatable ones reported",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
