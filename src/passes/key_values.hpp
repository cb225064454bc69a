#pragma once
// What the values of a key or index column demand of its PostgreSQL form, shared by the keys and indexes
// passes: whether they fit a B-tree entry (postgres-semantics.md §3.8) and whether values SQLite keeps apart
// may collide once the column has a single PostgreSQL type (§5.4).
#include <cstddef>

#include "ast/expr.hpp"
#include "passes/catalog.hpp"

namespace sqlite2pg::passes {

/// PostgreSQL's largest B-tree entry (a third of a page), header included.
constexpr std::size_t kBtreeEntryLimit = 2704;
/// Columns longer than an MD5 digest in hex are replaced by their digest in a composite key over long values.
constexpr std::size_t kDigestBytes = 32;

/// The largest B-tree entry an index over `columns` can need, by their statistics (conservatively: every
/// value is assumed incompressible and every column at its longest at once).
std::size_t btree_entry_bytes(const std::vector<const ColumnInfo*>& columns);

/// Whether two values SQLite keeps apart may become equal once the column has its one PostgreSQL type:
/// `1`, `'1'` and `X'31'` are three values in SQLite, but one as text or bytea. Integers and reals compare
/// by value in both systems, so they alone cannot collide.
bool may_collide_after_unification(const ColumnInfo& col);

/// A reference to `col` by its PostgreSQL name.
ast::ExprPtr column_ref(const ColumnInfo& col);

/// `md5(e)`.
ast::ExprPtr md5_of(ast::ExprPtr e);

}  // namespace sqlite2pg::passes
