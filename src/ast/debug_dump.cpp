#include "ast/debug_dump.hpp"

#include <type_traits>

namespace sqlite2pg::ast {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
/// Deduction guide: clang 14 (the fuzz build's compiler) does not deduce aggregate template arguments.
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

/// Appends S-expressions to one string. Every `open` is matched by a `close`; atoms are separated by spaces.
class Printer {
public:
    std::string take() { return std::move(out_); }

    void atom(std::string_view text) {
        space();
        out_ += text;
    }
    void open(std::string_view head) {
        space();
        out_ += '(';
        out_ += head;
    }
    void close() { out_ += ')'; }
    void flag(bool on, std::string_view name) {
        if (on) atom(name);
    }

    void name(const Identifier& id) { atom(quoted(id)); }
    void name(const QualifiedName& q) {
        atom(q.schema ? quoted(*q.schema) + "." + quoted(q.name) : quoted(q.name));
    }
    void names(std::string_view head, const std::vector<Identifier>& ids) {
        if (ids.empty()) return;
        open(head);
        for (const auto& id : ids) name(id);
        close();
    }

    void type(const TypeName& t) {
        open("type");
        atom("\"" + t.name + "\"");
        for (const auto& a : t.args) atom(a);
        close();
    }

    void expr(const ExprPtr& e) {
        if (e) expr(*e);
    }
    void exprs(std::string_view head, const std::vector<ExprPtr>& list) {
        open(head);
        for (const auto& e : list) expr(e);
        close();
    }
    void tagged(std::string_view head, const ExprPtr& e) {
        if (!e) return;
        open(head);
        expr(e);
        close();
    }

    void expr(const Expr& e) {
        std::visit(Overloaded{
                       [&](const Literal& x) { literal(x); },
                       [&](const ColumnRef& x) {
                           std::string s;
                           if (x.schema) s += quoted(*x.schema) + ".";
                           if (x.table) s += quoted(*x.table) + ".";
                           open("col");
                           atom(s + quoted(x.column));
                           close();
                       },
                       [&](const BindParameter& x) { open("param"); atom(x.text); close(); },
                       [&](const Unary& x) {
                           static constexpr std::string_view ops[] = {"neg", "pos", "bitnot", "not"};
                           open(ops[static_cast<int>(x.op)]);
                           expr(x.operand);
                           close();
                       },
                       [&](const Binary& x) {
                           static constexpr std::string_view ops[] = {
                               "||", "->", "->>", "*", "/", "%", "+", "-", "&", "|", "<<", ">>", "<", "<=", ">", ">=",
                               "=", "==", "!=", "<>", "is", "is-not", "is-distinct-from", "is-not-distinct-from", "and", "or"};
                           open(ops[static_cast<int>(x.op)]);
                           expr(x.left);
                           expr(x.right);
                           close();
                       },
                       [&](const Collate& x) { open("collate"); expr(x.operand); name(x.collation); close(); },
                       [&](const PatternMatch& x) {
                           static constexpr std::string_view ops[] = {"like", "glob", "regexp", "match"};
                           open(std::string(x.negated ? "not-" : "") + std::string(ops[static_cast<int>(x.op)]));
                           expr(x.operand);
                           expr(x.pattern);
                           tagged("escape", x.escape);
                           close();
                       },
                       [&](const Between& x) {
                           open(x.negated ? "not-between" : "between");
                           expr(x.operand);
                           expr(x.low);
                           expr(x.high);
                           close();
                       },
                       [&](const InExpr& x) {
                           open(x.negated ? "not-in" : "in");
                           expr(x.operand);
                           if (x.select) {
                               select(*x.select);
                           } else if (x.table) {
                               open("table");
                               name(*x.table);
                               for (const auto& a : x.list) expr(a);
                               close();
                           } else {
                               exprs("list", x.list);
                           }
                           close();
                       },
                       [&](const NullTest& x) { open(x.negated ? "notnull" : "isnull"); expr(x.operand); close(); },
                       [&](const FunctionCall& x) { call(x); },
                       [&](const Cast& x) { open("cast"); expr(x.operand); type(x.type); close(); },
                       [&](const CaseExpr& x) {
                           open("case");
                           tagged("operand", x.operand);
                           for (const auto& w : x.whens) {
                               open("when");
                               expr(w.condition);
                               expr(w.result);
                               close();
                           }
                           tagged("else", x.otherwise);
                           close();
                       },
                       [&](const SubqueryExpr& x) {
                           static constexpr std::string_view kinds[] = {"subquery", "exists", "not-exists"};
                           open(kinds[static_cast<int>(x.kind)]);
                           select(*x.select);
                           close();
                       },
                       [&](const Raise& x) {
                           static constexpr std::string_view actions[] = {"ignore", "rollback", "abort", "fail"};
                           open("raise");
                           atom(actions[static_cast<int>(x.action)]);
                           expr(x.message);
                           close();
                       },
                       [&](const RowValue& x) { exprs("row", x.items); },
                       [&](const Parenthesized& x) { open("paren"); expr(x.inner); close(); },
                   },
                   e.node);
    }

    void literal(const Literal& x) {
        using Kind = Literal::Kind;
        switch (x.kind) {
            case Kind::Null: atom("NULL"); return;
            case Kind::True: atom("TRUE"); return;
            case Kind::False: atom("FALSE"); return;
            case Kind::CurrentTime: atom("CURRENT_TIME"); return;
            case Kind::CurrentDate: atom("CURRENT_DATE"); return;
            case Kind::CurrentTimestamp: atom("CURRENT_TIMESTAMP"); return;
            case Kind::Integer: open("int"); atom(x.text); break;
            case Kind::Real: open("real"); atom(x.text); break;
            case Kind::String: open("str"); atom("'" + x.text + "'"); break;
            case Kind::Blob: open("blob"); atom(x.text); break;
        }
        close();
    }

    void call(const FunctionCall& x) {
        open("call");
        name(x.name);
        flag(x.distinct, "distinct");
        flag(x.star, "*");
        for (const auto& a : x.args) expr(a);
        order_by(x.order_by);
        tagged("filter", x.filter);
        if (x.over) {
            open("over");
            window(*x.over);
            close();
        }
        if (x.over_window) {
            open("over");
            name(*x.over_window);
            close();
        }
        close();
    }

    void order_by(const std::vector<OrderingTerm>& terms) {
        if (terms.empty()) return;
        open("order-by");
        for (const auto& t : terms) {
            open("term");
            expr(t.expr);
            flag(t.order == SortOrder::Asc, "asc");
            flag(t.order == SortOrder::Desc, "desc");
            flag(t.nulls == NullsOrder::First, "nulls-first");
            flag(t.nulls == NullsOrder::Last, "nulls-last");
            close();
        }
        close();
    }

    void window(const WindowSpec& w) {
        open("window");
        if (w.base) {
            open("base");
            name(*w.base);
            close();
        }
        if (!w.partition_by.empty()) exprs("partition-by", w.partition_by);
        order_by(w.order_by);
        if (w.frame) {
            static constexpr std::string_view units[] = {"range", "rows", "groups"};
            static constexpr std::string_view excludes[] = {"", "no-others", "current-row", "group", "ties"};
            open("frame");
            atom(units[static_cast<int>(w.frame->units)]);
            bound(w.frame->start);
            if (w.frame->end) bound(*w.frame->end);
            if (w.frame->exclude != FrameSpec::Exclude::None) {
                open("exclude");
                atom(excludes[static_cast<int>(w.frame->exclude)]);
                close();
            }
            close();
        }
        close();
    }

    void bound(const FrameBound& b) {
        static constexpr std::string_view kinds[] = {"unbounded-preceding", "preceding", "current-row", "following",
                                                     "unbounded-following"};
        if (b.offset) {
            tagged(kinds[static_cast<int>(b.kind)], b.offset);
        } else {
            atom(kinds[static_cast<int>(b.kind)]);
        }
    }

    void select(const Select& s) {
        open("select");
        if (s.with) with(*s.with);
        core(s.first);
        for (const auto& c : s.compounds) {
            static constexpr std::string_view ops[] = {"union", "union-all", "intersect", "except"};
            open(ops[static_cast<int>(c.op)]);
            core(c.core);
            close();
        }
        order_by(s.order_by);
        tagged("limit", s.limit);
        tagged("offset", s.offset);
        flag(s.limit_comma, "limit-comma");
        close();
    }

    void with(const WithClause& w) {
        open("with");
        flag(w.recursive, "recursive");
        for (const auto& cte : w.ctes) {
            open("cte");
            name(cte.name);
            names("columns", cte.columns);
            if (cte.materialized) atom(*cte.materialized ? "materialized" : "not-materialized");
            select(*cte.select);
            close();
        }
        close();
    }

    void values(const std::vector<std::vector<ExprPtr>>& rows) {
        open("values");
        for (const auto& row : rows) exprs("row", row);
        close();
    }

    void core(const SelectCore& c) {
        if (c.is_values) {
            values(c.values);
            return;
        }
        open("core");
        flag(c.distinct, "distinct");
        flag(c.all, "all");
        result_columns("columns", c.columns);
        if (c.from) {
            open("from");
            join(*c.from);
            close();
        }
        tagged("where", c.where);
        if (!c.group_by.empty()) exprs("group-by", c.group_by);
        tagged("having", c.having);
        for (const auto& w : c.windows) {
            open("named-window");
            name(w.name);
            window(w.spec);
            close();
        }
        close();
    }

    void result_columns(std::string_view head, const std::vector<ResultColumn>& columns) {
        if (columns.empty()) return;
        open(head);
        for (const auto& c : columns) {
            if (c.star) {
                atom(c.star_table ? quoted(*c.star_table) + ".*" : "*");
            } else if (c.alias) {
                open("as");
                expr(c.expr);
                name(*c.alias);
                close();
            } else {
                expr(c.expr);
            }
        }
        close();
    }

    void join(const JoinClause& j) {
        table_ref(j.first);
        for (const auto& step : j.steps) {
            static constexpr std::string_view kinds[] = {"comma", "inner", "left", "right", "full", "cross"};
            open(step.op.join_keyword ? kinds[static_cast<int>(step.op.kind)] : "comma");
            flag(step.op.natural, "natural");
            flag(step.op.outer, "outer");
            table_ref(step.right);
            tagged("on", step.on);
            names("using", step.using_columns);
            close();
        }
    }

    void table_ref(const TableRef& t) {
        using Kind = TableRef::Kind;
        switch (t.kind) {
            case Kind::Table: open("table"); name(t.name); break;
            case Kind::Function:
                open("table-function");
                name(t.name);
                for (const auto& a : t.args) expr(a);
                break;
            case Kind::Subquery: open("subquery"); select(*t.select); break;
            case Kind::Join: open("join-group"); join(*t.join); break;
        }
        alias(t.alias);
        if (t.indexed_by) {
            open("indexed-by");
            name(*t.indexed_by);
            close();
        }
        flag(t.not_indexed, "not-indexed");
        close();
    }

    void conflict(ConflictAction action) {
        static constexpr std::string_view names_[] = {"", "rollback", "abort", "fail", "ignore", "replace"};
        if (action == ConflictAction::None) return;
        open("on-conflict");
        atom(names_[static_cast<int>(action)]);
        close();
    }

    void order(SortOrder order) {
        flag(order == SortOrder::Asc, "asc");
        flag(order == SortOrder::Desc, "desc");
    }

    void indexed_column(const IndexedColumn& c) {
        open("key");
        expr(c.expr);
        if (c.collation) {
            open("collate");
            name(*c.collation);
            close();
        }
        order(c.order);
        close();
    }

    void foreign_key(const ForeignKeyClause& fk) {
        using Action = ForeignKeyClause::Action;
        static constexpr std::string_view actions[] = {"", "set-null", "set-default", "cascade", "restrict", "no-action"};
        static constexpr std::string_view deferrals[] = {"",
                                                         "not-deferrable",
                                                         "deferrable",
                                                         "deferrable-initially-deferred",
                                                         "deferrable-initially-immediate",
                                                         "not-deferrable-initially-deferred",
                                                         "not-deferrable-initially-immediate"};
        open("references");
        name(fk.table);
        names("columns", fk.columns);
        if (fk.on_delete != Action::None) {
            open("on-delete");
            atom(actions[static_cast<int>(fk.on_delete)]);
            close();
        }
        if (fk.on_update != Action::None) {
            open("on-update");
            atom(actions[static_cast<int>(fk.on_update)]);
            close();
        }
        if (fk.match) {
            open("match");
            name(*fk.match);
            close();
        }
        if (fk.deferral != ForeignKeyClause::Deferral::None) atom(deferrals[static_cast<int>(fk.deferral)]);
        close();
    }

    void column_constraint(const ColumnConstraint& c) {
        if (c.name) {
            open("constraint");
            name(*c.name);
        }
        std::visit(Overloaded{
                       [&](const PrimaryKeyConstraint& x) {
                           open("primary-key");
                           order(x.order);
                           conflict(x.on_conflict);
                           flag(x.autoincrement, "autoincrement");
                           close();
                       },
                       [&](const NotNullConstraint& x) { open("not-null"); conflict(x.on_conflict); close(); },
                       [&](const NullConstraint& x) { open("null"); conflict(x.on_conflict); close(); },
                       [&](const UniqueConstraint& x) { open("unique"); conflict(x.on_conflict); close(); },
                       [&](const CheckConstraint& x) { tagged("check", x.expr); },
                       [&](const DefaultConstraint& x) { tagged(x.parenthesized ? "default-paren" : "default", x.expr); },
                       [&](const CollateConstraint& x) { open("collate"); name(x.collation); close(); },
                       [&](const ReferencesConstraint& x) { foreign_key(x.clause); },
                       [&](const GeneratedConstraint& x) {
                           open("generated");
                           expr(x.expr);
                           flag(x.stored, "stored");
                           close();
                       },
                   },
                   c.kind);
        if (c.name) close();
    }

    void table_constraint(const TableConstraint& c) {
        if (c.name) {
            open("constraint");
            name(*c.name);
        }
        std::visit(Overloaded{
                       [&](const TablePrimaryKey& x) {
                           open("primary-key");
                           for (const auto& k : x.columns) indexed_column(k);
                           flag(x.autoincrement, "autoincrement");
                           conflict(x.on_conflict);
                           close();
                       },
                       [&](const TableUnique& x) {
                           open("unique");
                           for (const auto& k : x.columns) indexed_column(k);
                           conflict(x.on_conflict);
                           close();
                       },
                       [&](const TableCheck& x) { tagged("check", x.expr); },
                       [&](const TableForeignKey& x) {
                           open("foreign-key");
                           names("columns", x.columns);
                           foreign_key(x.clause);
                           close();
                       },
                   },
                   c.kind);
        if (c.name) close();
    }

    void assignments(const std::vector<UpsertClause::Assignment>& set) {
        for (const auto& a : set) {
            open("set");
            if (a.columns.size() == 1) {
                name(a.columns[0]);
            } else {
                names("", a.columns);
            }
            expr(a.value);
            close();
        }
    }

    void limit(const ExprPtr& count, const ExprPtr& offset) {
        tagged("limit", count);
        tagged("offset", offset);
    }

    void statement(const Statement& s) {
        std::visit(Overloaded{
                       [&](const CreateTable& x) {
                           open("create-table");
                           flag(x.temporary, "temp");
                           flag(x.if_not_exists, "if-not-exists");
                           name(x.name);
                           for (const auto& c : x.columns) {
                               open("column");
                               name(c.name);
                               if (c.type) type(*c.type);
                               for (const auto& k : c.constraints) column_constraint(k);
                               close();
                           }
                           for (const auto& c : x.constraints) table_constraint(c);
                           flag(x.without_rowid, "without-rowid");
                           flag(x.strict, "strict");
                           if (x.as_select) {
                               open("as");
                               select(*x.as_select);
                               close();
                           }
                           close();
                       },
                       [&](const CreateIndex& x) {
                           open("create-index");
                           flag(x.unique, "unique");
                           flag(x.if_not_exists, "if-not-exists");
                           name(x.name);
                           open("on");
                           name(x.table);
                           close();
                           for (const auto& k : x.columns) indexed_column(k);
                           tagged("where", x.where);
                           close();
                       },
                       [&](const CreateView& x) {
                           open("create-view");
                           flag(x.temporary, "temp");
                           flag(x.if_not_exists, "if-not-exists");
                           name(x.name);
                           names("columns", x.columns);
                           select(*x.select);
                           close();
                       },
                       [&](const CreateTrigger& x) { trigger(x); },
                       [&](const CreateVirtualTable& x) {
                           open("create-virtual-table");
                           flag(x.if_not_exists, "if-not-exists");
                           name(x.name);
                           open("using");
                           name(x.module);
                           for (const auto& a : x.args) atom("{" + a + "}");
                           close();
                           close();
                       },
                       [&](const InsertRows& x) {
                           open("insert-rows");
                           name(x.table);
                           names("columns", x.columns);
                           atom(std::to_string(x.row_count()));
                           close();
                       },
                       [&](const Insert& x) { insert(x); },
                       [&](const Update& x) { update(x); },
                       [&](const Delete& x) { del(x); },
                       [&](const Select& x) { select(x); },
                       [&](const Pragma& x) {
                           open("pragma");
                           name(x.name);
                           if (x.value) atom("{" + *x.value + "}");
                           close();
                       },
                       [&](const Transaction& x) {
                           static constexpr std::string_view kinds[] = {"begin", "commit", "rollback"};
                           open(kinds[static_cast<int>(x.kind)]);
                           close();
                       },
                       [&](const Analyze& x) {
                           open("analyze");
                           if (x.target) name(*x.target);
                           close();
                       },
                       [&](const Drop& x) {
                           static constexpr std::string_view kinds[] = {"drop-table", "drop-index", "drop-view",
                                                                        "drop-trigger"};
                           open(kinds[static_cast<int>(x.kind)]);
                           flag(x.if_exists, "if-exists");
                           name(x.name);
                           close();
                       },
                   },
                   s.node);
    }

    void trigger(const CreateTrigger& x) {
        static constexpr std::string_view timings[] = {"", "before", "after", "instead-of"};
        static constexpr std::string_view events[] = {"delete", "insert", "update"};
        open("create-trigger");
        flag(x.temporary, "temp");
        flag(x.if_not_exists, "if-not-exists");
        name(x.name);
        if (x.timing != CreateTrigger::Timing::None) atom(timings[static_cast<int>(x.timing)]);
        if (x.update_columns.empty()) {
            atom(events[static_cast<int>(x.event)]);
        } else {
            names("update-of", x.update_columns);
        }
        open("on");
        name(x.table);
        close();
        flag(x.for_each_row, "for-each-row");
        tagged("when", x.when);
        open("body");
        for (const auto& step : x.body) {
            std::visit(Overloaded{[&](const Insert& s) { insert(s); }, [&](const Update& s) { update(s); },
                                  [&](const Delete& s) { del(s); }, [&](const Select& s) { select(s); }},
                       step);
        }
        close();
        close();
    }

    void insert(const Insert& x) {
        open("insert");
        if (x.with) with(*x.with);
        flag(x.replace_keyword, "replace-into");
        conflict_or(x.or_action);
        name(x.table);
        alias(x.alias);
        names("columns", x.columns);
        if (!x.values.empty()) values(x.values);
        if (x.select) select(*x.select);
        flag(x.default_values, "default-values");
        for (const auto& u : x.upserts) {
            open("upsert");
            if (!u.target.empty()) {
                open("target");
                for (const auto& k : u.target) indexed_column(k);
                close();
            }
            tagged("target-where", u.target_where);
            if (u.do_nothing) {
                atom("do-nothing");
            } else {
                open("do-update");
                assignments(u.set);
                tagged("where", u.where);
                close();
            }
            close();
        }
        result_columns("returning", x.returning);
        close();
    }

    void update(const Update& x) {
        open("update");
        if (x.with) with(*x.with);
        conflict_or(x.or_action);
        name(x.table);
        alias(x.alias);
        assignments(x.set);
        if (x.from) {
            open("from");
            join(*x.from);
            close();
        }
        tagged("where", x.where);
        result_columns("returning", x.returning);
        order_by(x.order_by);
        limit(x.limit, x.offset);
        close();
    }

    void del(const Delete& x) {
        open("delete");
        if (x.with) with(*x.with);
        name(x.table);
        alias(x.alias);
        tagged("where", x.where);
        result_columns("returning", x.returning);
        order_by(x.order_by);
        limit(x.limit, x.offset);
        close();
    }

    /// `(as name)` when an alias was written.
    void alias(const std::optional<Identifier>& a) {
        if (!a) return;
        open("as");
        name(*a);
        close();
    }

    void conflict_or(ConflictAction action) {
        static constexpr std::string_view names_[] = {"", "rollback", "abort", "fail", "ignore", "replace"};
        if (action == ConflictAction::None) return;
        open("or");
        atom(names_[static_cast<int>(action)]);
        close();
    }

private:
    static std::string quoted(const Identifier& id) {
        switch (id.quote) {
            case QuoteStyle::None: return id.name;
            case QuoteStyle::Double: return "\"" + id.name + "\"";
            case QuoteStyle::Backtick: return "`" + id.name + "`";
            case QuoteStyle::Bracket: return "[" + id.name + "]";
            case QuoteStyle::Single: return "'" + id.name + "'";
        }
        return id.name;
    }

    void space() {
        if (!out_.empty() && out_.back() != '(') out_ += ' ';
    }

    std::string out_;
};

}  // namespace

std::string debug_dump(const Statement& statement) {
    Printer p;
    p.statement(statement);
    return p.take();
}

std::string debug_dump(const Expr& expr) {
    Printer p;
    p.expr(expr);
    return p.take();
}

std::string debug_dump(const Select& select) {
    Printer p;
    p.select(select);
    return p.take();
}

}  // namespace sqlite2pg::ast
