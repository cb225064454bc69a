#pragma once
// Spelling names for PostgreSQL: quoting, case folding and the 63-byte limit (postgres-semantics.md §4).
#include <cstddef>
#include <string>
#include <string_view>

namespace sqlite2pg::pg {

/// PostgreSQL keeps at most NAMEDATALEN - 1 = 63 bytes of a name and silently truncates the rest.
constexpr std::size_t kMaxIdentifierBytes = 63;

/// `name` as PostgreSQL source text, by pg_dump's rule (quote_identifier): bare if it matches
/// [a-z_][a-z0-9_]* and is not a key word other than an unreserved one; otherwise in double quotes with
/// inner double quotes doubled. The empty name comes out as `""`, which PostgreSQL rejects: callers must
/// rename empty names first.
std::string quote_ident(std::string_view name);

/// Whether `name` (folded) is one of the system columns every PostgreSQL table has (`ctid`, `xmin`, …):
/// a user column of that name is rejected ("column name … conflicts with a system column name").
bool is_system_column(std::string_view name);

/// `text` with ASCII A–Z mapped to a–z; every other byte (including all of multi-byte UTF-8) untouched,
/// matching SQLite's ASCII-only case-insensitivity.
std::string fold_ascii_lower(std::string_view text);

/// `name` unchanged if it has at most kMaxIdentifierBytes bytes; otherwise its first ≤ 54 bytes, cut on a
/// UTF-8 character boundary, then `_` and 8 lowercase hex digits of the FNV-1a hash of the whole name.
/// Deterministic, and two long names that share a prefix get different results (unless their hashes
/// collide: callers still check uniqueness).
std::string shorten_identifier(std::string_view name);

}  // namespace sqlite2pg::pg
