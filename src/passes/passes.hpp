#pragma once
// Every pass, and the ordered list the conversion runs them in (pipeline.cpp).
#include <functional>
#include <span>

#include "passes/pass.hpp"

namespace sqlite2pg::passes {

extern const Pass kDropSqliteInternals;
extern const Pass kRecordSchema;
extern const Pass kNameTables;
extern const Pass kRowidAliases;
extern const Pass kChooseColumnTypes;
extern const Pass kDefineTables;
extern const Pass kKeys;
extern const Pass kIndexes;
extern const Pass kForeignKeys;
extern const Pass kCheckConstraints;
extern const Pass kViews;
extern const Pass kTriggers;
extern const Pass kVirtualTables;
extern const Pass kVirtualTableObjects;

/// All passes in the order they run at each hook.
std::span<const Pass* const> ordered_passes();

}  // namespace sqlite2pg::passes

namespace sqlite2pg::passes {

/// Whether every value summarised by `stats` is held exactly by a column of type `t` (used by the type
/// choice and to check rows that arrive after their table was printed).
bool type_holds(pg::Type t, const ColumnStats& stats);

}  // namespace sqlite2pg::passes

namespace sqlite2pg::passes {

/// Rows of an rtree's `_rowid` shadow table: which nodes are leaves, and the auxiliary column values.
void collect_rtree_rowids(VirtualTableInfo& vt, const ast::InsertRows& rows, PassContext& ctx, std::uint64_t line);
/// Rows of an rtree's `_node` shadow table: calls `each` with one row of the converted table per leaf cell.
/// Returns false when the tree cannot be read; the table is then left out and reported.
bool decode_rtree_rows(VirtualTableInfo& vt, const ast::InsertRows& rows, PassContext& ctx, std::uint64_t line,
                       const std::function<void(std::span<const ast::Value>)>& each);

}  // namespace sqlite2pg::passes
