// Expressions, one precedence level per grammar rule (https://sqlite.org/lang_expr.html#operators).
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {
namespace {

ast::BinaryOp binary_op(std::size_t token_type) {
    using Op = ast::BinaryOp;
    switch (token_type) {
        case SQLiteParser::PIPE2: return Op::Concat;
        case SQLiteParser::PTR: return Op::JsonExtract;
        case SQLiteParser::PTR2: return Op::JsonExtractText;
        case SQLiteParser::STAR: return Op::Mul;
        case SQLiteParser::DIV: return Op::Div;
        case SQLiteParser::MOD: return Op::Mod;
        case SQLiteParser::PLUS: return Op::Add;
        case SQLiteParser::MINUS: return Op::Sub;
        case SQLiteParser::AMP: return Op::BitAnd;
        case SQLiteParser::PIPE: return Op::BitOr;
        case SQLiteParser::LT2: return Op::ShiftLeft;
        case SQLiteParser::GT2: return Op::ShiftRight;
        case SQLiteParser::LT: return Op::Lt;
        case SQLiteParser::LT_EQ: return Op::Le;
        case SQLiteParser::GT: return Op::Gt;
        case SQLiteParser::GT_EQ: return Op::Ge;
        case SQLiteParser::ASSIGN: return Op::Eq;
        case SQLiteParser::EQ: return Op::EqEq;
        case SQLiteParser::NOT_EQ1: return Op::Ne;
        case SQLiteParser::NOT_EQ2: return Op::LtGt;
        case SQLiteParser::AND_: return Op::And;
        default: return Op::Or;
    }
}

/// Folds `operand (op operand)*` to the left. The rule's children alternate operand contexts and
/// operator tokens; `operand` transforms one operand child.
template <class Operand, class Fn>
ast::ExprPtr fold_left(antlr4::ParserRuleContext& ctx, Fn&& operand) {
    ast::ExprPtr result = operand(*static_cast<Operand*>(ctx.children[0]));
    for (std::size_t i = 1; i + 1 < ctx.children.size(); i += 2) {
        auto* op = static_cast<antlr4::tree::TerminalNode*>(ctx.children[i]);
        ast::ExprPtr right = operand(*static_cast<Operand*>(ctx.children[i + 1]));
        const SourceLoc loc = result->loc;
        result = ast::make_expr(ast::Binary{binary_op(op->getSymbol()->getType()), std::move(result), std::move(right)},
                                loc);
    }
    return result;
}

}  // namespace

ast::ExprPtr Transformer::transform_expr(SQLiteParser::ExprContext& ctx) {
    return transform_or(*ctx.or_expr());
}

ast::ExprPtr Transformer::transform_or(SQLiteParser::Or_exprContext& ctx) {
    return fold_left<SQLiteParser::And_exprContext>(ctx, [&](auto& c) { return transform_and(c); });
}

ast::ExprPtr Transformer::transform_and(SQLiteParser::And_exprContext& ctx) {
    return fold_left<SQLiteParser::Not_exprContext>(ctx, [&](auto& c) { return transform_not(c); });
}

ast::ExprPtr Transformer::transform_not(SQLiteParser::Not_exprContext& ctx) {
    if (auto* eq = ctx.equality_expr()) return transform_equality(*eq);
    ast::ExprPtr operand = transform_not(*ctx.not_expr());
    // `NOT EXISTS (…)` is one construct to readers and to PostgreSQL; record it as such.
    if (auto* sub = std::get_if<ast::SubqueryExpr>(&operand->node); sub && sub->kind == ast::SubqueryExpr::Kind::Exists) {
        sub->kind = ast::SubqueryExpr::Kind::NotExists;
        operand->loc = location(ctx);
        return operand;
    }
    return ast::make_expr(ast::Unary{ast::UnaryOp::Not, std::move(operand)}, location(ctx));
}

ast::ExprPtr Transformer::transform_equality(SQLiteParser::Equality_exprContext& ctx) {
    ast::ExprPtr result = transform_comparison(*ctx.comparison_expr());
    for (auto* suffix : ctx.equality_suffix()) result = transform_equality_suffix(std::move(result), *suffix);
    return result;
}

ast::ExprPtr Transformer::transform_equality_suffix(ast::ExprPtr left, SQLiteParser::Equality_suffixContext& ctx) {
    const SourceLoc loc = left->loc;
    const bool negated = ctx.NOT_() != nullptr;
    const auto operand = [&](std::size_t i) { return transform_comparison(*ctx.comparison_expr(i)); };
    if (ctx.IS_()) {
        using Op = ast::BinaryOp;
        const bool distinct = ctx.DISTINCT_() != nullptr;
        const Op op = distinct ? (negated ? Op::IsNotDistinctFrom : Op::IsDistinctFrom) : (negated ? Op::IsNot : Op::Is);
        return ast::make_expr(ast::Binary{op, std::move(left), operand(0)}, loc);
    }
    if (ctx.BETWEEN_()) return ast::make_expr(ast::Between{negated, std::move(left), operand(0), operand(1)}, loc);
    if (auto* target = ctx.in_target()) {
        ast::InExpr in;
        in.negated = negated;
        in.operand = std::move(left);
        if (auto* select = target->select_stmt()) in.select = ast::box(transform_select(*select));
        if (auto* table = target->qualified_name()) in.table = transform_qualified_name(*table);
        for (auto* e : target->expr()) in.list.push_back(transform_expr(*e));
        return ast::make_expr(std::move(in), loc);
    }
    if (ctx.LIKE_() || ctx.GLOB_() || ctx.REGEXP_() || ctx.MATCH_()) {
        ast::PatternMatch match;
        match.op = ctx.LIKE_() ? ast::PatternOp::Like
                 : ctx.GLOB_() ? ast::PatternOp::Glob
                 : ctx.REGEXP_() ? ast::PatternOp::Regexp
                                 : ast::PatternOp::Match;
        match.negated = negated;
        match.operand = std::move(left);
        match.pattern = operand(0);
        if (ctx.ESCAPE_()) match.escape = operand(1);
        return ast::make_expr(std::move(match), loc);
    }
    if (ctx.ISNULL_()) return ast::make_expr(ast::NullTest{false, std::move(left)}, loc);
    if (ctx.NOTNULL_() || ctx.NULL_()) return ast::make_expr(ast::NullTest{true, std::move(left)}, loc);
    auto* op = static_cast<antlr4::tree::TerminalNode*>(ctx.children[0]);
    return ast::make_expr(ast::Binary{binary_op(op->getSymbol()->getType()), std::move(left), operand(0)}, loc);
}

ast::ExprPtr Transformer::transform_comparison(SQLiteParser::Comparison_exprContext& ctx) {
    return fold_left<SQLiteParser::Bitwise_exprContext>(ctx, [&](auto& c) { return transform_bitwise(c); });
}

ast::ExprPtr Transformer::transform_bitwise(SQLiteParser::Bitwise_exprContext& ctx) {
    return fold_left<SQLiteParser::Additive_exprContext>(ctx, [&](auto& c) { return transform_additive(c); });
}

ast::ExprPtr Transformer::transform_additive(SQLiteParser::Additive_exprContext& ctx) {
    return fold_left<SQLiteParser::Multiplicative_exprContext>(ctx,
                                                               [&](auto& c) { return transform_multiplicative(c); });
}

ast::ExprPtr Transformer::transform_multiplicative(SQLiteParser::Multiplicative_exprContext& ctx) {
    return fold_left<SQLiteParser::Concat_exprContext>(ctx, [&](auto& c) { return transform_concat(c); });
}

ast::ExprPtr Transformer::transform_concat(SQLiteParser::Concat_exprContext& ctx) {
    return fold_left<SQLiteParser::Collate_exprContext>(ctx, [&](auto& c) { return transform_collate(c); });
}

ast::ExprPtr Transformer::transform_collate(SQLiteParser::Collate_exprContext& ctx) {
    ast::ExprPtr result = transform_unary(*ctx.unary_expr());
    for (auto* collation : ctx.any_name()) {
        const SourceLoc loc = result->loc;
        result = ast::make_expr(ast::Collate{std::move(result), transform_name(*collation)}, loc);
    }
    return result;
}

ast::ExprPtr Transformer::transform_unary(SQLiteParser::Unary_exprContext& ctx) {
    if (auto* primary = ctx.primary_expr()) return transform_primary(*primary);
    const ast::UnaryOp op = ctx.MINUS() ? ast::UnaryOp::Minus : ctx.PLUS() ? ast::UnaryOp::Plus : ast::UnaryOp::BitNot;
    return ast::make_expr(ast::Unary{op, transform_unary(*ctx.unary_expr())}, location(ctx));
}

ast::ExprPtr Transformer::transform_primary(SQLiteParser::Primary_exprContext& ctx) {
    const SourceLoc loc = location(ctx);
    if (auto* lit = ctx.literal_value()) return ast::make_expr(transform_literal(*lit), loc);
    if (auto* param = ctx.BIND_PARAMETER()) return ast::make_expr(ast::BindParameter{std::string(text(param))}, loc);
    if (auto* call = ctx.function_call()) return ast::make_expr(transform_function_call(*call), loc);
    if (auto* ref = ctx.column_ref()) return ast::make_expr(transform_column_ref(*ref), loc);
    if (ctx.CAST_()) return ast::make_expr(ast::Cast{transform_expr(*ctx.expr(0)), transform_type_name(*ctx.type_name())}, loc);
    if (ctx.CASE_()) {
        ast::CaseExpr case_expr;
        const auto exprs = ctx.expr();
        std::size_t i = 0;
        if (ctx.operand) case_expr.operand = transform_expr(*exprs[i++]);
        for (std::size_t w = 0; w < ctx.WHEN_().size(); ++w, i += 2) {
            case_expr.whens.push_back({transform_expr(*exprs[i]), transform_expr(*exprs[i + 1])});
        }
        if (ctx.ELSE_()) case_expr.otherwise = transform_expr(*exprs[i]);
        return ast::make_expr(std::move(case_expr), loc);
    }
    if (ctx.EXISTS_()) {
        return ast::make_expr(ast::SubqueryExpr{ast::SubqueryExpr::Kind::Exists, ast::box(transform_select(*ctx.select_stmt()))},
                              loc);
    }
    if (ctx.RAISE_()) {
        using Action = ast::Raise::Action;
        ast::Raise raise;
        raise.action = ctx.IGNORE_() ? Action::Ignore
                     : ctx.ROLLBACK_() ? Action::Rollback
                     : ctx.FAIL_() ? Action::Fail
                                   : Action::Abort;
        if (!ctx.expr().empty()) raise.message = transform_expr(*ctx.expr(0));
        return ast::make_expr(std::move(raise), loc);
    }
    if (auto* select = ctx.select_stmt()) {
        return ast::make_expr(ast::SubqueryExpr{ast::SubqueryExpr::Kind::Scalar, ast::box(transform_select(*select))}, loc);
    }
    const auto exprs = ctx.expr();
    if (exprs.size() == 1) return ast::make_expr(ast::Parenthesized{transform_expr(*exprs[0])}, loc);
    ast::RowValue row;
    for (auto* e : exprs) row.items.push_back(transform_expr(*e));
    return ast::make_expr(std::move(row), loc);
}

ast::ColumnRef Transformer::transform_column_ref(SQLiteParser::Column_refContext& ctx) {
    ast::ColumnRef ref;
    if (auto* bare = ctx.bare_name()) {
        ref.column = transform_name(*bare);
        return ref;
    }
    const auto parts = ctx.any_name();
    if (parts.size() == 3) ref.schema = transform_name(*parts[0]);
    ref.table = transform_name(*parts[parts.size() - 2]);
    ref.column = transform_name(*parts.back());
    return ref;
}

ast::FunctionCall Transformer::transform_function_call(SQLiteParser::Function_callContext& ctx) {
    ast::FunctionCall call;
    call.name = transform_name(*ctx.bare_name());
    call.star = ctx.STAR() != nullptr;
    call.distinct = ctx.DISTINCT_() != nullptr;
    auto exprs = ctx.expr();
    // The FILTER clause's expression is the rule's last direct `expr`.
    if (ctx.FILTER_()) {
        call.filter = transform_expr(*exprs.back());
        exprs.pop_back();
    }
    for (auto* e : exprs) call.args.push_back(transform_expr(*e));
    call.order_by = transform_order_by(ctx.order_by_clause());
    if (auto* spec = ctx.window_spec()) call.over = transform_window_spec(*spec);
    if (auto* name = ctx.any_name()) call.over_window = transform_name(*name);
    return call;
}

}  // namespace sqlite2pg::parse
