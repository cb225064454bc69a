#pragma once
// The two ways a dump-shaped INSERT becomes rows of values: a hand-written scanner for the statement text
// (the hot path: almost every byte of a dump is in such statements) and a folder over the INSERT the full
// parser produced, for statements the scanner declined. Both decode values with parse/dump_values.hpp.
#include <optional>
#include <string_view>

#include "ast/dml.hpp"

namespace sqlite2pg::parse {

/// Decodes a dump-shaped INSERT — `INSERT INTO name [(col, …)] VALUES (v, …)[, (v, …)]…[;]` where name/cols are
/// bare or quoted in any of SQLite's four styles ("x" with "" escape, [x], `x` with `` escape, 'x') and every v is
/// one of the dump's value forms — into `out`, reusing its storage (out.values' strings keep their capacity across calls: no
/// allocation in the steady state). Whitespace/comments between tokens are allowed as SQLite allows them.
/// Returns false (out unspecified) for anything else; the caller then uses the full parser. Never throws for valid SQL
/// of another shape, never emits diagnostics, never guesses.
bool parse_dump_insert(std::string_view statement, ast::InsertRows& out);

/// The same decoding applied to an INSERT the full parser produced (`ast::Insert` with `values` rows of expressions):
/// std::nullopt unless it is a plain `INSERT INTO t [(cols)] VALUES …` (no OR/REPLACE, schema, alias, upsert,
/// returning, WITH) whose every value folds to a constant by the rules of parse/dump_values.hpp, plus what only a
/// parser sees: parentheses, unary `+`, hex integers, `CAST(x AS <TEXT affinity>)` and the bare word `Inf` (a
/// ColumnRef) as +Infinity.
std::optional<ast::InsertRows> fold_dump_insert(const ast::Insert& insert);

}  // namespace sqlite2pg::parse
