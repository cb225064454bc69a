// Pass triggers: SQLite triggers cannot run in PostgreSQL as written: PostgreSQL needs a PL/pgSQL function
// and a CREATE TRIGGER that calls it (postgres-semantics.md §6.3). Until that translation exists, every
// trigger is left out, its SQL kept as a comment next to the reason, and reported as lossy, because the
// behaviour it implements (audit rows, cascades, RAISE checks) is missing after the load.
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

void finish(PassContext& ctx) {
    for (DeferredObject& obj : ctx.catalog.triggers) {
        auto& trigger = std::get<ast::CreateTrigger>(obj.statement.node);
        std::string object = "trigger \"" + trigger.name.name.name + "\"";
        TableInfo* table = ctx.catalog.find_table(trigger.table.name.name);
        if (table && table->skipped) continue;  // maintenance triggers of a left-out virtual table go with it
        std::string why = "triggers are not translated to PL/pgSQL yet";
        ctx.decisions.record({"object-skipped", Severity::Warning, true, object, obj.statement.loc.line,
                              "trigger left out", why});
        ctx.post.skipped.push_back({object, why, obj.source_text, obj.statement.loc.line});
    }
}

}  // namespace

const Pass kTriggers{.name = "triggers",
                       .summary = "triggers kept as comments until PL/pgSQL translation exists",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
