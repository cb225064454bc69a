#pragma once
// How a SQLite value is written for the PostgreSQL column type the passes chose. The type was chosen so
// that the value fits it exactly; this only spells it (postgres-semantics.md §7.2, §7.3, §3).
#include <cstdint>
#include <string>
#include <string_view>

#include "ast/value.hpp"
#include "core/real_digits.hpp"
#include "pg/types.hpp"

namespace sqlite2pg::emit {

/// Appends `v` as one field of a COPY text-format line: `\N` for NULL, `\\`, `\t`, `\n`, `\r` escaped,
/// bytea as `\\x…`, booleans `1`/`0` (which boolean reads), reals as write_real_number() spells them in numeric and double precision
/// columns and as append_real_text() does in any other.
void append_copy_field(std::string& out, const ast::Value& v, pg::Type type);

/// Appends `v` as an SQL literal for INSERT (standard_conforming_strings on: backslashes are literal).
void append_sql_literal(std::string& out, const ast::Value& v, pg::Type type);

/// Appends `'text'` with `'` doubled.
void append_quoted_string(std::string& out, std::string_view text);

/// Appends the decimal digits of `i`.
void append_integer(std::string& out, std::int64_t i);

/// Appends a REAL as a text column holds it: as PostgreSQL's float8 output prints it (the shortest digits that
/// read back exactly, with an exponent below 1e-4 and from 1e15 on), keeping a `.0` so that it does not read as
/// an integer (`3.0`, `0.1`, `0.0001`, `1e-05`, `1.5e+15`, `Infinity`). A double precision column widened to
/// text later (pg::retype_using) therefore reads exactly as if its reals had been written as text.
void append_real_text(std::string& out, double d);

/// Writes a REAL as numeric and double precision columns are given it into `out`, which has room for
/// kRealSpellingRoom bytes: the shortest form that reads back exactly (a large integral one with all its digits, so that numeric
/// holds its exact value), keeping a `.0` (`3.0`, `0.1`, `1e-05`, `9223372036854775808.0`, `Infinity`).
/// Returns the end of what was written.
char* write_real_number(char* out, double d);
/// Bytes write_real_number(), write_real_digits() and write_literal_cut() may store into from `out`: a
/// spelling is at most 32 of them, and the rest lets the digits move sixteen bytes at a time.
inline constexpr std::size_t kRealSpellingRoom = 48;
/// The same for the real whose shortest digits are `digits` (negative when `negative`), as
/// real_digits::decimal_digits() gives them: what write_real_number() writes for that real.
char* write_real_digits(char* out, bool negative, const real_digits::DecimalDigits& digits);
/// The same for the real of a literal whose shortest spelling real_digits::literal_shortest() found in its
/// text (`cut`, with a length): `digits` is the literal after its sign, with byte_vectors::kPadding bytes
/// after it that may be read. Writes what write_real_digits() writes, copied from the text.
char* write_literal_cut(char* out, bool negative, const char* digits, real_digits::LiteralCut cut);

/// Appends `bytes` as COPY text-format field content: `\\`, `\t`, `\n`, `\r` escaped, every other byte raw.
void append_copy_text(std::string& out, std::string_view bytes);
/// What write_copy_text() wrote.
struct CopyText {
    char* end;         ///< the end of what was written
    bool plain_ascii;  ///< every byte was ASCII other than NUL: the text is certainly valid PostgreSQL text
};
/// Bytes past what it writes that write_copy_text() may store into: it moves sixteen bytes at a time.
inline constexpr std::size_t kCopyTextSlack = 16;
/// The same into `out`, which has room for 2 × bytes.size() + kCopyTextSlack. `padded`: byte_vectors::kPadding
/// bytes after `bytes` may be read (not used), which spares the careful loading of its last bytes.
CopyText write_copy_text(char* out, std::string_view bytes, bool padded = false);
/// The bytes COPY text-format field content written by append_copy_text() stands for (its escapes undone).
/// Replaces `out`.
void decode_copy_text(std::string_view text, std::string& out);

/// Appends `bytes` as lower-case hex digits.
void append_hex(std::string& out, std::string_view bytes);

/// The column type whose COPY spelling of a value of class `storage` is the value's own: bigint for INTEGER,
/// double precision for REAL, text for TEXT, bytea for BLOB (any type for NULL).
pg::Type natural_copy_type(ast::StorageClass storage);

/// Whether append_copy_field() spells every value of class `storage` for a column of `type` exactly as for
/// natural_copy_type(storage): then rows formatted before the column's type was chosen need no change.
bool copy_spelling_is_natural(pg::Type type, ast::StorageClass storage);

}  // namespace sqlite2pg::emit
