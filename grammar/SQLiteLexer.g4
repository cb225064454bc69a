// SQLite tokens, written for sqlite2pg from SQLite's syntax documentation (https://sqlite.org/lang.html)
// and tokenizer rules (https://sqlite.org/lang_keywords.html, dump-format.md §9). ANTLR 4.7.2 has no
// caseInsensitive option, so every keyword is spelled with case-insensitive fragment letters.
// Keyword tokens end in `_` so that they cannot clash with names in the generated C++ (NULL, DELETE, ...).
lexer grammar SQLiteLexer;

SCOL: ';';
DOT: '.';
OPEN_PAR: '(';
CLOSE_PAR: ')';
COMMA: ',';
ASSIGN: '=';
EQ: '==';
NOT_EQ1: '!=';
NOT_EQ2: '<>';
STAR: '*';
PLUS: '+';
MINUS: '-';
TILDE: '~';
PIPE2: '||';
PTR2: '->>';
PTR: '->';
DIV: '/';
MOD: '%';
LT2: '<<';
GT2: '>>';
AMP: '&';
PIPE: '|';
LT: '<';
LT_EQ: '<=';
GT: '>';
GT_EQ: '>=';

// Keywords. Only the words the parser uses are tokens; every other word SQLite knows (ATTACH, VACUUM, ...)
// lexes as an ordinary identifier, which is what SQLite's keyword fallback makes of it in name positions.
ABORT_: A B O R T;
ACTION_: A C T I O N;
AFTER_: A F T E R;
ALL_: A L L;
ALWAYS_: A L W A Y S;
ANALYZE_: A N A L Y Z E;
AND_: A N D;
AS_: A S;
ASC_: A S C;
AUTOINCREMENT_: A U T O I N C R E M E N T;
BEFORE_: B E F O R E;
BEGIN_: B E G I N;
BETWEEN_: B E T W E E N;
BY_: B Y;
CASCADE_: C A S C A D E;
CASE_: C A S E;
CAST_: C A S T;
CHECK_: C H E C K;
COLLATE_: C O L L A T E;
COMMIT_: C O M M I T;
CONFLICT_: C O N F L I C T;
CONSTRAINT_: C O N S T R A I N T;
CREATE_: C R E A T E;
CROSS_: C R O S S;
CURRENT_: C U R R E N T;
CURRENT_DATE_: C U R R E N T '_' D A T E;
CURRENT_TIME_: C U R R E N T '_' T I M E;
CURRENT_TIMESTAMP_: C U R R E N T '_' T I M E S T A M P;
DEFAULT_: D E F A U L T;
DEFERRABLE_: D E F E R R A B L E;
DEFERRED_: D E F E R R E D;
DELETE_: D E L E T E;
DESC_: D E S C;
DISTINCT_: D I S T I N C T;
DO_: D O;
DROP_: D R O P;
EACH_: E A C H;
ELSE_: E L S E;
END_: E N D;
ESCAPE_: E S C A P E;
EXCEPT_: E X C E P T;
EXCLUDE_: E X C L U D E;
EXCLUSIVE_: E X C L U S I V E;
EXISTS_: E X I S T S;
FAIL_: F A I L;
FALSE_: F A L S E;
FILTER_: F I L T E R;
FIRST_: F I R S T;
FOLLOWING_: F O L L O W I N G;
FOR_: F O R;
FOREIGN_: F O R E I G N;
FROM_: F R O M;
FULL_: F U L L;
GENERATED_: G E N E R A T E D;
GLOB_: G L O B;
GROUP_: G R O U P;
GROUPS_: G R O U P S;
HAVING_: H A V I N G;
IF_: I F;
IGNORE_: I G N O R E;
IMMEDIATE_: I M M E D I A T E;
IN_: I N;
INDEX_: I N D E X;
INDEXED_: I N D E X E D;
INITIALLY_: I N I T I A L L Y;
INNER_: I N N E R;
INSERT_: I N S E R T;
INSTEAD_: I N S T E A D;
INTERSECT_: I N T E R S E C T;
INTO_: I N T O;
IS_: I S;
ISNULL_: I S N U L L;
JOIN_: J O I N;
KEY_: K E Y;
LAST_: L A S T;
LEFT_: L E F T;
LIKE_: L I K E;
LIMIT_: L I M I T;
MATCH_: M A T C H;
MATERIALIZED_: M A T E R I A L I Z E D;
NATURAL_: N A T U R A L;
NO_: N O;
NOT_: N O T;
NOTHING_: N O T H I N G;
NOTNULL_: N O T N U L L;
NULL_: N U L L;
NULLS_: N U L L S;
OF_: O F;
OFFSET_: O F F S E T;
ON_: O N;
OR_: O R;
ORDER_: O R D E R;
OTHERS_: O T H E R S;
OUTER_: O U T E R;
OVER_: O V E R;
PARTITION_: P A R T I T I O N;
PRAGMA_: P R A G M A;
PRECEDING_: P R E C E D I N G;
PRIMARY_: P R I M A R Y;
RAISE_: R A I S E;
RANGE_: R A N G E;
RECURSIVE_: R E C U R S I V E;
REFERENCES_: R E F E R E N C E S;
REGEXP_: R E G E X P;
REPLACE_: R E P L A C E;
RESTRICT_: R E S T R I C T;
RETURNING_: R E T U R N I N G;
RIGHT_: R I G H T;
ROLLBACK_: R O L L B A C K;
ROW_: R O W;
ROWS_: R O W S;
SELECT_: S E L E C T;
SET_: S E T;
TABLE_: T A B L E;
TEMP_: T E M P;
TEMPORARY_: T E M P O R A R Y;
THEN_: T H E N;
TIES_: T I E S;
TRANSACTION_: T R A N S A C T I O N;
TRIGGER_: T R I G G E R;
TRUE_: T R U E;
UNBOUNDED_: U N B O U N D E D;
UNION_: U N I O N;
UNIQUE_: U N I Q U E;
UPDATE_: U P D A T E;
USING_: U S I N G;
VALUES_: V A L U E S;
VIEW_: V I E W;
VIRTUAL_: V I R T U A L;
WHEN_: W H E N;
WHERE_: W H E R E;
WINDOW_: W I N D O W;
WITH_: W I T H;
WITHOUT_: W I T H O U T;

// `rowid`, `strict` and `stored` are not keywords in SQLite either; the parser checks their spelling.

// Quoted identifiers: "x" and `x` escape their quote by doubling it; [x] has no escape.
IDENTIFIER
    : '"' (~'"' | '""')* '"'
    | '`' (~'`' | '``')* '`'
    | '[' ~']'* ']'
    | [a-zA-Z_\u0080-\u{10FFFF}] [a-zA-Z_0-9$\u0080-\u{10FFFF}]*
    ;

NUMERIC_LITERAL
    : DIGIT+ ('.' DIGIT*)? EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | '0' X HEX_DIGIT+
    ;

BIND_PARAMETER
    : '?' DIGIT*
    | [:@$] [a-zA-Z_0-9$\u0080-\u{10FFFF}]+
    ;

STRING_LITERAL: '\'' (~'\'' | '\'\'')* '\'';

BLOB_LITERAL: X '\'' HEX_DIGIT* '\'';

// A line comment runs to the newline, as in SQLite: a CR before it, or alone, is part of the comment.
SINGLE_LINE_COMMENT: '--' ~[\n]* -> channel(HIDDEN);

// An unterminated block comment runs to the end of the input, as in SQLite.
MULTILINE_COMMENT: '/*' .*? ('*/' | EOF) -> channel(HIDDEN);

SPACES: [ \t\r\n\f]+ -> channel(HIDDEN);

fragment EXPONENT: E [-+]? DIGIT+;
fragment DIGIT: [0-9];
fragment HEX_DIGIT: [0-9a-fA-F];

fragment A: [aA];
fragment B: [bB];
fragment C: [cC];
fragment D: [dD];
fragment E: [eE];
fragment F: [fF];
fragment G: [gG];
fragment H: [hH];
fragment I: [iI];
fragment J: [jJ];
fragment K: [kK];
fragment L: [lL];
fragment M: [mM];
fragment N: [nN];
fragment O: [oO];
fragment P: [pP];
fragment Q: [qQ];
fragment R: [rR];
fragment S: [sS];
fragment T: [tT];
fragment U: [uU];
fragment V: [vV];
fragment W: [wW];
fragment X: [xX];
fragment Y: [yY];
fragment Z: [zZ];
