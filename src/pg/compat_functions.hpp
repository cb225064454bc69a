#pragma once
// The sqlite_compat schema (--compat-functions): PL/pgSQL functions with SQLite's exact semantics for what
// PostgreSQL has no exact built-in form of — substr() with negative or computed positions, CAST of text to
// INTEGER/REAL (longest numeric prefix), and the date and time functions with SQLite's input formats,
// modifiers ('+1 month' overflowing into the next month, 'start of …', 'weekday N', 'unixepoch',
// 'localtime') and strftime() conversions. The translator calls them as sqlite_compat.NAME(…).
#include <string_view>

namespace sqlite2pg::pg {

/// The schema that holds the functions.
inline constexpr std::string_view kCompatSchema = "sqlite_compat";

/// The SQL that creates the schema and its functions (idempotent: CREATE SCHEMA IF NOT EXISTS, CREATE OR
/// REPLACE FUNCTION).
std::string_view compat_functions_sql();

}  // namespace sqlite2pg::pg
