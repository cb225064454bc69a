#pragma once
// Parse tree → AST. The Transformer walks the generated contexts through their accessors (no generated
// visitor, no std::any) and returns typed AST values. It records what was written and decides nothing.
// Private to src/parse: this header includes the generated parser.
#include <string>
#include <string_view>
#include <vector>

#include <antlr4-runtime.h>

#include "SQLiteParser.h"
#include "ast/statement.hpp"
#include "parse/source_text.hpp"

namespace sqlite2pg::parse {

using grammar::SQLiteParser;

class Transformer {
public:
    explicit Transformer(const SourceText& source) : source_(source) {}

    /// The statement of the entry rule, located at its first token.
    ast::Statement transform_parse(SQLiteParser::ParseContext& ctx);

    // ---- transform_create_table.cpp
    /// `CREATE TABLE … (columns, constraints) [options]` or `CREATE TABLE … AS select`.
    ast::CreateTable transform_create_table(SQLiteParser::Create_table_stmtContext& ctx);
    /// One column: name, optional type, constraints.
    ast::ColumnDef transform_column_def(SQLiteParser::Column_defContext& ctx);
    /// A declared type: its words joined by single spaces, and its arguments as written.
    ast::TypeName transform_type_name(SQLiteParser::Type_nameContext& ctx);
    /// One column constraint, with its optional `CONSTRAINT name`.
    ast::ColumnConstraint transform_column_constraint(SQLiteParser::Column_constraintContext& ctx);
    /// The value after DEFAULT: `(expr)`, a signed or plain literal, or a bare word (a ColumnRef).
    ast::DefaultConstraint transform_default_value(SQLiteParser::Default_valueContext& ctx);
    /// One table constraint, with its optional `CONSTRAINT name`.
    ast::TableConstraint transform_table_constraint(SQLiteParser::Table_constraintContext& ctx);
    /// `REFERENCES table [(cols)] [actions] [MATCH] [deferral]`.
    ast::ForeignKeyClause transform_foreign_key(SQLiteParser::Foreign_key_clauseContext& ctx);
    /// `ON CONFLICT action`, or ConflictAction::None when absent.
    ast::ConflictAction transform_conflict_clause(SQLiteParser::Conflict_clauseContext* ctx);
    /// ROLLBACK | ABORT | FAIL | IGNORE | REPLACE.
    ast::ConflictAction transform_conflict_action(SQLiteParser::Conflict_actionContext& ctx);
    /// An index or key column; a top-level `COLLATE` goes to its `collation`.
    ast::IndexedColumn transform_indexed_column(SQLiteParser::Indexed_columnContext& ctx);

    // ---- transform_create_index.cpp
    /// `CREATE [UNIQUE] INDEX … ON table (columns) [WHERE expr]`.
    ast::CreateIndex transform_create_index(SQLiteParser::Create_index_stmtContext& ctx);

    // ---- transform_create_view.cpp
    /// `CREATE VIEW … [(columns)] AS select`.
    ast::CreateView transform_create_view(SQLiteParser::Create_view_stmtContext& ctx);

    // ---- transform_create_trigger.cpp
    /// `CREATE TRIGGER … BEGIN steps END`.
    ast::CreateTrigger transform_create_trigger(SQLiteParser::Create_trigger_stmtContext& ctx);
    /// One statement of a trigger body.
    ast::TriggerStep transform_trigger_step(SQLiteParser::Trigger_stepContext& ctx);

    // ---- transform_virtual_table.cpp
    /// `CREATE VIRTUAL TABLE … USING module(args)`, each argument kept as its trimmed source text.
    ast::CreateVirtualTable transform_virtual_table(SQLiteParser::Create_virtual_table_stmtContext& ctx);

    // ---- transform_insert.cpp
    /// INSERT or REPLACE; a lone `VALUES …` source goes to `values`, anything else to `select`.
    ast::Insert transform_insert(SQLiteParser::Insert_stmtContext& ctx);
    /// `ON CONFLICT … DO NOTHING | DO UPDATE …`.
    ast::UpsertClause transform_upsert(SQLiteParser::Upsert_clauseContext& ctx);
    /// `col = expr` or `(a, b) = expr`.
    ast::UpsertClause::Assignment transform_assignment(SQLiteParser::AssignmentContext& ctx);
    /// `RETURNING …` (empty when absent).
    ast::ReturningClause transform_returning(SQLiteParser::Returning_clauseContext* ctx);
    /// UPDATE.
    ast::Update transform_update(SQLiteParser::Update_stmtContext& ctx);
    /// DELETE.
    ast::Delete transform_delete(SQLiteParser::Delete_stmtContext& ctx);

    // ---- transform_select.cpp
    /// A full query.
    ast::Select transform_select(SQLiteParser::Select_stmtContext& ctx);
    /// `WITH [RECURSIVE] ctes`.
    ast::WithClause transform_with(SQLiteParser::With_clauseContext& ctx);
    /// One `SELECT …` or `VALUES …` core.
    ast::SelectCore transform_select_core(SQLiteParser::Select_coreContext& ctx);
    /// The rows of `VALUES (…), (…)`.
    std::vector<std::vector<ast::ExprPtr>> transform_values(SQLiteParser::Values_clauseContext& ctx);
    /// `*`, `t.*` or `expr [[AS] alias]`.
    ast::ResultColumn transform_result_column(SQLiteParser::Result_columnContext& ctx);
    /// A FROM list: the first item and its join steps (`,` is a Comma step).
    ast::JoinClause transform_join_clause(SQLiteParser::Join_clauseContext& ctx);
    /// One FROM item.
    ast::TableRef transform_table_or_subquery(SQLiteParser::Table_or_subqueryContext& ctx);
    /// `,` or `[NATURAL] [LEFT|RIGHT|FULL [OUTER]|INNER|CROSS] JOIN`.
    ast::JoinOperator transform_join_operator(SQLiteParser::Join_operatorContext& ctx);
    /// `ORDER BY terms` (empty when absent).
    std::vector<ast::OrderingTerm> transform_order_by(SQLiteParser::Order_by_clauseContext* ctx);
    /// `LIMIT count [OFFSET offset]` or `LIMIT offset, count` (null ctx: none) into `limit`/`offset`; returns
    /// whether the comma form was written.
    bool transform_limit(SQLiteParser::Limit_clauseContext* ctx, ast::ExprPtr& limit, ast::ExprPtr& offset);
    /// `expr [ASC|DESC] [NULLS FIRST|LAST]`.
    ast::OrderingTerm transform_ordering_term(SQLiteParser::Ordering_termContext& ctx);
    /// `(base PARTITION BY … ORDER BY … frame)`.
    ast::WindowSpec transform_window_spec(SQLiteParser::Window_specContext& ctx);
    /// `ROWS|RANGE|GROUPS …`.
    ast::FrameSpec transform_frame_spec(SQLiteParser::Frame_specContext& ctx);
    /// One frame bound.
    ast::FrameBound transform_frame_bound(SQLiteParser::Frame_boundContext& ctx);

    // ---- transform_expr.cpp
    /// Any expression.
    ast::ExprPtr transform_expr(SQLiteParser::ExprContext& ctx);
    /// OR chain.
    ast::ExprPtr transform_or(SQLiteParser::Or_exprContext& ctx);
    /// AND chain.
    ast::ExprPtr transform_and(SQLiteParser::And_exprContext& ctx);
    /// `NOT x` (and `NOT EXISTS (…)`).
    ast::ExprPtr transform_not(SQLiteParser::Not_exprContext& ctx);
    /// The equality level: comparisons, IS, BETWEEN, IN, LIKE…, null tests, left to right.
    ast::ExprPtr transform_equality(SQLiteParser::Equality_exprContext& ctx);
    /// One equality-level operator applied to `left`.
    ast::ExprPtr transform_equality_suffix(ast::ExprPtr left, SQLiteParser::Equality_suffixContext& ctx);
    /// `< <= > >=` chain.
    ast::ExprPtr transform_comparison(SQLiteParser::Comparison_exprContext& ctx);
    /// `& | << >>` chain.
    ast::ExprPtr transform_bitwise(SQLiteParser::Bitwise_exprContext& ctx);
    /// `+ -` chain.
    ast::ExprPtr transform_additive(SQLiteParser::Additive_exprContext& ctx);
    /// `* / %` chain.
    ast::ExprPtr transform_multiplicative(SQLiteParser::Multiplicative_exprContext& ctx);
    /// `|| -> ->>` chain.
    ast::ExprPtr transform_concat(SQLiteParser::Concat_exprContext& ctx);
    /// `x COLLATE a COLLATE b`.
    ast::ExprPtr transform_collate(SQLiteParser::Collate_exprContext& ctx);
    /// `- + ~` prefixes.
    ast::ExprPtr transform_unary(SQLiteParser::Unary_exprContext& ctx);
    /// Literals, names, calls, CAST, CASE, EXISTS, RAISE, subqueries, parentheses and row values.
    ast::ExprPtr transform_primary(SQLiteParser::Primary_exprContext& ctx);
    /// `[[schema.]table.]column`.
    ast::ColumnRef transform_column_ref(SQLiteParser::Column_refContext& ctx);
    /// `name(args) [FILTER (WHERE …)] [OVER …]`.
    ast::FunctionCall transform_function_call(SQLiteParser::Function_callContext& ctx);

    // ---- transform_misc.cpp
    /// `PRAGMA [schema.]name [= value | (value)]`.
    ast::Pragma transform_pragma(SQLiteParser::Pragma_stmtContext& ctx);
    /// BEGIN.
    ast::Transaction transform_begin(SQLiteParser::Begin_stmtContext& ctx);
    /// COMMIT / END.
    ast::Transaction transform_commit(SQLiteParser::Commit_stmtContext& ctx);
    /// ROLLBACK.
    ast::Transaction transform_rollback(SQLiteParser::Rollback_stmtContext& ctx);
    /// `ANALYZE [name[.name]]`.
    ast::Analyze transform_analyze(SQLiteParser::Analyze_stmtContext& ctx);
    /// `DROP TABLE|INDEX|VIEW|TRIGGER [IF EXISTS] name`.
    ast::Drop transform_drop(SQLiteParser::Drop_stmtContext& ctx);

    // ---- transform_names.cpp
    /// A one-token name (any_name, bare_name, alias_name, type_word): unquoted, with its quote style.
    ast::Identifier transform_name(antlr4::ParserRuleContext& ctx);
    /// `[schema.]name`.
    ast::QualifiedName transform_qualified_name(SQLiteParser::Qualified_nameContext& ctx);
    /// `a, b, c`.
    std::vector<ast::Identifier> transform_name_list(SQLiteParser::Name_listContext& ctx);
    /// A literal: numbers verbatim, strings unescaped, blobs as their hex digits.
    ast::Literal transform_literal(SQLiteParser::Literal_valueContext& ctx);
    /// `[+|-]digits` as written (no spaces).
    std::string transform_signed_number(SQLiteParser::Signed_numberContext& ctx);

    /// Absolute location of a token.
    SourceLoc location(const antlr4::Token* token) const;
    /// Absolute location of a rule's first token.
    SourceLoc location(antlr4::ParserRuleContext& ctx) const;
    /// The original source text of a token.
    std::string_view text(const antlr4::Token* token) const;
    /// The original source text of a terminal node.
    std::string_view text(antlr4::tree::TerminalNode* node) const;
    /// The original source text a rule spans, comments included (empty for an empty rule).
    std::string_view text(antlr4::ParserRuleContext& ctx) const;
    /// Throws InputError "syntax-error" at `token`: for words the grammar accepts loosely (STORED, ROWID).
    [[noreturn]] void fail(const antlr4::Token* token, const std::string& message) const;

private:
    const SourceText& source_;
};

/// Compares a word with an upper-case keyword, ignoring ASCII case.
bool equals_keyword(std::string_view word, std::string_view upper_keyword);

}  // namespace sqlite2pg::parse
