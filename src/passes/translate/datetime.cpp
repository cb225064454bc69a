// Date and time: SQLite's date(), time(), datetime(), julianday(), unixepoch(), strftime() and the
// CURRENT_* keywords give UTC text ('2026-11-25 17:14:36'). For the current time ('now') they are spelled
// inline with to_char over now() in UTC; on stored values SQLite's parser accepts formats PostgreSQL
// rejects and vice versa, and its month arithmetic differs ('2020-01-31' + 1 month = '2020-03-02'), so
// those calls go to the sqlite_compat functions (--compat-functions) or are refused.
#include <cctype>

#include "passes/translate/translator.hpp"

namespace sqlite2pg::passes::translate {
namespace {

std::string lower_ascii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

ast::ExprPtr utc_now() { return make_call("timezone", {make_string("UTC"), make_call("now", {})}); }

ast::ExprPtr to_char(ast::ExprPtr ts, const std::string& format) {
    return make_call("to_char", {std::move(ts), make_string(format)});
}

/// The to_char() format for a strftime() format, or nullopt when a conversion has no to_char form.
std::optional<std::string> to_char_format(const std::string& fmt) {
    std::string out, literal;
    auto flush = [&] {
        if (!literal.empty()) out += "\"" + literal + "\"";
        literal.clear();
    };
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        char c = fmt[i];
        if (c != '%') {
            if (c == '"' || c == '\\') return std::nullopt;
            literal += c;
            continue;
        }
        if (++i >= fmt.size()) return std::nullopt;
        const char* piece = nullptr;
        switch (fmt[i]) {
            case 'Y': piece = "YYYY"; break;
            case 'm': piece = "MM"; break;
            case 'd': piece = "DD"; break;
            case 'H': piece = "HH24"; break;
            case 'M': piece = "MI"; break;
            case 'S': piece = "SS"; break;
            case 'f': piece = "SS.MS"; break;
            case 'j': piece = "DDD"; break;
            case '%': literal += '%'; continue;
            default: return std::nullopt;
        }
        flush();
        out += piece;
    }
    flush();
    return out;
}

/// Applies one modifier to a timestamp expression, or returns nullptr when it has no exact inline form.
ast::ExprPtr apply_modifier(ast::ExprPtr ts, const std::string& raw) {
    std::string m = lower_ascii(raw);
    while (!m.empty() && m.back() == ' ') m.pop_back();
    if (m == "start of day" || m == "start of month" || m == "start of year")
        return make_call("date_trunc", {make_string(m.substr(9)), std::move(ts)});
    // '+N unit' / '-N unit' with an integer N; months and years normalise differently in SQLite.
    std::size_t i = 0;
    while (i < m.size() && m[i] == ' ') ++i;
    bool sign = i < m.size() && (m[i] == '+' || m[i] == '-');
    std::size_t digits_start = sign ? i + 1 : i;
    std::size_t j = digits_start;
    while (j < m.size() && std::isdigit(static_cast<unsigned char>(m[j]))) ++j;
    if (j == digits_start || j >= m.size() || m[j] != ' ') return nullptr;
    std::string unit = m.substr(j + 1);
    if (!unit.empty() && unit.back() == 's') unit.pop_back();
    if (unit != "day" && unit != "hour" && unit != "minute" && unit != "second") return nullptr;
    std::string amount = m.substr(i, j - i);
    return ast::make_expr(ast::Binary{ast::BinaryOp::Add, std::move(ts),
                                      make_cast(make_string(amount + " " + unit), "interval")});
}

}  // namespace

ast::ExprPtr DateTime::current(ast::Literal::Kind kind) {
    switch (kind) {
        case ast::Literal::Kind::CurrentDate: return to_char(utc_now(), "YYYY-MM-DD");
        case ast::Literal::Kind::CurrentTime: return to_char(utc_now(), "HH24:MI:SS");
        default: return to_char(utc_now(), "YYYY-MM-DD HH24:MI:SS");
    }
}

Typed DateTime::call(Translator& tr, ast::ExprPtr& e, const std::string& name, const Scope& scope) {
    auto& f = std::get<ast::FunctionCall>(e->node);
    std::vector<Typed> types;
    for (ast::ExprPtr& a : f.args) types.push_back(tr.value(a, scope));
    Typed result{name == "julianday" ? SqlType::Real : name == "unixepoch" ? SqlType::Integer : SqlType::Text};
    result.never_numeric = name == "date" || name == "time" || name == "datetime";  // '2024-…', '12:…'
    std::size_t first_time_arg = name == "strftime" ? 1 : 0;
    if (tr.settings().immutable_only) throw Untranslatable{name + "() where PostgreSQL needs an immutable expression"};
    if (f.args.size() < first_time_arg) throw Untranslatable{name + "() without a format"};

    // Inline form: the current time with constant modifiers.
    auto inline_form = [&]() -> ast::ExprPtr {
        for (std::size_t i = 0; i < f.args.size(); ++i) {
            const ast::Literal* lit = literal_of(f.args[i]);
            if (!lit || lit->kind != ast::Literal::Kind::String) return nullptr;
        }
        ast::ExprPtr ts;
        std::size_t next = first_time_arg;
        if (f.args.size() == first_time_arg) ts = utc_now();  // unixepoch(), date() …: 'now'
        else if (lower_ascii(literal_of(f.args[next])->text) == "now") {
            ts = utc_now();
            ++next;
        } else {
            return nullptr;
        }
        if (next < f.args.size() && lower_ascii(literal_of(f.args[next])->text) == "localtime" && next + 1 == f.args.size()) {
            ts = make_cast(make_call("now", {}), "timestamp");  // the session's time zone stands for the OS's
            ++next;
        }
        for (; next < f.args.size(); ++next) {
            ts = apply_modifier(std::move(ts), literal_of(f.args[next])->text);
            if (!ts) return nullptr;
        }
        auto epoch = [&] { return make_call("date_part", {make_string("epoch"), std::move(ts)}); };
        if (name == "date") return to_char(std::move(ts), "YYYY-MM-DD");
        if (name == "time") return to_char(std::move(ts), "HH24:MI:SS");
        if (name == "datetime") return to_char(std::move(ts), "YYYY-MM-DD HH24:MI:SS");
        if (name == "unixepoch") return make_cast(make_call("floor", {epoch()}), "bigint");
        if (name == "julianday")
            return ast::make_expr(ast::Binary{
                ast::BinaryOp::Add,
                ast::make_expr(ast::Binary{ast::BinaryOp::Div, epoch(), make_cast(make_integer(86400), "double precision")}),
                make_cast(ast::make_expr(ast::Literal{ast::Literal::Kind::Real, "2440587.5"}), "double precision")});
        const std::string& fmt = literal_of(f.args[0])->text;
        if (fmt == "%s") {
            result = Typed{SqlType::Text};
            return make_cast(make_cast(make_call("floor", {epoch()}), "bigint"), "text");
        }
        auto pattern = to_char_format(fmt);
        if (!pattern) return nullptr;
        return to_char(std::move(ts), *pattern);
    };
    if (ast::ExprPtr inline_expr = inline_form()) {
        e = std::move(inline_expr);
        return result;
    }
    if (!tr.settings().compat_functions)
        throw Untranslatable{name + "() on a stored value or with modifiers that have no exact inline form "
                                    "(needs --compat-functions)"};
    for (std::size_t i = 0; i < f.args.size(); ++i)
        if (types[i].type != SqlType::Text && types[i].type != SqlType::Null && types[i].type != SqlType::Integer &&
            types[i].type != SqlType::Real)
            throw Untranslatable{name + "() of " + type_word(types[i].type)};
    for (std::size_t i = 0; i < f.args.size(); ++i)
        if (types[i].type != SqlType::Text && types[i].type != SqlType::Null) {
            if (types[i].type == SqlType::Real) throw Untranslatable{name + "() of a real (julian day number)"};
            f.args[i] = make_cast(std::move(f.args[i]), "text");
        }
    // sqlite_compat functions take text arguments, as SQLite reads them.
    f.name = ast::Identifier{"sqlite_compat." + name, ast::QuoteStyle::None, {}};
    if (f.args.size() == first_time_arg) f.args.push_back(make_string("now"));
    return result;
}

}  // namespace sqlite2pg::passes::translate
