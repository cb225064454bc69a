#pragma once
// How a SQLite value is written for the PostgreSQL column type the passes chose. The type was chosen so
// that the value fits it exactly; this only spells it (postgres-semantics.md §7.2, §7.3, §3).
#include <string>

#include "ast/value.hpp"
#include "pg/types.hpp"

namespace sqlite2pg::emit {

/// Appends `v` as one field of a COPY text-format line: `\N` for NULL, `\\`, `\t`, `\n`, `\r` escaped,
/// bytea as `\\x…`, booleans `t`/`f`, reals in their shortest round-trip form or `Infinity`.
void append_copy_field(std::string& out, const ast::Value& v, pg::Type type);

/// Appends `v` as an SQL literal for INSERT (standard_conforming_strings on: backslashes are literal).
void append_sql_literal(std::string& out, const ast::Value& v, pg::Type type);

/// Appends the shortest decimal form that reads back as exactly `d` (`0.1`, `1e+20`), or `Infinity`,
/// `-Infinity`, `NaN`.
void append_real(std::string& out, double d);

/// Appends `'text'` with `'` doubled.
void append_quoted_string(std::string& out, std::string_view text);

}  // namespace sqlite2pg::emit
