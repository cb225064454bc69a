#pragma once
// SQLite's collating sequences in PostgreSQL (postgres-semantics.md §5.5).
//
// BINARY compares bytes, which is PostgreSQL's "C" collation: text columns are declared COLLATE "C".
// NOCASE folds ASCII letters only; lower(x COLLATE "C") folds exactly those, so a NOCASE key or comparison
// becomes one on lower(x COLLATE "C") ('Bob' = 'bob', but 'Émile' <> 'émile', as in SQLite).
// RTRIM ignores trailing spaces (0x20 only): rtrim(x, ' ').
// Any other collation (Android's LOCALIZED, UNICODE, an application's own) has no known meaning here: it is
// dropped and reported by the pass that meets it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ast/ddl.hpp"
#include "passes/catalog.hpp"

namespace sqlite2pg::passes {

/// The collating sequences SQLite has built in, and the rest.
enum class CollationKind : std::uint8_t { Binary, NoCase, RTrim, Other };

/// The kind of the collation named `name` (ASCII case-insensitive, as SQLite looks them up).
CollationKind collation_kind(std::string_view name);

/// The collation `col` declares with COLLATE, or nullptr (BINARY).
const ast::Identifier* declared_collation(const ColumnInfo& col);

/// The collation SQLite uses for a key or index column: the one written beside it, otherwise (for a bare
/// column) the column's own, otherwise BINARY. `named` receives the collation's name when there is one.
CollationKind key_collation(const ast::IndexedColumn& key, const TableInfo& table, std::string* named = nullptr);

/// `e` (already renamed, of PostgreSQL type text) as the value a B-tree must compare to behave like SQLite
/// under `kind`: lower(e COLLATE "C") for NOCASE, rtrim(e, ' ') for RTRIM, `e` itself otherwise.
ast::ExprPtr collation_key(ast::ExprPtr e, CollationKind kind);

/// Whether `e` (already renamed) is of PostgreSQL type text in `table`: a text column or a string literal.
bool is_text_operand(const ast::Expr& e, const TableInfo& table);

}  // namespace sqlite2pg::passes
