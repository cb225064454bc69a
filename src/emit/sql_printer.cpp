#include "emit/sql_printer.hpp"

#include <stdexcept>
#include <type_traits>

#include "ast/dml.hpp"
#include "emit/value_format.hpp"
#include "pg/identifiers.hpp"

namespace sqlite2pg::emit {
namespace {

std::string_view binary_op(ast::BinaryOp op) {
    using O = ast::BinaryOp;
    switch (op) {
        case O::Concat: return "||";
        case O::JsonExtract: return "->";
        case O::JsonExtractText: return "->>";
        case O::Mul: return "*";
        case O::Div: return "/";
        case O::Mod: return "%";
        case O::Add: return "+";
        case O::Sub: return "-";
        case O::BitAnd: return "&";
        case O::BitOr: return "|";
        case O::ShiftLeft: return "<<";
        case O::ShiftRight: return ">>";
        case O::Lt: return "<";
        case O::Le: return "<=";
        case O::Gt: return ">";
        case O::Ge: return ">=";
        case O::Eq:
        case O::EqEq: return "=";
        case O::Ne:
        case O::LtGt: return "<>";
        case O::Is:
        case O::IsNotDistinctFrom: return "IS NOT DISTINCT FROM";
        case O::IsNot:
        case O::IsDistinctFrom: return "IS DISTINCT FROM";
        case O::And: return "AND";
        case O::Or: return "OR";
    }
    return "=";
}

bool is_null_literal(const ast::ExprPtr& e) {
    auto* lit = e ? std::get_if<ast::Literal>(&e->node) : nullptr;
    return lit && lit->kind == ast::Literal::Kind::Null;
}

class Printer {
public:
    std::string out;

    /// A construct with no PostgreSQL spelling reached the printer: a pass should have rewritten or
    /// rejected it, so this is a bug, not an input error.
    [[noreturn]] static void unprintable(const char* what) {
        throw std::logic_error(std::string(what) + " has no PostgreSQL spelling; a pass must rewrite it first");
    }

    void expr(const ast::Expr& e) {
        std::visit([this](const auto& n) { node(n); }, e.node);
    }

    /// A child expression: parenthesised unless it is an atom.
    void operand(const ast::ExprPtr& e) {
        if (!e) return;
        bool atom = std::holds_alternative<ast::Literal>(e->node) || std::holds_alternative<ast::ColumnRef>(e->node) ||
                    std::holds_alternative<ast::FunctionCall>(e->node) ||
                    std::holds_alternative<ast::Parenthesized>(e->node) ||
                    std::holds_alternative<ast::SubqueryExpr>(e->node) || std::holds_alternative<ast::Cast>(e->node);
        if (!atom) out += '(';
        expr(*e);
        if (!atom) out += ')';
    }

    void name(const ast::Identifier& id) { out += pg::quote_ident(id.name); }

    void list(const std::vector<ast::ExprPtr>& items) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += ", ";
            if (items[i]) expr(*items[i]);
        }
    }

    void node(const ast::Literal& n) {
        using K = ast::Literal::Kind;
        switch (n.kind) {
            case K::Null: out += "NULL"; break;
            case K::Integer:
            case K::Real: out += n.text; break;
            case K::String: append_quoted_string(out, n.text); break;
            case K::Blob: out += "'\\x" + n.text + "'::bytea"; break;
            case K::True: out += "TRUE"; break;
            case K::False: out += "FALSE"; break;
            case K::CurrentTime: out += "CURRENT_TIME"; break;
            case K::CurrentDate: out += "CURRENT_DATE"; break;
            case K::CurrentTimestamp: out += "CURRENT_TIMESTAMP"; break;
        }
    }
    void node(const ast::ColumnRef& n) {
        if (n.table) {
            name(*n.table);
            out += '.';
        }
        name(n.column);
    }
    void node(const ast::BindParameter& n) { out += n.text; }
    void node(const ast::Unary& n) {
        switch (n.op) {
            case ast::UnaryOp::Minus: out += '-'; break;
            case ast::UnaryOp::Plus: out += '+'; break;
            case ast::UnaryOp::BitNot: out += '~'; break;
            case ast::UnaryOp::Not: out += "NOT "; break;
        }
        operand(n.operand);
    }
    void node(const ast::Binary& n) {
        operand(n.left);
        if ((n.op == ast::BinaryOp::Is || n.op == ast::BinaryOp::IsNot) && is_null_literal(n.right)) {
            out += n.op == ast::BinaryOp::Is ? " IS NULL" : " IS NOT NULL";
            return;
        }
        out += ' ';
        out += binary_op(n.op);
        out += ' ';
        operand(n.right);
    }
    void node(const ast::Collate& n) {
        operand(n.operand);
        out += " COLLATE ";
        name(n.collation);
    }
    void node(const ast::PatternMatch& n) {
        operand(n.operand);
        if (n.op == ast::PatternOp::Regexp) {  // the translator leaves only POSIX expressions (from GLOB) here
            out += n.negated ? " !~ " : " ~ ";
            operand(n.pattern);
            return;
        }
        out += n.negated ? " NOT " : " ";
        if (n.op != ast::PatternOp::Like) unprintable("GLOB/MATCH");
        out += "LIKE ";
        operand(n.pattern);
        if (n.escape) {
            out += " ESCAPE ";
            operand(n.escape);
        }
    }
    void node(const ast::Between& n) {
        operand(n.operand);
        out += n.negated ? " NOT BETWEEN " : " BETWEEN ";
        operand(n.low);
        out += " AND ";
        operand(n.high);
    }
    void node(const ast::InExpr& n) {
        operand(n.operand);
        out += n.negated ? " NOT IN (" : " IN (";
        if (n.select) select(*n.select);
        else list(n.list);
        out += ')';
    }
    void node(const ast::NullTest& n) {
        operand(n.operand);
        out += n.negated ? " IS NOT NULL" : " IS NULL";
    }
    void node(const ast::FunctionCall& n) {
        // A schema-qualified function (sqlite_compat.substr) is one name with a dot; quote each part.
        // coalesce, nullif, greatest and least are grammar in PostgreSQL, not functions: never quoted.
        std::size_t dot = n.name.name.find('.');
        const std::string& fn = n.name.name;
        if (dot != std::string::npos) out += pg::quote_ident(fn.substr(0, dot)) + '.' + pg::quote_ident(fn.substr(dot + 1));
        else if (fn == "coalesce" || fn == "nullif" || fn == "greatest" || fn == "least") out += fn;
        else out += pg::quote_ident(fn);
        out += '(';
        if (n.distinct) out += "DISTINCT ";
        if (n.star) out += '*';
        list(n.args);
        if (!n.order_by.empty()) {
            out += " ORDER BY ";
            ordering(n.order_by);
        }
        out += ')';
        if (n.filter) {
            out += " FILTER (WHERE ";
            expr(*n.filter);
            out += ')';
        }
        if (n.over_window) unprintable("OVER a named window");
        if (n.over) {
            out += " OVER (";
            window(*n.over);
            out += ')';
        }
    }

    void frame_bound(const ast::FrameBound& b) {
        using K = ast::FrameBound::Kind;
        switch (b.kind) {
            case K::UnboundedPreceding: out += "UNBOUNDED PRECEDING"; break;
            case K::UnboundedFollowing: out += "UNBOUNDED FOLLOWING"; break;
            case K::CurrentRow: out += "CURRENT ROW"; break;
            case K::Preceding:
            case K::Following:
                if (b.offset) expr(*b.offset);
                out += b.kind == K::Preceding ? " PRECEDING" : " FOLLOWING";
                break;
        }
    }

    void window(const ast::WindowSpec& w) {
        if (w.base) unprintable("a window based on a named window");
        const char* sep = "";
        if (!w.partition_by.empty()) {
            out += "PARTITION BY ";
            list(w.partition_by);
            sep = " ";
        }
        if (!w.order_by.empty()) {
            out += sep;
            out += "ORDER BY ";
            ordering(w.order_by);
            sep = " ";
        }
        if (!w.frame) return;
        using U = ast::FrameSpec::Units;
        out += sep;
        out += w.frame->units == U::Rows ? "ROWS " : w.frame->units == U::Groups ? "GROUPS " : "RANGE ";
        if (w.frame->end) {
            out += "BETWEEN ";
            frame_bound(w.frame->start);
            out += " AND ";
            frame_bound(*w.frame->end);
        } else {
            frame_bound(w.frame->start);
        }
        using E = ast::FrameSpec::Exclude;
        switch (w.frame->exclude) {
            case E::None: break;
            case E::NoOthers: out += " EXCLUDE NO OTHERS"; break;
            case E::CurrentRow: out += " EXCLUDE CURRENT ROW"; break;
            case E::Group: out += " EXCLUDE GROUP"; break;
            case E::Ties: out += " EXCLUDE TIES"; break;
        }
    }
    void node(const ast::Cast& n) {
        out += "CAST(";
        if (n.operand) expr(*n.operand);
        out += " AS " + n.type.name + ")";
    }
    void node(const ast::CaseExpr& n) {
        out += "CASE";
        if (n.operand) {
            out += ' ';
            operand(n.operand);
        }
        for (const auto& w : n.whens) {
            out += " WHEN ";
            if (w.condition) expr(*w.condition);
            out += " THEN ";
            if (w.result) expr(*w.result);
        }
        if (n.otherwise) {
            out += " ELSE ";
            expr(*n.otherwise);
        }
        out += " END";
    }
    void node(const ast::SubqueryExpr& n) {
        if (n.kind == ast::SubqueryExpr::Kind::Exists) out += "EXISTS ";
        if (n.kind == ast::SubqueryExpr::Kind::NotExists) out += "NOT EXISTS ";
        out += '(';
        if (n.select) select(*n.select);
        out += ')';
    }
    void node(const ast::Raise&) { unprintable("RAISE"); }
    void node(const ast::RowValue& n) {
        out += "ROW(";
        list(n.items);
        out += ')';
    }
    void node(const ast::Parenthesized& n) {
        out += '(';
        if (n.inner) expr(*n.inner);
        out += ')';
    }

    void ordering(const std::vector<ast::OrderingTerm>& terms) {
        for (std::size_t i = 0; i < terms.size(); ++i) {
            if (i) out += ", ";
            if (terms[i].expr) expr(*terms[i].expr);
            out += print_sort_suffix(terms[i].order, terms[i].nulls);
        }
    }

    void table_ref(const ast::TableRef& r) {
        switch (r.kind) {
            case ast::TableRef::Kind::Table: name(r.name.name); break;
            case ast::TableRef::Kind::Function:
                name(r.name.name);
                out += '(';
                list(r.args);
                out += ')';
                break;
            case ast::TableRef::Kind::Subquery:
                out += '(';
                if (r.select) select(*r.select);
                out += ')';
                break;
            case ast::TableRef::Kind::Join:
                out += '(';
                if (r.join) join(*r.join);
                out += ')';
                break;
        }
        if (r.alias) {
            out += " AS ";
            name(*r.alias);
        }
    }

    void join(const ast::JoinClause& j) {
        table_ref(j.first);
        for (const auto& step : j.steps) {
            using K = ast::JoinOperator::Kind;
            if (!step.op.join_keyword) {
                out += ", ";
            } else {
                out += step.op.natural ? " NATURAL" : "";
                switch (step.op.kind) {
                    case K::Left: out += " LEFT"; break;
                    case K::Right: out += " RIGHT"; break;
                    case K::Full: out += " FULL"; break;
                    case K::Cross: out += " CROSS"; break;
                    case K::Inner: out += " INNER"; break;
                    case K::Comma: break;
                }
                out += " JOIN ";
            }
            table_ref(step.right);
            if (step.on) {
                out += " ON ";
                expr(*step.on);
            } else if (!step.using_columns.empty()) {
                out += " USING (";
                for (std::size_t i = 0; i < step.using_columns.size(); ++i) {
                    if (i) out += ", ";
                    name(step.using_columns[i]);
                }
                out += ')';
            } else if (step.op.join_keyword && !step.op.natural && step.op.kind != K::Cross) {
                // SQLite allows a JOIN without ON; PostgreSQL needs one for anything but CROSS.
                out += " ON TRUE";
            }
        }
    }

    void core(const ast::SelectCore& c) {
        if (c.is_values) {
            out += "VALUES ";
            for (std::size_t i = 0; i < c.values.size(); ++i) {
                out += i ? ", (" : "(";
                list(c.values[i]);
                out += ')';
            }
            return;
        }
        out += "SELECT ";
        if (c.distinct) out += "DISTINCT ";
        for (std::size_t i = 0; i < c.columns.size(); ++i) {
            if (i) out += ", ";
            const ast::ResultColumn& col = c.columns[i];
            if (col.star) {
                if (col.star_table) {
                    name(*col.star_table);
                    out += '.';
                }
                out += '*';
                continue;
            }
            if (col.expr) expr(*col.expr);
            if (col.alias) {
                out += " AS ";
                name(*col.alias);
            }
        }
        if (c.from) {
            out += " FROM ";
            join(*c.from);
        }
        if (c.where) {
            out += " WHERE ";
            expr(*c.where);
        }
        if (!c.group_by.empty()) {
            out += " GROUP BY ";
            list(c.group_by);
        }
        if (c.having) {
            out += " HAVING ";
            expr(*c.having);
        }
    }

    void select(const ast::Select& s) {
        if (s.with) {
            out += s.with->recursive ? "WITH RECURSIVE " : "WITH ";
            for (std::size_t i = 0; i < s.with->ctes.size(); ++i) {
                const auto& cte = s.with->ctes[i];
                if (i) out += ", ";
                name(cte.name);
                if (!cte.columns.empty()) {
                    out += " (";
                    for (std::size_t k = 0; k < cte.columns.size(); ++k) {
                        if (k) out += ", ";
                        name(cte.columns[k]);
                    }
                    out += ')';
                }
                out += " AS ";
                if (cte.materialized) out += *cte.materialized ? "MATERIALIZED " : "NOT MATERIALIZED ";
                out += '(';
                if (cte.select) select(*cte.select);
                out += ')';
            }
            out += ' ';
        }
        core(s.first);
        for (const auto& c : s.compounds) {
            switch (c.op) {
                case ast::CompoundOp::Union: out += " UNION "; break;
                case ast::CompoundOp::UnionAll: out += " UNION ALL "; break;
                case ast::CompoundOp::Intersect: out += " INTERSECT "; break;
                case ast::CompoundOp::Except: out += " EXCEPT "; break;
            }
            core(c.core);
        }
        if (!s.order_by.empty()) {
            out += " ORDER BY ";
            ordering(s.order_by);
        }
        if (s.limit) {
            out += " LIMIT ";
            expr(*s.limit);
        }
        if (s.offset) {
            out += " OFFSET ";
            expr(*s.offset);
        }
    }

    void where(const ast::ExprPtr& w) {
        if (!w) return;
        out += " WHERE ";
        expr(*w);
    }

    void assignments(const std::vector<ast::UpsertClause::Assignment>& set) {
        for (std::size_t i = 0; i < set.size(); ++i) {
            if (i) out += ", ";
            if (set[i].columns.size() != 1) unprintable("SET (a, b) = …");
            name(set[i].columns[0]);
            out += " = ";
            if (set[i].value) expr(*set[i].value);
        }
    }

    void insert(const ast::Insert& s) {
        if (s.with || s.replace_keyword || s.or_action != ast::ConflictAction::None || !s.returning.empty())
            unprintable("WITH/REPLACE/INSERT OR/RETURNING");
        out += "INSERT INTO ";
        name(s.table.name);
        if (!s.columns.empty()) {
            out += " (";
            for (std::size_t i = 0; i < s.columns.size(); ++i) {
                if (i) out += ", ";
                name(s.columns[i]);
            }
            out += ')';
        }
        if (s.default_values) out += " DEFAULT VALUES";
        else if (s.select) {
            out += ' ';
            select(*s.select);
        } else {
            out += " VALUES ";
            for (std::size_t i = 0; i < s.values.size(); ++i) {
                out += i ? ", (" : "(";
                list(s.values[i]);
                out += ')';
            }
        }
        for (const ast::UpsertClause& u : s.upserts) {
            out += " ON CONFLICT";
            if (!u.target.empty()) {
                out += " (";
                for (std::size_t i = 0; i < u.target.size(); ++i) {
                    if (i) out += ", ";
                    if (u.target[i].expr) expr(*u.target[i].expr);
                }
                out += ')';
            }
            if (u.target_where) unprintable("ON CONFLICT (…) WHERE");
            if (u.do_nothing) {
                out += " DO NOTHING";
                continue;
            }
            out += " DO UPDATE SET ";
            assignments(u.set);
            where(u.where);
        }
    }

    void update(const ast::Update& s) {
        if (s.with || s.from || s.or_action != ast::ConflictAction::None || !s.returning.empty() ||
            !s.order_by.empty() || s.limit)
            unprintable("UPDATE with WITH/FROM/OR/RETURNING/ORDER BY/LIMIT");
        out += "UPDATE ";
        name(s.table.name);
        if (s.alias) {
            out += " AS ";
            name(*s.alias);
        }
        out += " SET ";
        assignments(s.set);
        where(s.where);
    }

    void remove(const ast::Delete& s) {
        if (s.with || !s.returning.empty() || !s.order_by.empty() || s.limit)
            unprintable("DELETE with WITH/RETURNING/ORDER BY/LIMIT");
        out += "DELETE FROM ";
        name(s.table.name);
        if (s.alias) {
            out += " AS ";
            name(*s.alias);
        }
        where(s.where);
    }
};

}  // namespace

std::string print_sort_suffix(ast::SortOrder order, ast::NullsOrder nulls) {
    std::string s;
    if (order == ast::SortOrder::Asc) s += " ASC";
    if (order == ast::SortOrder::Desc) s += " DESC";
    if (nulls == ast::NullsOrder::First) s += " NULLS FIRST";
    if (nulls == ast::NullsOrder::Last) s += " NULLS LAST";
    return s;
}

std::string print_expr(const ast::Expr& e) {
    Printer p;
    p.expr(e);
    return std::move(p.out);
}

std::string print_select(const ast::Select& s) {
    Printer p;
    p.select(s);
    return std::move(p.out);
}

std::string print_insert(const ast::Insert& s) {
    Printer p;
    p.insert(s);
    return std::move(p.out);
}

std::string print_update(const ast::Update& s) {
    Printer p;
    p.update(s);
    return std::move(p.out);
}

std::string print_delete(const ast::Delete& s) {
    Printer p;
    p.remove(s);
    return std::move(p.out);
}

}  // namespace sqlite2pg::emit
