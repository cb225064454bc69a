// Pass triggers: each SQLite trigger becomes a PL/pgSQL function and a CREATE TRIGGER … FOR EACH ROW that
// calls it, created after the data so that loading rows fires nothing (postgres-semantics.md §6.3).
//
//   CREATE TRIGGER t BEFORE INSERT ON child WHEN NEW.score < 0
//   BEGIN SELECT RAISE(ABORT, 'negative score'); END;
// becomes a function whose body is
//   IF NOT coalesce(NEW.score < 0, false) THEN RETURN NEW; END IF;
//   RAISE EXCEPTION USING MESSAGE = 'negative score';
//   RETURN NEW;
// The WHEN condition always goes into the body: PostgreSQL forbids WHEN on INSTEAD OF triggers and OLD/NEW
// in some, and inside the body it means the same everywhere. RAISE(IGNORE) returns NULL (skips the row) in
// BEFORE and INSTEAD OF triggers; `SELECT RAISE(…) WHERE c` and `SELECT CASE WHEN c THEN RAISE(…) END`
// become IF statements. SQLite fires the triggers of one table and event in reverse creation order and
// PostgreSQL alphabetically, so such triggers get a numeric prefix. SQLite does not let a trigger fire
// itself (recursive_triggers is off by default): a trigger that writes gets a guard. A trigger whose body
// cannot be translated exactly is left out, its SQL kept as a comment, and reported.
#include <cctype>
#include <map>

#include "ast/walk.hpp"
#include "passes/expressions.hpp"
#include "passes/passes.hpp"
#include "passes/translate/translator.hpp"

namespace sqlite2pg::passes {
namespace {

using translate::Untranslatable;
using Trig = ast::CreateTrigger;

std::string timing_word(Trig::Timing t) {
    return t == Trig::Timing::After ? "AFTER" : t == Trig::Timing::InsteadOf ? "INSTEAD OF" : "BEFORE";
}

std::string event_word(Trig::Event e) {
    return e == Trig::Event::Insert ? "INSERT" : e == Trig::Event::Update ? "UPDATE" : "DELETE";
}

/// What the function returns when the row goes ahead: the row for BEFORE/INSTEAD OF, NULL for AFTER.
std::string row_result(const Trig& t) {
    if (t.timing == Trig::Timing::After) return "NULL";
    return t.event == Trig::Event::Delete ? "OLD" : "NEW";
}

/// The RAISE(…) an expression is (through parentheses), or nullptr.
ast::Raise* raise_of(ast::ExprPtr& e) {
    if (!e) return nullptr;
    if (auto* r = std::get_if<ast::Raise>(&e->node)) return r;
    if (auto* p = std::get_if<ast::Parenthesized>(&e->node)) return raise_of(p->inner);
    return nullptr;
}

bool contains_raise(ast::Select& s) {
    bool found = false;
    ast::Walker w;
    w.on_expr = [&](ast::Expr& x) { found |= std::holds_alternative<ast::Raise>(x.node); };
    w.walk(s);
    return found;
}

/// Renames the names in one body statement to their PostgreSQL forms, after turning double-quoted names
/// that are no column (`known`) into strings.
void rename_step(ast::TriggerStep& step, PassContext& ctx, const std::set<std::string>& known) {
    auto rename_table = [&](ast::QualifiedName& name) -> TableInfo* {
        name.schema.reset();
        TableInfo* t = ctx.catalog.find_table(name.name.name);
        name.name.name = t ? t->pg_name : pg_name_of(name.name.name);
        return t;
    };
    auto rename_column = [](TableInfo* t, ast::Identifier& id) {
        ColumnInfo* c = t ? t->find_column(id.name) : nullptr;
        id.name = c ? c->pg_name : pg_name_of(id.name);
    };
    auto expr = [&](ast::ExprPtr& e, TableInfo* t) {
        if (!e) return;
        double_quoted_strings(*e, known);
        rename_references(*e, ctx.catalog, t);
    };
    auto query = [&](ast::Select& s) {
        double_quoted_strings(s, known_names(ctx.catalog, &s));
        rename_references(s, ctx.catalog);
    };
    std::visit(
        [&](auto& s) {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, ast::Select>) {
                query(s);
            } else {
                TableInfo* t = rename_table(s.table);
                if (s.alias) s.alias->name = pg_name_of(s.alias->name);
                if constexpr (!std::is_same_v<T, ast::Insert>) expr(s.where, t);
                if constexpr (std::is_same_v<T, ast::Insert>) {
                    for (auto& c : s.columns) rename_column(t, c);
                    for (auto& row : s.values)
                        for (auto& v : row) expr(v, t);
                    if (s.select) query(*s.select);
                } else if constexpr (std::is_same_v<T, ast::Update>) {
                    for (auto& a : s.set) {
                        for (auto& c : a.columns) rename_column(t, c);
                        expr(a.value, t);
                    }
                }
            }
        },
        step);
}

struct BodyBuilder {
    translate::Translator& tr;
    const translate::Scope& scope;
    const Trig& trigger;

    pg::PlStatement raise(ast::Raise& r) {
        pg::PlStatement out;
        if (r.action == ast::Raise::Action::Ignore) {
            if (trigger.timing == Trig::Timing::After)
                throw Untranslatable{"RAISE(IGNORE) in an AFTER trigger (it would also skip the later triggers)"};
            out.kind = pg::PlStatement::Kind::Return;
            out.returned = "NULL";
            return out;
        }
        Typed t = tr.value(r.message, scope);
        out.kind = pg::PlStatement::Kind::Raise;
        out.expr = translate::as_text(std::move(r.message), t, "RAISE message");
        return out;
    }

    /// `SELECT RAISE(…) [FROM …] [WHERE c]` and `SELECT CASE WHEN c THEN RAISE(…) … END [WHERE c]`.
    std::optional<pg::PlStatement> raise_idiom(ast::Select& s) {
        if (!s.compounds.empty() || s.with || s.first.is_values || s.first.columns.size() != 1 ||
            !s.first.group_by.empty() || s.first.having || s.limit)
            return std::nullopt;
        ast::ExprPtr& column = s.first.columns[0].expr;
        std::vector<pg::PlStatement> action;
        if (ast::Raise* r = raise_of(column)) {
            action.push_back(raise(*r));
        } else if (auto* c = column ? std::get_if<ast::CaseExpr>(&column->node) : nullptr;
                   c && !c->operand && !s.first.from) {
            // Each WHEN in turn; the first true one decides, and only RAISE results do anything.
            std::vector<pg::PlStatement>* tail = &action;
            for (auto& w : c->whens) {
                pg::PlStatement branch;
                branch.kind = pg::PlStatement::Kind::If;
                tr.condition(w.condition, scope);
                branch.expr = std::move(w.condition);
                if (ast::Raise* when_raise = raise_of(w.result)) branch.then.push_back(raise(*when_raise));
                tail->push_back(std::move(branch));
                tail = &tail->back().otherwise;
            }
            if (ast::Raise* else_raise = raise_of(c->otherwise)) tail->push_back(raise(*else_raise));
        } else {
            return std::nullopt;
        }
        if (!s.first.from && !s.first.where) {
            if (action.size() != 1) throw Untranslatable{"an unexpected RAISE form"};
            return std::move(action[0]);
        }
        pg::PlStatement guard;
        guard.kind = pg::PlStatement::Kind::If;
        guard.then = std::move(action);
        if (!s.first.from) {
            tr.condition(s.first.where, scope);
            guard.expr = std::move(s.first.where);
            return guard;
        }
        // With FROM: raise when any row qualifies.
        s.first.columns[0].expr = translate::make_integer(1);
        s.order_by.clear();
        tr.query(s, &scope);
        guard.expr = ast::make_expr(ast::SubqueryExpr{ast::SubqueryExpr::Kind::Exists, ast::SelectPtr(std::move(s))});
        return guard;
    }

    pg::PlStatement step(ast::TriggerStep& step) {
        pg::PlStatement out;
        if (auto* sel = std::get_if<ast::Select>(&step)) {
            if (auto idiom = raise_idiom(*sel)) return std::move(*idiom);
            if (contains_raise(*sel)) throw Untranslatable{"RAISE() in a form other than SELECT RAISE(…) [WHERE …]"};
            tr.query(*sel, &scope);
            out.kind = pg::PlStatement::Kind::Perform;
        } else if (auto* ins = std::get_if<ast::Insert>(&step)) {
            tr.insert(*ins, scope);
        } else if (auto* upd = std::get_if<ast::Update>(&step)) {
            tr.update(*upd, scope);
        } else {
            tr.remove(std::get<ast::Delete>(step), scope);
        }
        out.sql = std::move(step);
        return out;
    }
};

bool writes(const std::vector<ast::TriggerStep>& body) {
    for (const auto& s : body)
        if (!std::holds_alternative<ast::Select>(s)) return true;
    return false;
}

std::string guard_name(std::size_t ordinal, const std::string& function) {
    std::string safe;
    for (char c : function)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') safe += static_cast<char>(std::tolower(c));
    return "sqlite2pg.firing_" + std::to_string(ordinal) + "_" + safe.substr(0, 40);
}

void skip(PassContext& ctx, const DeferredObject& obj, const std::string& object, const std::string& why) {
    ctx.decisions.record({"object-skipped", Severity::Warning, true, object, obj.statement.loc.line, "trigger left out", why});
    ctx.post.skipped.push_back({object, why, obj.source_text, obj.statement.loc.line});
}

void convert(DeferredObject& obj, std::size_t ordinal, PassContext& ctx, std::set<std::string>& functions) {
    auto& trigger = std::get<Trig>(obj.statement.node);
    std::string object = "trigger \"" + trigger.name.name.name + "\"";
    TableInfo* table = ctx.catalog.find_table(trigger.table.name.name);
    if (table && table->skipped) return;  // maintenance triggers of a left-out virtual table go with it
    std::string target = table ? table->pg_name : pg_name_of(trigger.table.name.name);
    if (!table)  // a view keeps the name name-tables claimed for it
        for (const DeferredObject& v : ctx.catalog.views)
            if (sqlite_name_key(v.sqlite_name) == sqlite_name_key(trigger.table.name.name))
                target = std::get<ast::CreateView>(v.statement.node).name.name.name;
    bool on_view = !table && ctx.catalog.view_columns.count(target);
    if (!table && !on_view)
        return skip(ctx, obj, object, "its table or view \"" + trigger.table.name.name + "\" is not created");
    if (on_view != (trigger.timing == Trig::Timing::InsteadOf))
        return skip(ctx, obj, object, on_view ? "BEFORE/AFTER on a view" : "INSTEAD OF on a table");

    translate::Translator tr(ctx.catalog, {ctx.config.compat_functions, false});
    std::vector<RelationColumn> columns =
        table ? translate::Translator::table_columns(*table) : ctx.catalog.view_columns[target];
    translate::Scope scope;
    if (trigger.event != Trig::Event::Insert) scope.items.push_back({"old", columns});
    if (trigger.event != Trig::Event::Delete) scope.items.push_back({"new", columns});

    pg::Trigger out;
    out.table = target;
    out.timing = timing_word(trigger.timing);
    out.event = event_word(trigger.event);
    out.returned = row_result(trigger);
    out.source_line = obj.statement.loc.line;
    out.function = pg_name_of(trigger.name.name.name + "_fn");
    for (int n = 2; !functions.insert(out.function).second; ++n) out.function = pg_name_of(trigger.name.name.name + "_fn" + std::to_string(n));
    out.name = pg_name_of(trigger.name.name.name);
    try {
        for (auto& c : trigger.update_columns) {
            ColumnInfo* col = table ? table->find_column(c.name) : nullptr;
            if (!col) throw Untranslatable{"UPDATE OF \"" + c.name + "\", which is not a column of the table"};
            out.update_columns.push_back(col->pg_name);
        }
        std::set<std::string> known = known_names(ctx.catalog, nullptr);
        if (trigger.when) {
            double_quoted_strings(*trigger.when, known);
            rename_references(*trigger.when, ctx.catalog, nullptr);
            tr.condition(trigger.when, scope);
            pg::PlStatement stop;
            stop.kind = pg::PlStatement::Kind::If;
            stop.expr = ast::make_expr(ast::Unary{
                ast::UnaryOp::Not,
                translate::make_call("coalesce", {std::move(trigger.when), ast::make_expr(ast::Literal{ast::Literal::Kind::False, ""})})});
            stop.then.push_back({pg::PlStatement::Kind::Return, std::nullopt, nullptr, out.returned, {}, {}});
            out.body.push_back(std::move(stop));
        }
        BodyBuilder builder{tr, scope, trigger};
        for (ast::TriggerStep& step : trigger.body) {
            rename_step(step, ctx, known);
            if (auto* ins = std::get_if<ast::Insert>(&step); ins && ins->or_action == ast::ConflictAction::Ignore)
                out.notes.push_back(ctx.decisions.record(
                    {"insert-or-ignore", Severity::Warning, true, object, out.source_line, "INSERT OR IGNORE → ON CONFLICT DO NOTHING",
                     "PostgreSQL skips only unique violations; SQLite also skips NOT NULL and CHECK failures"}));
            out.body.push_back(builder.step(step));
        }
    } catch (const Untranslatable& u) {
        return skip(ctx, obj, object, "it uses " + u.why);
    }
    if (writes(trigger.body)) out.recursion_guard = guard_name(ordinal, out.function);
    ctx.post.triggers.push_back(std::move(out));
}

/// Gives the triggers of one table, timing and event names that sort in SQLite's firing order (the last
/// created fires first), when there are several.
void keep_firing_order(PassContext& ctx) {
    std::map<std::string, std::vector<pg::Trigger*>> groups;
    for (pg::Trigger& t : ctx.post.triggers) groups[t.table + "\n" + t.timing + "\n" + t.event].push_back(&t);
    for (auto& [key, group] : groups) {
        if (group.size() < 2) continue;
        for (std::size_t i = 0; i < group.size(); ++i) {
            pg::Trigger& t = *group[i];
            std::string prefix = std::to_string(group.size() - i);
            prefix = std::string(prefix.size() < 3 ? 3 - prefix.size() : 0, '0') + prefix + "_";
            std::string old = t.name;
            t.name = pg_name_of(prefix + t.name);
            t.notes.push_back(ctx.decisions.record(
                {"trigger-renamed", Severity::Note, false, "trigger \"" + old + "\"", t.source_line,
                 "renamed to \"" + t.name + "\"", "PostgreSQL fires triggers by name; SQLite the newest first"}));
        }
    }
}

void finish(PassContext& ctx) {
    std::set<std::string> functions;
    std::size_t ordinal = 0;
    for (DeferredObject& obj : ctx.catalog.triggers) convert(obj, ++ordinal, ctx, functions);
    keep_firing_order(ctx);
}

}  // namespace

const Pass kTriggers{.name = "triggers",
                       .summary = "triggers as PL/pgSQL functions + CREATE TRIGGER, after the data",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
