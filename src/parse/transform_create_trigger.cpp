// CREATE TRIGGER.
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {

ast::CreateTrigger Transformer::transform_create_trigger(SQLiteParser::Create_trigger_stmtContext& ctx) {
    using Timing = ast::CreateTrigger::Timing;
    using Event = ast::CreateTrigger::Event;
    ast::CreateTrigger trigger;
    trigger.temporary = ctx.TEMP_() || ctx.TEMPORARY_();
    trigger.if_not_exists = ctx.IF_() != nullptr;
    const auto names = ctx.qualified_name();  // the trigger, then its table
    trigger.name = transform_qualified_name(*names[0]);
    trigger.table = transform_qualified_name(*names[1]);
    trigger.timing = ctx.BEFORE_() ? Timing::Before
                   : ctx.AFTER_() ? Timing::After
                   : ctx.INSTEAD_() ? Timing::InsteadOf
                                    : Timing::None;
    trigger.event = ctx.DELETE_() ? Event::Delete : ctx.INSERT_() ? Event::Insert : Event::Update;
    if (auto* columns = ctx.name_list()) trigger.update_columns = transform_name_list(*columns);
    trigger.for_each_row = ctx.FOR_() != nullptr;
    if (auto* when = ctx.expr()) trigger.when = transform_expr(*when);
    for (auto* step : ctx.trigger_step()) trigger.body.push_back(transform_trigger_step(*step));
    return trigger;
}

ast::TriggerStep Transformer::transform_trigger_step(SQLiteParser::Trigger_stepContext& ctx) {
    if (auto* c = ctx.insert_stmt()) return transform_insert(*c);
    if (auto* c = ctx.update_stmt()) return transform_update(*c);
    if (auto* c = ctx.delete_stmt()) return transform_delete(*c);
    return transform_select(*ctx.select_stmt());
}

}  // namespace sqlite2pg::parse
