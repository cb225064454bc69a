#pragma once
// The literal forms `.dump` writes inside VALUES(…) (docs: shared reference dump-format.md §5), decoded to
// ast::Value exactly as SQLite evaluates them. Both the hand-written INSERT scanner (dump_insert.cpp) and
// the folder over the full parser's AST (fold_dump_insert.cpp) call these, so every rule lives here once.
// Functions return false for input they do not decode (the callers then give up on the fast path); none
// throws or allocates beyond growing the strings it is given.
#include <cstdint>
#include <string>
#include <string_view>

#include "ast/value.hpp"

namespace sqlite2pg::parse {

/// Decodes the body of a SQL string literal (the bytes between the outer quotes): each `''` becomes `'`,
/// nothing else is an escape. Replaces `out`.
void unescape_sql_string(std::string_view body, std::string& out);

/// Decodes the hex digits of a blob literal `X'…'` (either case, even count) into bytes. Replaces `out`.
/// False for an odd count or a non-hex character.
bool decode_blob_hex(std::string_view hex, std::string& out);

/// The first byte in [p, end) that is not a hex digit, or `end`. `padded`: byte_vectors::kPadding bytes after
/// `end` may be read (not used).
const char* hex_digits_end(const char* p, const char* end, bool padded = false);

/// Whether `hex` is what decode_blob_hex() accepts: an even count of hex digits. `padded` as for
/// hex_digits_end().
bool is_blob_hex(std::string_view hex, bool padded = false);

/// Decodes an unsigned numeric literal as SQLite's tokenizer reads it — `123`, `1.5`, `.5`, `5.`, `1e5`,
/// `1.0e+20`, `0x1F` — negated when `negative` (a unary minus written before it), into `out`:
/// decimal integers in int64 range (including -9223372036854775808) → INTEGER; decimal integers
/// outside it and all other forms → REAL, correctly rounded, ±Infinity when the exponent overflows and
/// ±0.0 when it underflows; hex → INTEGER (64-bit two's complement). False for anything else and for
/// hex literals SQLite rejects ("hex literal too big").
bool decode_number(std::string_view literal, bool negative, ast::Value& out);

/// The REAL a literal `[-]digits.digits` stands for (decode_number() of its digits, negated after a minus):
/// how sqlite3 writes nearly every real. The fast path locates such literals (ValueRef::Form::Decimal) and
/// reads them here, on the thread that converts them.
double decimal_value(std::string_view signed_decimal);

/// Unary minus on a value as SQLite computes it: INTEGER (−INT64_MIN overflows to REAL), REAL (sign
/// bit flipped, so -0.0 keeps it), NULL stays NULL. False for TEXT and BLOB.
bool negate_value(ast::Value& value);

/// Turns an operand of `||`, replace() or unistr() into text the way SQLite does: INTEGER → its decimal
/// digits; TEXT and NULL unchanged. False for REAL (SQLite's own float formatting would be needed) and BLOB.
bool coerce_to_text(ast::Value& value);

/// `acc || rhs`: NULL if either is NULL, else the text of both. False when an operand cannot be
/// coerced (see coerce_to_text). `rhs` may be modified.
bool concat_values(ast::Value& acc, ast::Value& rhs);

/// `replace(a, b, c)` with SQLite's order of checks: NULL if `a` or `b` is NULL; `a` unchanged (whatever its
/// class) if `b` is empty; NULL if `c` is NULL; otherwise every occurrence of `b` in `a`, left to right and
/// non-overlapping, replaced by `c`. The result goes to `a`; `b`, `c` and `scratch` are clobbered.
/// False if an argument is REAL or BLOB.
bool replace_values(ast::Value& a, ast::Value& b, ast::Value& c, std::string& scratch);

/// Appends the UTF-8 encoding of one `char()` argument: like SQLite, values below 0 or above U+10FFFF
/// become U+FFFD, surrogates are encoded as they are, and 0 gives a NUL byte.
void append_char_code_point(std::int64_t code_point, std::string& out);

/// One `char()` argument added to `out` (a TEXT value being built): INTEGER → its code point; NULL counts
/// as 0 as in SQLite. False for other classes.
bool append_char_argument(const ast::Value& argument, std::string& out);

/// `jsonb(argument)` as SQLite evaluates it for the arguments dumps write: NULL stays NULL, TEXT becomes the
/// JSONB blob of that JSON (parse/jsonb_encode.hpp). False for other classes and for text that is not
/// canonical JSON. `argument` may be modified.
bool jsonb_value(ast::Value& argument, ast::Value& out);

/// Decodes the body of a `unistr('…')` argument (already unescaped from its quotes): `\\` → `\`; `\XXXX`,
/// `\uXXXX` (4 hex), `\+XXXXXX` (6 hex), `\UXXXXXXXX` (8 hex) → the UTF-8 of that code point. A backslash
/// not starting one of these (or naming a code point above U+10FFFF) is kept as a literal backslash,
/// because 3.50–3.51 `--newlines` dumps do not double backslashes. Replaces `out`.
void decode_unistr(std::string_view text, std::string& out);

}  // namespace sqlite2pg::parse
