// SQLite statements, written for sqlite2pg from SQLite's syntax documentation (https://sqlite.org/lang.html).
// It covers what a `.dump` can hold (dump-format.md §2, §9) plus the full SELECT and expression language
// that schema text (views, triggers, CHECK, DEFAULT, indexes) may use.
//
// Expressions are written as one rule per precedence level of https://sqlite.org/lang_expr.html#operators
// (lowest first) instead of one left-recursive rule: ANTLR gives the inner operands of a left-recursive
// alternative the lowest precedence, which would read `x BETWEEN 1 AND 2 AND y` as `x BETWEEN (1 AND 2) ...`.
parser grammar SQLiteParser;

options { tokenVocab = SQLiteLexer; }

// ---- Entry -------------------------------------------------------------------------------------------------

parse: sql_stmt SCOL? EOF;

sql_stmt
    : create_table_stmt
    | create_index_stmt
    | create_view_stmt
    | create_trigger_stmt
    | create_virtual_table_stmt
    | insert_stmt
    | update_stmt
    | delete_stmt
    | select_stmt
    | pragma_stmt
    | begin_stmt
    | commit_stmt
    | rollback_stmt
    | analyze_stmt
    | drop_stmt
    ;

// ---- CREATE TABLE ------------------------------------------------------------------------------------------

create_table_stmt
    : CREATE_ (TEMP_ | TEMPORARY_)? TABLE_ (IF_ NOT_ EXISTS_)? qualified_name
      ( OPEN_PAR column_def (COMMA column_def)* (COMMA? table_constraint)* CLOSE_PAR
        (table_option (COMMA table_option)*)?
      | AS_ select_stmt
      )
    ;

// `WITHOUT ROWID` or `STRICT`; neither ROWID nor STRICT is a keyword.
table_option: WITHOUT_ IDENTIFIER | IDENTIFIER;

column_def: any_name type_name? column_constraint*;

// Several words (`UNSIGNED BIG INT`, `'MONEY'`) and up to two signed arguments. GENERATED starts a
// constraint here, as in SQLite, where a keyword only falls back to a name when it cannot be a keyword.
type_name: type_word+ (OPEN_PAR signed_number (COMMA signed_number)? CLOSE_PAR)?;

type_word: IDENTIFIER | STRING_LITERAL | join_keyword | fallback_keyword_except_generated;

signed_number: (PLUS | MINUS)? NUMERIC_LITERAL;

column_constraint
    : (CONSTRAINT_ any_name)?
      ( PRIMARY_ KEY_ (ASC_ | DESC_)? conflict_clause? AUTOINCREMENT_?
      | NOT_ NULL_ conflict_clause?
      | NULL_ conflict_clause?
      | UNIQUE_ conflict_clause?
      | CHECK_ OPEN_PAR expr CLOSE_PAR
      | DEFAULT_ default_value
      | COLLATE_ any_name
      | foreign_key_clause
      | (GENERATED_ ALWAYS_)? AS_ OPEN_PAR expr CLOSE_PAR generated_storage?
      )
    ;

// `STORED` is not a keyword; the transformer checks the word.
generated_storage: VIRTUAL_ | IDENTIFIER;

default_value
    : OPEN_PAR expr CLOSE_PAR
    | (PLUS | MINUS) literal_value
    | literal_value
    | bare_name
    ;

conflict_clause: ON_ CONFLICT_ conflict_action;

conflict_action: ROLLBACK_ | ABORT_ | FAIL_ | IGNORE_ | REPLACE_;

foreign_key_clause
    : REFERENCES_ any_name (OPEN_PAR name_list CLOSE_PAR)?
      ( ON_ (DELETE_ | UPDATE_) fk_action
      | MATCH_ any_name
      )*
      (NOT_? DEFERRABLE_ (INITIALLY_ (DEFERRED_ | IMMEDIATE_))?)?
    ;

fk_action: SET_ NULL_ | SET_ DEFAULT_ | CASCADE_ | RESTRICT_ | NO_ ACTION_;

table_constraint
    : (CONSTRAINT_ any_name)?
      ( PRIMARY_ KEY_ OPEN_PAR indexed_column (COMMA indexed_column)* AUTOINCREMENT_? CLOSE_PAR conflict_clause?
      | UNIQUE_ OPEN_PAR indexed_column (COMMA indexed_column)* CLOSE_PAR conflict_clause?
      | CHECK_ OPEN_PAR expr CLOSE_PAR conflict_clause?
      | FOREIGN_ KEY_ OPEN_PAR name_list CLOSE_PAR foreign_key_clause
      )
    ;

indexed_column: expr (ASC_ | DESC_)?;

// ---- Other CREATE statements -------------------------------------------------------------------------------

create_index_stmt
    : CREATE_ UNIQUE_? INDEX_ (IF_ NOT_ EXISTS_)? qualified_name ON_ any_name
      OPEN_PAR indexed_column (COMMA indexed_column)* CLOSE_PAR (WHERE_ expr)?
    ;

create_view_stmt
    : CREATE_ (TEMP_ | TEMPORARY_)? VIEW_ (IF_ NOT_ EXISTS_)? qualified_name (OPEN_PAR name_list CLOSE_PAR)?
      AS_ select_stmt
    ;

create_trigger_stmt
    : CREATE_ (TEMP_ | TEMPORARY_)? TRIGGER_ (IF_ NOT_ EXISTS_)? qualified_name
      (BEFORE_ | AFTER_ | INSTEAD_ OF_)?
      (DELETE_ | INSERT_ | UPDATE_ (OF_ name_list)?) ON_ qualified_name
      (FOR_ EACH_ ROW_)? (WHEN_ expr)?
      BEGIN_ (trigger_step SCOL)+ END_
    ;

trigger_step: insert_stmt | update_stmt | delete_stmt | select_stmt;

// Module arguments are free text in SQLite: any tokens, with parentheses balanced.
create_virtual_table_stmt
    : CREATE_ VIRTUAL_ TABLE_ (IF_ NOT_ EXISTS_)? qualified_name USING_ any_name
      (OPEN_PAR module_arg (COMMA module_arg)* CLOSE_PAR)?
    ;

module_arg: (balanced_tokens | ~(OPEN_PAR | CLOSE_PAR | COMMA))*;

balanced_tokens: OPEN_PAR (balanced_tokens | ~(OPEN_PAR | CLOSE_PAR))* CLOSE_PAR;

// ---- INSERT, UPDATE, DELETE --------------------------------------------------------------------------------

// `VALUES (…)` is read by select_stmt; the transformer records a lone VALUES as the insert's rows.
insert_stmt
    : with_clause? (INSERT_ (OR_ conflict_action)? | REPLACE_) INTO_ qualified_name (AS_ any_name)?
      (OPEN_PAR name_list CLOSE_PAR)?
      (select_stmt upsert_clause* | DEFAULT_ VALUES_)
      returning_clause?
    ;

upsert_clause
    : ON_ CONFLICT_ (OPEN_PAR indexed_column (COMMA indexed_column)* CLOSE_PAR (WHERE_ expr)?)?
      DO_ (NOTHING_ | UPDATE_ SET_ assignment (COMMA assignment)* (WHERE_ expr)?)
    ;

assignment: (any_name | OPEN_PAR name_list CLOSE_PAR) ASSIGN expr;

returning_clause: RETURNING_ result_column (COMMA result_column)*;

update_stmt
    : with_clause? UPDATE_ (OR_ conflict_action)? qualified_name (AS_ any_name)?
      SET_ assignment (COMMA assignment)* (FROM_ join_clause)? (WHERE_ expr)? returning_clause?
      order_by_clause? limit_clause?
    ;

delete_stmt
    : with_clause? DELETE_ FROM_ qualified_name (AS_ any_name)? (WHERE_ expr)? returning_clause?
      order_by_clause? limit_clause?
    ;

// ---- SELECT ------------------------------------------------------------------------------------------------

select_stmt: with_clause? select_core (compound_operator select_core)* order_by_clause? limit_clause?;

with_clause: WITH_ RECURSIVE_? common_table_expression (COMMA common_table_expression)*;

common_table_expression
    : any_name (OPEN_PAR name_list CLOSE_PAR)? AS_ (NOT_? MATERIALIZED_)? OPEN_PAR select_stmt CLOSE_PAR
    ;

compound_operator: UNION_ ALL_? | INTERSECT_ | EXCEPT_;

select_core
    : SELECT_ (DISTINCT_ | ALL_)? result_column (COMMA result_column)*
      (FROM_ join_clause)?
      (WHERE_ expr)?
      (GROUP_ BY_ expr (COMMA expr)*)?
      (HAVING_ expr)?
      (WINDOW_ named_window (COMMA named_window)*)?
    | values_clause
    ;

values_clause: VALUES_ value_row (COMMA value_row)*;

value_row: OPEN_PAR expr (COMMA expr)* CLOSE_PAR;

result_column
    : STAR
    | any_name DOT STAR
    | expr (AS_ any_name | alias_name)?
    ;

join_clause: table_or_subquery (join_operator table_or_subquery join_constraint?)*;

table_or_subquery
    : qualified_name OPEN_PAR (expr (COMMA expr)*)? CLOSE_PAR (AS_ any_name | alias_name)?
    | qualified_name (AS_ any_name | alias_name)? (INDEXED_ BY_ any_name | NOT_ INDEXED_)?
    | OPEN_PAR select_stmt CLOSE_PAR (AS_ any_name | alias_name)?
    | OPEN_PAR join_clause CLOSE_PAR (AS_ any_name | alias_name)?
    ;

join_operator
    : COMMA
    | NATURAL_? ((LEFT_ | RIGHT_ | FULL_) OUTER_? | INNER_ | CROSS_)? JOIN_
    ;

join_constraint: ON_ expr | USING_ OPEN_PAR name_list CLOSE_PAR;

named_window: any_name AS_ window_spec;

order_by_clause: ORDER_ BY_ ordering_term (COMMA ordering_term)*;

ordering_term: expr (ASC_ | DESC_)? (NULLS_ (FIRST_ | LAST_))?;

// `LIMIT count [OFFSET offset]` or SQLite's `LIMIT offset, count`.
limit_clause: LIMIT_ expr ((OFFSET_ | COMMA) expr)?;

// ---- Expressions, lowest precedence first --------------------------------------------------------------------

expr: or_expr;

or_expr: and_expr (OR_ and_expr)*;

and_expr: not_expr (AND_ not_expr)*;

not_expr: NOT_ not_expr | equality_expr;

// One level holds = == != <> IS … BETWEEN IN LIKE GLOB REGEXP MATCH ISNULL NOTNULL `NOT NULL`; they
// associate to the left with each other. ESCAPE belongs to the LIKE that precedes it.
equality_expr: comparison_expr equality_suffix*;

equality_suffix
    : (ASSIGN | EQ | NOT_EQ1 | NOT_EQ2) comparison_expr
    | IS_ NOT_? (DISTINCT_ FROM_)? comparison_expr
    | NOT_? BETWEEN_ comparison_expr AND_ comparison_expr
    | NOT_? IN_ in_target
    | NOT_? (LIKE_ | GLOB_ | REGEXP_ | MATCH_) comparison_expr (ESCAPE_ comparison_expr)?
    | ISNULL_
    | NOTNULL_
    | NOT_ NULL_
    ;

in_target
    : OPEN_PAR (select_stmt | expr (COMMA expr)*)? CLOSE_PAR
    | qualified_name (OPEN_PAR (expr (COMMA expr)*)? CLOSE_PAR)?
    ;

comparison_expr: bitwise_expr ((LT | LT_EQ | GT | GT_EQ) bitwise_expr)*;

bitwise_expr: additive_expr ((AMP | PIPE | LT2 | GT2) additive_expr)*;

additive_expr: multiplicative_expr ((PLUS | MINUS) multiplicative_expr)*;

multiplicative_expr: concat_expr ((STAR | DIV | MOD) concat_expr)*;

concat_expr: collate_expr ((PIPE2 | PTR | PTR2) collate_expr)*;

collate_expr: unary_expr (COLLATE_ any_name)*;

unary_expr: (MINUS | PLUS | TILDE) unary_expr | primary_expr;

primary_expr
    : literal_value
    | BIND_PARAMETER
    | CAST_ OPEN_PAR expr AS_ type_name CLOSE_PAR
    | CASE_ (operand=expr)? (WHEN_ expr THEN_ expr)+ (ELSE_ expr)? END_
    | EXISTS_ OPEN_PAR select_stmt CLOSE_PAR
    | RAISE_ OPEN_PAR (IGNORE_ | (ROLLBACK_ | ABORT_ | FAIL_) COMMA expr) CLOSE_PAR
    | function_call
    | column_ref
    | OPEN_PAR select_stmt CLOSE_PAR
    | OPEN_PAR expr (COMMA expr)* CLOSE_PAR
    ;

literal_value
    : NUMERIC_LITERAL
    | STRING_LITERAL
    | BLOB_LITERAL
    | NULL_
    | TRUE_
    | FALSE_
    | CURRENT_TIME_
    | CURRENT_DATE_
    | CURRENT_TIMESTAMP_
    ;

column_ref: any_name DOT any_name (DOT any_name)? | bare_name;

function_call
    : bare_name OPEN_PAR
      ( STAR
      | DISTINCT_? expr (COMMA expr)* order_by_clause?
      )?
      CLOSE_PAR
      (FILTER_ OPEN_PAR WHERE_ expr CLOSE_PAR)?
      (OVER_ (window_spec | any_name))?
    ;

window_spec
    : OPEN_PAR base=any_name?
      (PARTITION_ BY_ expr (COMMA expr)*)?
      order_by_clause?
      frame_spec?
      CLOSE_PAR
    ;

frame_spec
    : (RANGE_ | ROWS_ | GROUPS_) (BETWEEN_ frame_bound AND_ frame_bound | frame_bound)
      (EXCLUDE_ (NO_ OTHERS_ | CURRENT_ ROW_ | GROUP_ | TIES_))?
    ;

frame_bound
    : UNBOUNDED_ PRECEDING_
    | UNBOUNDED_ FOLLOWING_
    | CURRENT_ ROW_
    | expr PRECEDING_
    | expr FOLLOWING_
    ;

// ---- Other statements ----------------------------------------------------------------------------------------

pragma_stmt: PRAGMA_ qualified_name (ASSIGN pragma_value | OPEN_PAR pragma_value CLOSE_PAR)?;

// SQLite also takes the keywords ON, DELETE and DEFAULT as values (`PRAGMA writable_schema=ON`).
pragma_value: signed_number | any_name | ON_ | DELETE_ | DEFAULT_;

begin_stmt: BEGIN_ (DEFERRED_ | IMMEDIATE_ | EXCLUSIVE_)? TRANSACTION_?;

commit_stmt: (COMMIT_ | END_) TRANSACTION_?;

rollback_stmt: ROLLBACK_ TRANSACTION_?;

analyze_stmt: ANALYZE_ qualified_name?;

drop_stmt: DROP_ (TABLE_ | INDEX_ | VIEW_ | TRIGGER_) (IF_ EXISTS_)? qualified_name;

// ---- Names -----------------------------------------------------------------------------------------------------

qualified_name: (schema=any_name DOT)? name=any_name;

name_list: any_name (COMMA any_name)*;

// A name where SQLite's `nm` is expected: identifiers, keywords that fall back to names, and string
// literals (SQLite takes `'x'` as a name there). RETURNING too: before 3.35 it was no keyword, so old
// schemas (and the dumps of them) can have a table or column named returning, written bare.
any_name: IDENTIFIER | STRING_LITERAL | INDEXED_ | join_keyword | fallback_keyword | RETURNING_;

// A name used as a value or a function name: no string literals (they are values there).
bare_name: IDENTIFIER | INDEXED_ | join_keyword | fallback_keyword;

// An alias written without AS: join keywords and INDEXED would start the next clause instead.
alias_name: IDENTIFIER | STRING_LITERAL | fallback_keyword;

join_keyword: CROSS_ | FULL_ | INNER_ | LEFT_ | NATURAL_ | OUTER_ | RIGHT_;

// The keywords of SQLite's `%fallback ID` list that this grammar knows as tokens, plus TRUE and FALSE
// (plain identifiers in SQLite that only mean booleans when no column has that name).
fallback_keyword: GENERATED_ | fallback_keyword_except_generated;

fallback_keyword_except_generated
    : ABORT_ | ACTION_ | AFTER_ | ALWAYS_ | ANALYZE_ | ASC_ | BEFORE_ | BEGIN_ | BY_ | CASCADE_ | CAST_
    | CONFLICT_ | CURRENT_ | CURRENT_DATE_ | CURRENT_TIME_ | CURRENT_TIMESTAMP_ | DEFERRED_ | DESC_ | DO_
    | EACH_ | END_ | EXCLUDE_ | EXCLUSIVE_ | FAIL_ | FALSE_ | FILTER_ | FIRST_ | FOLLOWING_ | FOR_ | GLOB_
    | GROUPS_ | IF_ | IGNORE_ | IMMEDIATE_ | INITIALLY_ | INSTEAD_ | KEY_ | LAST_ | LIKE_ | MATCH_
    | MATERIALIZED_ | NO_ | NULLS_ | OF_ | OFFSET_ | OTHERS_ | OVER_ | PARTITION_ | PRAGMA_ | PRECEDING_
    | RAISE_ | RANGE_ | RECURSIVE_ | REGEXP_ | REPLACE_ | RESTRICT_ | ROLLBACK_ | ROW_ | ROWS_ | TEMP_
    | TEMPORARY_ | TIES_ | TRIGGER_ | TRUE_ | UNBOUNDED_ | VIEW_ | VIRTUAL_ | WINDOW_ | WITH_ | WITHOUT_
    ;
