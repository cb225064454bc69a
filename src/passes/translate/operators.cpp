// Operators: comparisons with SQLite's affinity and collation rules, arithmetic with NULL on division by
// zero, || on numbers, LIKE with SQLite's ASCII case folding and no default escape, GLOB as a regular
// expression, BETWEEN, IN (including the empty list) and the unary operators.
#include <cstdlib>

#include "passes/translate/translator.hpp"

namespace sqlite2pg::passes::translate {
namespace {

using ast::BinaryOp;

bool is_comparison(BinaryOp op) {
    switch (op) {
        case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt: case BinaryOp::Ge:
        case BinaryOp::Eq: case BinaryOp::EqEq: case BinaryOp::Ne: case BinaryOp::LtGt:
        case BinaryOp::Is: case BinaryOp::IsNot: case BinaryOp::IsDistinctFrom: case BinaryOp::IsNotDistinctFrom:
            return true;
        default: return false;
    }
}

bool is_ordering(BinaryOp op) {
    return op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge;
}

bool numeric_affinity(const Typed& t) {
    return t.affinity && (*t.affinity == ast::Affinity::Integer || *t.affinity == ast::Affinity::Real ||
                          *t.affinity == ast::Affinity::Numeric);
}

/// The number a string literal becomes under numeric affinity, when SQLite would convert it exactly
/// (plain decimal integers; anything else is refused rather than guessed).
std::optional<long long> integer_text(const std::string& s) {
    if (s.empty() || s.size() > 19) return std::nullopt;
    std::size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size()) return std::nullopt;
    for (std::size_t k = i; k < s.size(); ++k)
        if (s[k] < '0' || s[k] > '9') return std::nullopt;
    return std::strtoll(s.c_str(), nullptr, 10);
}

/// Applies the NUMERIC affinity of `num` to a text literal `text`, or TEXT affinity of `text` to `num`.
/// Returns false when neither rule makes the comparison exact.
bool reconcile(ast::ExprPtr& num, Typed& nt, ast::ExprPtr& text, Typed& tt) {
    if (numeric_affinity(nt)) {
        const ast::Literal* lit = literal_of(text);
        if (!lit || lit->kind != ast::Literal::Kind::String) return false;
        auto v = integer_text(lit->text);
        if (!v) return false;
        text = make_integer(*v);
        tt = Typed{SqlType::Integer};
        return true;
    }
    if (tt.affinity == ast::Affinity::Text && !nt.affinity && nt.type == SqlType::Integer) {
        if (const ast::Literal* lit = literal_of(num)) {
            num = make_string(std::to_string(std::strtoll(lit->text.c_str(), nullptr, 10)));
        } else {
            num = make_cast(std::move(num), "text");
        }
        nt = Typed{SqlType::Text};
        return true;
    }
    return false;
}

ast::ExprPtr folded(ast::ExprPtr e) { return make_call("lower", {with_c_collation(std::move(e))}); }

/// Translates a glob pattern to an anchored POSIX regular expression; nullopt for a malformed class.
std::optional<std::string> glob_to_regex(const std::string& glob) {
    std::string re = "^";
    for (std::size_t i = 0; i < glob.size(); ++i) {
        char c = glob[i];
        if (c == '*') re += ".*";
        else if (c == '?') re += '.';
        else if (c == '[') {
            std::size_t j = i + 1;
            std::string cls = "[";
            if (j < glob.size() && glob[j] == '^') {
                cls += '^';
                ++j;
            }
            if (j < glob.size() && glob[j] == ']') {
                cls += ']';
                ++j;
            }
            while (j < glob.size() && glob[j] != ']') {
                if (glob[j] == '\\' || glob[j] == '[') cls += '\\';
                cls += glob[j++];
            }
            if (j >= glob.size()) return std::nullopt;
            re += cls + ']';
            i = j;
        } else {
            if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos) re += '\\';
            re += c;
        }
    }
    return re + "$";
}

}  // namespace

void Operators::compare_operands(ast::ExprPtr& l, Typed& lt, ast::ExprPtr& r, Typed& rt, bool ordering) {
    to_value(l, lt);
    to_value(r, rt);
    if (lt.type == SqlType::Null || rt.type == SqlType::Null) return;
    if (lt.type == SqlType::Unknown || rt.type == SqlType::Unknown)
        throw Untranslatable{"a comparison with " + type_word(SqlType::Unknown)};
    bool ln = is_number(lt.type), rn = is_number(rt.type);
    if (ln && rt.type == SqlType::Text) {
        if (!reconcile(l, lt, r, rt)) throw Untranslatable{"a comparison of a number with text"};
    } else if (lt.type == SqlType::Text && rn) {
        if (!reconcile(r, rt, l, lt)) throw Untranslatable{"a comparison of text with a number"};
    } else if (!(ln && rn) && lt.type != rt.type) {
        throw Untranslatable{"a comparison of " + type_word(lt.type) + " with " + type_word(rt.type)};
    }
    if (lt.type != SqlType::Text || rt.type != SqlType::Text) return;
    // A text column with NUMERIC/INTEGER/REAL affinity turns the other operand into a number if it looks
    // like one; the comparison is then number against text in SQLite.
    if ((numeric_affinity(lt) && !rt.never_numeric) || (numeric_affinity(rt) && !lt.never_numeric))
        throw Untranslatable{"a comparison of a column with numeric affinity with text that may look like a number"};
    // SQLite: an explicit COLLATE wins (left first), then a column's collation (left first).
    SqlCollation coll = lt.explicit_collation   ? lt.collation
                        : rt.explicit_collation ? rt.collation
                        : lt.affinity           ? lt.collation
                                                : rt.collation;
    if (coll == SqlCollation::RTrim) throw Untranslatable{"a comparison under COLLATE RTRIM"};
    if (coll == SqlCollation::NoCase) {
        l = folded(std::move(l));
        r = folded(std::move(r));
    } else if (ordering) {
        l = with_c_collation(std::move(l));
    }
}

Typed Operators::binary(Translator& tr, ast::ExprPtr& e, const Scope& scope) {
    auto& b = std::get<ast::Binary>(e->node);
    if (b.op == BinaryOp::And || b.op == BinaryOp::Or) {
        tr.condition(b.left, scope);
        tr.condition(b.right, scope);
        return Typed{SqlType::Bool};
    }
    Typed lt = tr.translate(b.left, scope);
    Typed rt = tr.translate(b.right, scope);
    if (is_comparison(b.op)) {
        compare_operands(b.left, lt, b.right, rt, is_ordering(b.op));
        return Typed{SqlType::Bool};
    }
    to_value(b.left, lt);
    to_value(b.right, rt);
    switch (b.op) {
        case BinaryOp::Concat:
            b.left = as_text(std::move(b.left), lt, "||");
            b.right = as_text(std::move(b.right), rt, "||");
            return Typed{SqlType::Text};
        case BinaryOp::Add:
        case BinaryOp::Sub:
        case BinaryOp::Mul:
        case BinaryOp::Div:
        case BinaryOp::Mod: {
            for (const Typed* t : {&lt, &rt})
                if (!is_number(t->type) && t->type != SqlType::Null)
                    throw Untranslatable{"arithmetic on " + type_word(t->type) + " (SQLite converts it to a number)"};
            if (lt.type == SqlType::Null && rt.type == SqlType::Null) return Typed{SqlType::Null};
            SqlType result = merge_numbers(lt.type == SqlType::Null ? rt.type : lt.type,
                                           rt.type == SqlType::Null ? lt.type : rt.type);
            if (b.op == BinaryOp::Mod && result != SqlType::Integer)
                throw Untranslatable{"% on a real (SQLite takes the integer remainder)"};
            if (b.op == BinaryOp::Div && result == SqlType::Number)
                throw Untranslatable{"division of numbers that may be integers (integer division in SQLite) or reals"};
            // x/0 and x%0 are NULL in SQLite, an error in PostgreSQL.
            bool nonzero_constant = integer_constant(b.right).value_or(0) != 0;
            if ((b.op == BinaryOp::Div || b.op == BinaryOp::Mod) && !nonzero_constant)
                b.right = make_call("nullif", {std::move(b.right), make_integer(0)});
            return Typed{result};
        }
        case BinaryOp::BitAnd:
        case BinaryOp::BitOr:
            for (const Typed* t : {&lt, &rt})
                if (t->type != SqlType::Integer && t->type != SqlType::Null)
                    throw Untranslatable{"a bit operator on " + type_word(t->type)};
            return Typed{SqlType::Integer};
        case BinaryOp::ShiftLeft:
        case BinaryOp::ShiftRight: throw Untranslatable{"shift operators (SQLite shifts by 64 or more give 0)"};
        case BinaryOp::JsonExtract:
        case BinaryOp::JsonExtractText: throw Untranslatable{"JSON operators -> and ->>"};
        default: break;
    }
    throw Untranslatable{"an operator"};
}

Typed Operators::unary(Translator& tr, ast::ExprPtr& e, const Scope& scope) {
    auto& u = std::get<ast::Unary>(e->node);
    if (u.op == ast::UnaryOp::Not) {
        tr.condition(u.operand, scope);
        return Typed{SqlType::Bool};
    }
    Typed t = tr.value(u.operand, scope);
    if (u.op == ast::UnaryOp::Plus) {  // a no-op in SQLite, for any type
        ast::ExprPtr inner = std::move(u.operand);
        e = std::move(inner);
        t.affinity.reset();
        return t;
    }
    if (u.op == ast::UnaryOp::BitNot) {
        if (t.type != SqlType::Integer && t.type != SqlType::Null) throw Untranslatable{"~ on " + type_word(t.type)};
        return Typed{SqlType::Integer};
    }
    if (!is_number(t.type) && t.type != SqlType::Null) throw Untranslatable{"negation of " + type_word(t.type)};
    return Typed{t.type};
}

Typed Operators::pattern(Translator& tr, ast::ExprPtr& e, const Scope& scope) {
    auto& p = std::get<ast::PatternMatch>(e->node);
    if (p.op == ast::PatternOp::Regexp || p.op == ast::PatternOp::Match)
        throw Untranslatable{"REGEXP/MATCH (user functions in SQLite)"};
    Typed ot = tr.value(p.operand, scope);
    Typed pt = tr.value(p.pattern, scope);
    p.operand = as_text(std::move(p.operand), ot, p.op == ast::PatternOp::Like ? "LIKE" : "GLOB");
    if (p.op == ast::PatternOp::Glob) {
        const ast::Literal* lit = literal_of(p.pattern);
        if (!lit || lit->kind != ast::Literal::Kind::String) throw Untranslatable{"GLOB with a pattern that is not a constant"};
        auto re = glob_to_regex(lit->text);
        if (!re) throw Untranslatable{"GLOB pattern with an unterminated ["};
        p.pattern = make_string(*re);
        p.op = ast::PatternOp::Regexp;  // printed as PostgreSQL's ~ (case-sensitive, like GLOB)
        p.operand = with_c_collation(std::move(p.operand));
        return Typed{SqlType::Bool};
    }
    p.pattern = as_text(std::move(p.pattern), pt, "LIKE");
    if (p.escape) {
        Typed et = tr.value(p.escape, scope);
        const ast::Literal* lit = literal_of(p.escape);
        if (et.type != SqlType::Text || !lit || lit->text.size() != 1 ||
            std::isalpha(static_cast<unsigned char>(lit->text[0])))
            throw Untranslatable{"LIKE … ESCAPE other than one constant non-letter character"};
    } else {
        p.escape = make_string("");  // SQLite has no default escape character; PostgreSQL's is backslash
    }
    p.operand = folded(std::move(p.operand));
    p.pattern = folded(std::move(p.pattern));
    return Typed{SqlType::Bool};
}

Typed Operators::between(Translator& tr, ast::ExprPtr& e, const Scope& scope) {
    auto& b = std::get<ast::Between>(e->node);
    Typed ot = tr.value(b.operand, scope);
    Typed lt = tr.value(b.low, scope);
    Typed ht = tr.value(b.high, scope);
    ast::ExprPtr first = b.operand, second = b.operand;
    Typed ft = ot, st = ot;
    compare_operands(first, ft, b.low, lt, true);
    compare_operands(second, st, b.high, ht, true);
    if (!(first == second)) throw Untranslatable{"BETWEEN with bounds that need different conversions"};
    b.operand = std::move(first);
    return Typed{SqlType::Bool};
}

Typed Operators::in(Translator& tr, ast::ExprPtr& e, const Scope& scope) {
    auto& in = std::get<ast::InExpr>(e->node);
    if (in.table) throw Untranslatable{"IN table"};
    Typed ot = tr.value(in.operand, scope);
    if (!in.select && in.list.empty()) {  // `x IN ()` is false (and NOT IN () true), even for NULL x
        e = ast::make_expr(ast::Literal{in.negated ? ast::Literal::Kind::True : ast::Literal::Kind::False, ""});
        return Typed{SqlType::Bool};
    }
    if (in.select) {
        std::vector<RelationColumn> cols = tr.query(*in.select, &scope);
        if (cols.size() != 1) throw Untranslatable{"IN with a subquery of several columns"};
        Typed ct = cols[0].type;
        if (!(is_number(ot.type) && is_number(ct.type)) && ot.type != ct.type && ot.type != SqlType::Null)
            throw Untranslatable{"IN comparing " + type_word(ot.type) + " with " + type_word(ct.type)};
        if (ot.type == SqlType::Text && ot.collation != SqlCollation::Binary)
            throw Untranslatable{"IN (SELECT …) on a column with COLLATE NOCASE or RTRIM"};
        return Typed{SqlType::Bool};
    }
    std::optional<ast::ExprPtr> operand;
    for (ast::ExprPtr& item : in.list) {
        Typed it = tr.value(item, scope);
        ast::ExprPtr copy = in.operand;
        Typed ct = ot;
        compare_operands(copy, ct, item, it, false);
        if (operand && !(*operand == copy)) throw Untranslatable{"IN list items needing different conversions"};
        operand = std::move(copy);
    }
    in.operand = std::move(*operand);
    return Typed{SqlType::Bool};
}

}  // namespace sqlite2pg::passes::translate
