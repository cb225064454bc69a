// SQLite's core and aggregate functions, each mapped to a PostgreSQL form with the same results for the
// argument types at hand, or refused. Date and time functions are in datetime.cpp.
#include <map>

#include "passes/translate/translator.hpp"

namespace sqlite2pg::passes::translate {
namespace {

using Args = std::vector<ast::ExprPtr>;

void arity(const ast::FunctionCall& f, std::size_t low, std::size_t high) {
    if (f.args.size() < low || f.args.size() > high)
        throw Untranslatable{f.name.name + "() with " + std::to_string(f.args.size()) + " arguments"};
}

/// The common type of values that meet in one result (coalesce, CASE, min/max): integers and reals
/// meet as reals (equal values, PostgreSQL's double), anything else must agree.
SqlType common_type(const std::vector<Typed>& types, const std::string& what) {
    SqlType common = SqlType::Null;
    for (const Typed& t : types) {
        if (t.type == SqlType::Null) continue;
        if (t.type == SqlType::Unknown) throw Untranslatable{what + " of " + type_word(t.type)};
        if (common == SqlType::Null) common = t.type;
        else if (common != t.type) {
            if (is_number(common) && is_number(t.type)) common = merge_numbers(common, t.type);
            else throw Untranslatable{what + " of " + type_word(common) + " and " + type_word(t.type)};
        }
    }
    return common;
}

ast::ExprPtr case_when(ast::ExprPtr cond, ast::ExprPtr then, ast::ExprPtr otherwise) {
    ast::CaseExpr c;
    c.whens.push_back({std::move(cond), std::move(then)});
    c.otherwise = std::move(otherwise);
    return ast::make_expr(std::move(c));
}

ast::ExprPtr is_null(ast::ExprPtr e) { return ast::make_expr(ast::NullTest{false, std::move(e)}); }

/// printf()/format() with a constant format of %s, %d and %% only, as a || chain.
ast::ExprPtr printf_chain(const std::string& fmt, Args& args, std::vector<Typed>& types) {
    ast::ExprPtr out;
    std::size_t next = 1;
    std::string pending;
    auto append = [&](ast::ExprPtr piece) {
        out = out ? ast::make_expr(ast::Binary{ast::BinaryOp::Concat, std::move(out), std::move(piece)}) : std::move(piece);
    };
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') {
            pending += fmt[i];
            continue;
        }
        char spec = i + 1 < fmt.size() ? fmt[i + 1] : '\0';
        ++i;
        if (spec == '%') {
            pending += '%';
            continue;
        }
        if (spec != 's' && spec != 'd') throw Untranslatable{"printf() conversion other than %s, %d, %%"};
        if (next >= args.size()) throw Untranslatable{"printf() with fewer arguments than conversions"};
        if (!pending.empty()) append(make_string(pending));
        pending.clear();
        ast::ExprPtr arg = std::move(args[next]);
        const Typed& t = types[next++];
        if (spec == 'd' && t.type != SqlType::Integer && t.type != SqlType::Null)
            throw Untranslatable{"printf('%d') of " + type_word(t.type)};
        // SQLite prints NULL as '' for %s and 0 for %d.
        append(make_call("coalesce", {as_text(std::move(arg), t, "printf()"), make_string(spec == 'd' ? "0" : "")}));
    }
    if (!pending.empty() || !out) append(make_string(pending));
    return out;
}

}  // namespace

/// Translates an OVER (…) window in place: PARTITION BY and ORDER BY terms as values, ORDER BY with SQLite's
/// NULL order and byte order for text, frame offsets as integer constants.
void window(Translator& tr, ast::WindowSpec& w, const Scope& scope) {
    if (w.base) throw Untranslatable{"a window based on a named window"};
    for (ast::ExprPtr& p : w.partition_by) {
        Typed t = tr.value(p, scope);
        if (t.type == SqlType::Text && t.collation != SqlCollation::Binary)
            throw Untranslatable{"PARTITION BY on a column with COLLATE NOCASE or RTRIM"};
    }
    for (ast::OrderingTerm& term : w.order_by) {
        if (term.nulls == ast::NullsOrder::None)
            term.nulls = term.order == ast::SortOrder::Desc ? ast::NullsOrder::Last : ast::NullsOrder::First;
        Typed t = tr.value(term.expr, scope);
        if (t.type == SqlType::Unknown) throw Untranslatable{"a window ORDER BY " + type_word(t.type)};
        if (t.type != SqlType::Text) continue;
        if (t.collation == SqlCollation::RTrim) throw Untranslatable{"a window ORDER BY … COLLATE RTRIM"};
        term.expr = t.collation == SqlCollation::NoCase ? make_call("lower", {with_c_collation(std::move(term.expr))})
                                                        : with_c_collation(std::move(term.expr));
    }
    if (w.frame)
        for (ast::FrameBound* b : {&w.frame->start, w.frame->end ? &*w.frame->end : nullptr})
            if (b && b->offset && !integer_constant(b->offset))
                throw Untranslatable{"a window frame offset that is not an integer constant"};
}

bool Functions::is_aggregate(const std::string& name, std::size_t args) {
    if (name == "min" || name == "max") return args == 1;
    return name == "count" || name == "sum" || name == "total" || name == "avg" || name == "group_concat" ||
           name == "string_agg";
}

Typed Functions::call(Translator& tr, ast::ExprPtr& e, const Scope& scope) {
    auto& f = std::get<ast::FunctionCall>(e->node);
    std::string name = sqlite_name_key(f.name.name);
    if (f.over_window) throw Untranslatable{"OVER a named window"};
    if (f.over) {
        window(tr, *f.over, scope);
        if (name == "row_number" || name == "rank" || name == "dense_rank" || name == "ntile") {
            arity(f, name == "ntile" ? 1 : 0, name == "ntile" ? 1 : 0);
            if (name == "ntile") {
                if (!integer_constant(f.args[0])) throw Untranslatable{"ntile() of a computed number"};
                tr.value(f.args[0], scope);
            }
            return Typed{SqlType::Integer};
        }
        if (name == "percent_rank" || name == "cume_dist") {
            arity(f, 0, 0);
            return Typed{SqlType::Real};
        }
        if (name == "lag" || name == "lead" || name == "first_value" || name == "last_value" || name == "nth_value") {
            arity(f, 1, name == "lag" || name == "lead" ? 3 : name == "nth_value" ? 2 : 1);
            std::vector<Typed> types;
            for (ast::ExprPtr& a : f.args) types.push_back(tr.value(a, scope));
            if (name == "nth_value") arity(f, 2, 2);
            for (std::size_t i = 1; i < f.args.size(); ++i) {
                if (i == 2) continue;  // lag/lead's default, checked below
                if (!integer_constant(f.args[i])) throw Untranslatable{name + "() with a computed offset"};
                f.args[i] = make_cast(std::move(f.args[i]), "integer");  // PostgreSQL takes an integer here
            }
            if (f.args.size() == 3) common_type({types[0], types[2]}, name + "() default");
            if (types[0].type == SqlType::Unknown) throw Untranslatable{name + "() of " + type_word(types[0].type)};
            return Typed{types[0].type};
        }
        if (!is_aggregate(name, f.args.size())) throw Untranslatable{"window function " + f.name.name + "()"};
    }
    if (f.filter) {
        if (!is_aggregate(name, f.args.size())) throw Untranslatable{"FILTER on " + f.name.name + "()"};
        tr.condition(f.filter, scope);
    }
    if (!f.order_by.empty() && name != "group_concat" && name != "string_agg")
        throw Untranslatable{"ORDER BY inside " + name + "()"};
    if (name == "date" || name == "time" || name == "datetime" || name == "julianday" || name == "strftime" ||
        name == "unixepoch")
        return DateTime::call(tr, e, name, scope);
    if (name == "likely" || name == "unlikely" || name == "likelihood") {
        arity(f, name == "likelihood" ? 2 : 1, name == "likelihood" ? 2 : 1);
        ast::ExprPtr inner = std::move(f.args[0]);
        e = std::move(inner);
        return tr.translate(e, scope);
    }
    if (name == "count" && f.star) return Typed{SqlType::Integer};
    if (name == "iif") {  // iif(c, a, b) is CASE WHEN c THEN a ELSE b END, with c true when not 0
        arity(f, 3, 3);
        tr.condition(f.args[0], scope);
        Typed a = tr.value(f.args[1], scope), b = tr.value(f.args[2], scope);
        SqlType common = common_type({a, b}, "iif()");
        e = case_when(std::move(f.args[0]), std::move(f.args[1]), std::move(f.args[2]));
        return Typed{common};
    }

    std::vector<Typed> types;
    for (ast::ExprPtr& a : f.args) types.push_back(tr.value(a, scope));
    for (auto& term : f.order_by) tr.value(term.expr, scope);
    auto rename = [&](const char* pg_name) { f.name = ast::Identifier{pg_name, ast::QuoteStyle::None, {}}; };
    auto type_of = [&](std::size_t i) { return types[i].type; };
    auto number_arg = [&](std::size_t i) {
        if (!is_number(type_of(i)) && type_of(i) != SqlType::Null)
            throw Untranslatable{name + "() of " + type_word(type_of(i)) + " (SQLite converts it to a number)"};
    };
    auto wrap = [&](const std::string& fn, std::vector<ast::ExprPtr> extra = {}) {
        std::vector<ast::ExprPtr> args{std::move(e)};
        for (auto& x : extra) args.push_back(std::move(x));
        e = make_call(fn, std::move(args));
    };

    if (name == "count") {
        arity(f, 1, 1);
        return Typed{SqlType::Integer};
    }
    if (name == "sum") {
        arity(f, 1, 1);
        number_arg(0);
        if (type_of(0) == SqlType::Real || type_of(0) == SqlType::Number) return Typed{type_of(0)};
        e = make_cast(std::move(e), "bigint");  // sum(bigint) is numeric in PostgreSQL
        return Typed{SqlType::Integer};
    }
    if (name == "total") {
        arity(f, 1, 1);
        number_arg(0);
        rename("sum");
        f.args[0] = make_cast(std::move(f.args[0]), "double precision");
        wrap("coalesce", {make_cast(make_integer(0), "double precision")});
        return Typed{SqlType::Real};
    }
    if (name == "avg") {
        arity(f, 1, 1);
        number_arg(0);
        // SQLite divides the sum by the count in double precision; avg(bigint) would be numeric.
        ast::FunctionCall count = f;
        count.name = ast::Identifier{"count", ast::QuoteStyle::None, {}};
        rename("sum");
        ast::ExprPtr sum = make_cast(std::move(e), "double precision");
        e = ast::make_expr(ast::Binary{ast::BinaryOp::Div, std::move(sum), ast::make_expr(std::move(count))});
        return Typed{SqlType::Real};
    }
    if ((name == "min" || name == "max") && f.args.size() == 1) {
        if (type_of(0) == SqlType::Unknown) throw Untranslatable{name + "() of " + type_word(SqlType::Unknown)};
        if (type_of(0) == SqlType::Text) {
            if (types[0].collation != SqlCollation::Binary) throw Untranslatable{name + "() under COLLATE NOCASE/RTRIM"};
            f.args[0] = with_c_collation(std::move(f.args[0]));
        }
        return Typed{type_of(0)};
    }
    if (name == "min" || name == "max") {  // scalar: NULL if any argument is NULL
        if (f.args.size() < 2) arity(f, 2, 255);
        SqlType common = common_type(types, "scalar " + name + "()");
        for (const Typed& t : types)
            if (t.type != common && t.type != SqlType::Null)
                throw Untranslatable{"scalar " + name + "() of mixed integers and reals"};
        ast::ExprPtr any_null;
        for (const ast::ExprPtr& a : f.args) {
            ast::ExprPtr test = is_null(a);
            any_null = any_null ? ast::make_expr(ast::Binary{ast::BinaryOp::Or, std::move(any_null), std::move(test)})
                                : std::move(test);
        }
        if (common == SqlType::Text)
            for (std::size_t i = 0; i < f.args.size(); ++i) {
                if (types[i].collation != SqlCollation::Binary) throw Untranslatable{name + "() under COLLATE NOCASE/RTRIM"};
                f.args[i] = with_c_collation(std::move(f.args[i]));
            }
        rename(name == "max" ? "greatest" : "least");
        e = case_when(std::move(any_null), ast::make_expr(ast::Literal{}), std::move(e));
        return Typed{common};
    }
    if (name == "group_concat" || name == "string_agg") {
        arity(f, name == "string_agg" ? 2 : 1, 2);
        // SQLite keeps the first-seen order of DISTINCT values, PostgreSQL sorts them.
        if (f.distinct) throw Untranslatable{"group_concat(DISTINCT …), whose order differs"};
        f.args[0] = as_text(std::move(f.args[0]), types[0], "group_concat()");
        if (f.args.size() == 2) f.args[1] = as_text(std::move(f.args[1]), types[1], "group_concat() separator");
        else f.args.push_back(make_string(","));
        for (auto& term : f.order_by)
            if (term.nulls == ast::NullsOrder::None)
                term.nulls = term.order == ast::SortOrder::Desc ? ast::NullsOrder::Last : ast::NullsOrder::First;
        rename("string_agg");
        return Typed{SqlType::Text};
    }
    if (name == "coalesce" || name == "ifnull") {
        arity(f, 2, name == "ifnull" ? 2 : 255);
        rename("coalesce");
        return Typed{common_type(types, name + "()")};
    }
    if (name == "nullif") {
        arity(f, 2, 2);
        common_type(types, "nullif()");
        return Typed{type_of(0)};
    }
    if (name == "substr" || name == "substring") {
        arity(f, 2, 3);
        if (type_of(0) == SqlType::Blob) throw Untranslatable{"substr() of a blob"};
        f.args[0] = as_text(std::move(f.args[0]), types[0], "substr()");
        for (std::size_t i = 1; i < f.args.size(); ++i)
            if (type_of(i) != SqlType::Integer && type_of(i) != SqlType::Null)
                throw Untranslatable{"substr() with a position of " + type_word(type_of(i))};
        std::optional<long long> start = integer_constant(f.args[1]);
        std::optional<long long> count;
        if (f.args.size() == 3) count = integer_constant(f.args[2]);
        rename("substr");
        if (start && *start >= 0 && (f.args.size() == 2 || count.value_or(-1) >= 0)) {
            // PostgreSQL's substr agrees for these; its positions are integers, not bigints.
            for (std::size_t i = 1; i < f.args.size(); ++i) f.args[i] = make_integer(i == 1 ? *start : *count);
            return Typed{SqlType::Text};
        }
        if (start && f.args.size() == 2) {  // a negative start counts from the end
            e = make_call("right", {std::move(f.args[0]), make_integer(-*start)});
            return Typed{SqlType::Text};
        }
        if (!tr.settings().compat_functions)
            throw Untranslatable{"substr() with a computed or negative position or length (needs --compat-functions)"};
        rename("sqlite_compat.substr");
        return Typed{SqlType::Text};
    }
    if (name == "instr") {
        arity(f, 2, 2);
        for (std::size_t i = 0; i < 2; ++i) f.args[i] = as_text(std::move(f.args[i]), types[i], "instr()");
        rename("strpos");
        return Typed{SqlType::Integer};
    }
    if (name == "length") {
        arity(f, 1, 1);
        if (type_of(0) == SqlType::Blob) {
            rename("octet_length");
        } else {
            f.args[0] = as_text(std::move(f.args[0]), types[0], "length()");
            rename("char_length");
        }
        return Typed{SqlType::Integer};
    }
    if (name == "upper" || name == "lower") {
        arity(f, 1, 1);
        f.args[0] = as_text(std::move(f.args[0]), types[0], "upper()/lower()");
        f.args[0] = with_c_collation(std::move(f.args[0]));  // ASCII letters only, as in SQLite
        return Typed{SqlType::Text};
    }
    if (name == "trim" || name == "ltrim" || name == "rtrim" || name == "replace") {
        arity(f, name == "replace" ? 3 : 1, name == "replace" ? 3 : 2);
        for (std::size_t i = 0; i < f.args.size(); ++i) f.args[i] = as_text(std::move(f.args[i]), types[i], "trim()/replace()");
        if (name == "trim") rename("btrim");
        return Typed{SqlType::Text};
    }
    if (name == "abs") {
        arity(f, 1, 1);
        number_arg(0);
        return Typed{type_of(0) == SqlType::Bool ? SqlType::Integer : type_of(0)};
    }
    if (name == "round") {
        arity(f, 1, 2);
        number_arg(0);
        long long digits = 0;
        if (f.args.size() == 2) {
            std::optional<long long> n = integer_constant(f.args[1]);
            if (!n) throw Untranslatable{"round() to a computed number of digits"};
            digits = std::max(0LL, *n);  // SQLite reads a negative number of digits as 0
        }
        // float8 round() rounds half to even; numeric round() rounds half away from zero, like SQLite.
        e = make_cast(make_call("round", {make_cast(std::move(f.args[0]), "numeric"), make_integer(digits)}),
                      "double precision");
        return Typed{SqlType::Real};
    }
    if (name == "hex") {
        arity(f, 1, 1);
        ast::ExprPtr bytes;
        if (type_of(0) == SqlType::Blob) bytes = std::move(f.args[0]);
        else {
            if (tr.settings().immutable_only) throw Untranslatable{"hex() of text where an immutable expression is needed"};
            bytes = make_call("convert_to", {as_text(std::move(f.args[0]), types[0], "hex()"), make_string("UTF8")});
        }
        // hex(NULL) is '' in SQLite.
        e = make_call("coalesce", {make_call("upper", {make_call("encode", {std::move(bytes), make_string("hex")})}),
                                   make_string("")});
        return Typed{SqlType::Text};
    }
    if (name == "typeof") {
        arity(f, 1, 1);
        std::string word;
        switch (type_of(0)) {
            case SqlType::Null: e = make_string("null"); return Typed{SqlType::Text};
            case SqlType::Integer:
            case SqlType::Bool: word = "integer"; break;
            case SqlType::Real: word = "real"; break;
            case SqlType::Number: throw Untranslatable{"typeof() of " + type_word(SqlType::Number)};
            case SqlType::Text: word = "text"; break;
            case SqlType::Blob: word = "blob"; break;
            case SqlType::Unknown: throw Untranslatable{"typeof() of " + type_word(SqlType::Unknown)};
        }
        e = case_when(is_null(std::move(f.args[0])), make_string("null"), make_string(word));
        return Typed{SqlType::Text};
    }
    if (name == "printf" || name == "format") {
        if (f.args.empty()) arity(f, 1, 255);
        const ast::Literal* fmt = literal_of(f.args[0]);
        if (!fmt || fmt->kind != ast::Literal::Kind::String) throw Untranslatable{name + "() with a format that is not a constant"};
        std::string text = fmt->text;
        e = printf_chain(text, f.args, types);
        return Typed{SqlType::Text};
    }
    throw Untranslatable{"function " + f.name.name + "(), which has no exact PostgreSQL form"};
}

}  // namespace sqlite2pg::passes::translate
