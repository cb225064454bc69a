#pragma once
// Expressions and SELECT, as SQLite writes them (https://sqlite.org/lang_expr.html,
// https://sqlite.org/lang_select.html). They are declared together because each contains the other
// (subqueries in expressions, expressions in queries). The transformer records what was written;
// passes rewrite these trees; the emitter prints them in PostgreSQL syntax.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ast/box.hpp"
#include "ast/identifier.hpp"
#include "ast/type_name.hpp"
#include "core/source_location.hpp"

namespace sqlite2pg::ast {

struct Expr;
struct Select;
using ExprPtr = Box<Expr>;
using SelectPtr = Box<Select>;

/// A literal as written. `text` holds: numbers verbatim (`1e999`, `0x1F`, `.5`); strings unescaped
/// (`'it''s'` → `it's`); blobs as their hex digits; empty for the keyword literals.
struct Literal {
    enum class Kind : std::uint8_t { Null, Integer, Real, String, Blob, True, False, CurrentTime, CurrentDate, CurrentTimestamp };
    Kind kind = Kind::Null;
    std::string text;
    friend bool operator==(const Literal&, const Literal&) = default;
};

/// A name used as a value: `col`, `t.col`, `main.t.col`. A bare `"x"` that names no column is, in SQLite,
/// a string literal; the transformer cannot know, so it records a ColumnRef with QuoteStyle::Double.
struct ColumnRef {
    std::optional<Identifier> schema;
    std::optional<Identifier> table;
    Identifier column;
    friend bool operator==(const ColumnRef&, const ColumnRef&) = default;
};

/// `?`, `?7`, `:name`, `@name`, `$name` — kept as written.
struct BindParameter {
    std::string text;
    friend bool operator==(const BindParameter&, const BindParameter&) = default;
};

enum class UnaryOp : std::uint8_t { Minus, Plus, BitNot, Not };

/// `-x`, `+x`, `~x`, `NOT x`.
struct Unary {
    UnaryOp op = UnaryOp::Minus;
    ExprPtr operand;
    friend bool operator==(const Unary&, const Unary&) = default;
};

/// Binary operators. `Eq` is `=`, `EqEq` is `==`; `Ne` is `!=`, `LtGt` is `<>` (same meaning, kept as written).
enum class BinaryOp : std::uint8_t {
    Concat, JsonExtract, JsonExtractText,  // ||  ->  ->>
    Mul, Div, Mod, Add, Sub,
    BitAnd, BitOr, ShiftLeft, ShiftRight,
    Lt, Le, Gt, Ge,
    Eq, EqEq, Ne, LtGt,
    Is, IsNot, IsDistinctFrom, IsNotDistinctFrom,
    And, Or,
};

/// `left op right`.
struct Binary {
    BinaryOp op = BinaryOp::Eq;
    ExprPtr left;
    ExprPtr right;
    friend bool operator==(const Binary&, const Binary&) = default;
};

/// `operand COLLATE name`.
struct Collate {
    ExprPtr operand;
    Identifier collation;
    friend bool operator==(const Collate&, const Collate&) = default;
};

enum class PatternOp : std::uint8_t { Like, Glob, Regexp, Match };

/// `operand [NOT] LIKE|GLOB|REGEXP|MATCH pattern [ESCAPE escape]`.
struct PatternMatch {
    PatternOp op = PatternOp::Like;
    bool negated = false;
    ExprPtr operand;
    ExprPtr pattern;
    ExprPtr escape;  ///< empty when there is no ESCAPE clause
    friend bool operator==(const PatternMatch&, const PatternMatch&) = default;
};

/// `operand [NOT] BETWEEN low AND high`.
struct Between {
    bool negated = false;
    ExprPtr operand;
    ExprPtr low;
    ExprPtr high;
    friend bool operator==(const Between&, const Between&) = default;
};

/// `operand [NOT] IN (list)`, `IN (select)`, or `IN [schema.]table` / `IN table_function(args)`.
struct InExpr {
    bool negated = false;
    ExprPtr operand;
    std::vector<ExprPtr> list;           ///< `IN (a, b)`; empty with `IN ()`
    SelectPtr select;                    ///< `IN (SELECT …)`
    std::optional<QualifiedName> table;  ///< `IN t` or `IN f(args)`; args go to `list`
    friend bool operator==(const InExpr&, const InExpr&) = default;
};

/// `operand ISNULL`, `operand NOTNULL`, `operand NOT NULL`, and `IS [NOT] NULL` when written that way
/// is recorded as Binary Is/IsNot with a NULL literal instead, as the grammar has it.
struct NullTest {
    bool negated = false;  ///< NOTNULL / NOT NULL
    ExprPtr operand;
    friend bool operator==(const NullTest&, const NullTest&) = default;
};

enum class SortOrder : std::uint8_t { None, Asc, Desc };
enum class NullsOrder : std::uint8_t { None, First, Last };

/// One `ORDER BY` term: `expr [COLLATE c] [ASC|DESC] [NULLS FIRST|LAST]` (COLLATE is part of `expr`).
struct OrderingTerm {
    ExprPtr expr;
    SortOrder order = SortOrder::None;
    NullsOrder nulls = NullsOrder::None;
    friend bool operator==(const OrderingTerm&, const OrderingTerm&) = default;
};

/// One bound of a window frame: `UNBOUNDED PRECEDING`, `n PRECEDING`, `CURRENT ROW`, `n FOLLOWING`, `UNBOUNDED FOLLOWING`.
struct FrameBound {
    enum class Kind : std::uint8_t { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing };
    Kind kind = Kind::CurrentRow;
    ExprPtr offset;  ///< for Preceding / Following
    friend bool operator==(const FrameBound&, const FrameBound&) = default;
};

/// `RANGE|ROWS|GROUPS BETWEEN start AND end [EXCLUDE …]`, or a single start bound.
struct FrameSpec {
    enum class Units : std::uint8_t { Range, Rows, Groups };
    enum class Exclude : std::uint8_t { None, NoOthers, CurrentRow, Group, Ties };
    Units units = Units::Range;
    FrameBound start;
    std::optional<FrameBound> end;
    Exclude exclude = Exclude::None;
    friend bool operator==(const FrameSpec&, const FrameSpec&) = default;
};

/// `(base PARTITION BY … ORDER BY … frame)`, the window definition of OVER or WINDOW.
struct WindowSpec {
    std::optional<Identifier> base;
    std::vector<ExprPtr> partition_by;
    std::vector<OrderingTerm> order_by;
    std::optional<FrameSpec> frame;
    friend bool operator==(const WindowSpec&, const WindowSpec&) = default;
};

/// `name([DISTINCT] args | *) [FILTER (WHERE f)] [OVER window]`; also aggregate `ORDER BY` inside the
/// parentheses (SQLite 3.44+).
struct FunctionCall {
    Identifier name;
    bool distinct = false;
    bool star = false;  ///< `count(*)`
    std::vector<ExprPtr> args;
    std::vector<OrderingTerm> order_by;  ///< `group_concat(x, ',' ORDER BY y)`
    ExprPtr filter;
    std::optional<WindowSpec> over;          ///< `OVER (…)`
    std::optional<Identifier> over_window;   ///< `OVER name`
    friend bool operator==(const FunctionCall&, const FunctionCall&) = default;
};

/// `CAST(operand AS type)`.
struct Cast {
    ExprPtr operand;
    TypeName type;
    friend bool operator==(const Cast&, const Cast&) = default;
};

/// `CASE [operand] WHEN w THEN t … [ELSE e] END`.
struct CaseExpr {
    struct When {
        ExprPtr condition;
        ExprPtr result;
        friend bool operator==(const When&, const When&) = default;
    };
    ExprPtr operand;
    std::vector<When> whens;
    ExprPtr otherwise;
    friend bool operator==(const CaseExpr&, const CaseExpr&) = default;
};

/// `(SELECT …)` used as a value, and `[NOT] EXISTS (SELECT …)`.
struct SubqueryExpr {
    enum class Kind : std::uint8_t { Scalar, Exists, NotExists };
    Kind kind = Kind::Scalar;
    SelectPtr select;
    friend bool operator==(const SubqueryExpr&, const SubqueryExpr&) = default;
};

/// `RAISE(IGNORE)` or `RAISE(ROLLBACK|ABORT|FAIL, message)` — only inside triggers.
struct Raise {
    enum class Action : std::uint8_t { Ignore, Rollback, Abort, Fail };
    Action action = Action::Abort;
    ExprPtr message;
    friend bool operator==(const Raise&, const Raise&) = default;
};

/// A parenthesised row value `(a, b, c)`. A single parenthesised expression is not a RowValue: the
/// transformer records `(x)` as `Parenthesized`.
struct RowValue {
    std::vector<ExprPtr> items;
    friend bool operator==(const RowValue&, const RowValue&) = default;
};

/// `(x)`: kept so that the printer can reproduce grouping where it matters and tests can see it.
struct Parenthesized {
    ExprPtr inner;
    friend bool operator==(const Parenthesized&, const Parenthesized&) = default;
};

/// Any expression. Equality ignores the location.
struct Expr {
    using Node = std::variant<Literal, ColumnRef, BindParameter, Unary, Binary, Collate, PatternMatch, Between, InExpr,
                              NullTest, FunctionCall, Cast, CaseExpr, SubqueryExpr, Raise, RowValue, Parenthesized>;
    Node node;
    SourceLoc loc;

    friend bool operator==(const Expr& a, const Expr& b) { return a.node == b.node; }
};

/// Builds an ExprPtr from a node: `make_expr(Literal{...}, loc)`.
template <class Node>
ExprPtr make_expr(Node node, SourceLoc loc = {}) {
    return ExprPtr(Expr{Expr::Node(std::move(node)), loc});
}

// ---- SELECT ---------------------------------------------------------------------------------------

/// `name [(columns)] AS [[NOT] MATERIALIZED] (select)`.
struct CommonTableExpr {
    Identifier name;
    std::vector<Identifier> columns;
    std::optional<bool> materialized;
    SelectPtr select;
    friend bool operator==(const CommonTableExpr&, const CommonTableExpr&) = default;
};

/// `WITH [RECURSIVE] cte, …`.
struct WithClause {
    bool recursive = false;
    std::vector<CommonTableExpr> ctes;
    friend bool operator==(const WithClause&, const WithClause&) = default;
};

/// One item of the select list: `*`, `t.*`, or `expr [[AS] alias]`.
struct ResultColumn {
    bool star = false;
    std::optional<Identifier> star_table;  ///< `t.*`
    ExprPtr expr;
    std::optional<Identifier> alias;
    friend bool operator==(const ResultColumn&, const ResultColumn&) = default;
};

struct JoinClause;
struct TableRef;
using TableRefPtr = Box<TableRef>;

/// One item of FROM: a table, a table-valued function, a subquery, or a parenthesised join.
struct TableRef {
    enum class Kind : std::uint8_t { Table, Function, Subquery, Join };
    Kind kind = Kind::Table;
    QualifiedName name;                    ///< Table, Function
    std::vector<ExprPtr> args;             ///< Function
    SelectPtr select;                      ///< Subquery
    Box<JoinClause> join;                  ///< Join (parenthesised)
    std::optional<Identifier> alias;
    std::optional<Identifier> indexed_by;  ///< `INDEXED BY i`
    bool not_indexed = false;              ///< `NOT INDEXED`
    friend bool operator==(const TableRef&, const TableRef&) = default;
};

/// Join operators: `,`, `[NATURAL] [LEFT|RIGHT|FULL [OUTER]|INNER|CROSS] JOIN`.
struct JoinOperator {
    enum class Kind : std::uint8_t { Comma, Inner, Left, Right, Full, Cross };
    Kind kind = Kind::Comma;
    bool natural = false;
    bool outer = false;  ///< the word OUTER was written
    bool join_keyword = true;  ///< `JOIN` as opposed to `,`
    friend bool operator==(const JoinOperator&, const JoinOperator&) = default;
};

/// `left op right [ON expr | USING (cols)]`, repeated.
struct JoinClause {
    struct Step {
        JoinOperator op;
        TableRef right;
        ExprPtr on;
        std::vector<Identifier> using_columns;
        friend bool operator==(const Step&, const Step&) = default;
    };
    TableRef first;
    std::vector<Step> steps;
    friend bool operator==(const JoinClause&, const JoinClause&) = default;
};

/// `WINDOW name AS (spec)`.
struct NamedWindow {
    Identifier name;
    WindowSpec spec;
    friend bool operator==(const NamedWindow&, const NamedWindow&) = default;
};

/// `SELECT [DISTINCT|ALL] … [FROM …] [WHERE …] [GROUP BY … [HAVING …]] [WINDOW …]`, or `VALUES (…), (…)`.
struct SelectCore {
    bool is_values = false;
    std::vector<std::vector<ExprPtr>> values;  ///< VALUES rows
    bool distinct = false;
    bool all = false;
    std::vector<ResultColumn> columns;
    std::optional<JoinClause> from;
    ExprPtr where;
    std::vector<ExprPtr> group_by;
    ExprPtr having;
    std::vector<NamedWindow> windows;
    friend bool operator==(const SelectCore&, const SelectCore&) = default;
};

enum class CompoundOp : std::uint8_t { Union, UnionAll, Intersect, Except };

/// A full query: `[WITH …] core [compound core …] [ORDER BY …] [LIMIT …]`.
struct Select {
    struct Compound {
        CompoundOp op = CompoundOp::Union;
        SelectCore core;
        friend bool operator==(const Compound&, const Compound&) = default;
    };
    std::optional<WithClause> with;
    SelectCore first;
    std::vector<Compound> compounds;
    std::vector<OrderingTerm> order_by;
    ExprPtr limit;
    ExprPtr offset;
    bool limit_comma = false;  ///< written `LIMIT offset, count` (SQLite order), stored as limit/offset
    friend bool operator==(const Select&, const Select&) = default;
};

}  // namespace sqlite2pg::ast
