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
bool type_holds(pg::Type t, pg::NumericTypmod typmod, const ColumnStats& stats);

/// The narrowest type that holds every value summarised by `stats` exactly (postgres-semantics.md §1.4).
pg::Type lossless_type(const ColumnStats& stats);

/// Whether the staged rows of `table` may be written before its last row is read, under the types they give
/// now (chosen, for a table not yet created, or widened): false when a column would then hold numbers that a
/// later widening to text could not spell as they were written (integers as double precision, reals numeric
/// prints otherwise). Such a table's remaining rows are read whole instead, so that its types come from all of
/// them and no value changes.
bool rows_can_flow(const TableInfo& table, PassContext& ctx);

/// A column widened because rows written after its CREATE TABLE do not fit it.
struct LateRetype {
    std::string column;  ///< PostgreSQL name
    pg::Type from;
    pg::NumericTypmod from_typmod;
    pg::Type to;
    pg::NumericTypmod to_typmod;
    std::string collation;  ///< `COLLATE` of the new type, empty for none
    std::string note;    ///< the recorded decision, for the script comment
};

/// For a table already created: gives each column whose type no longer holds its values (its stats include
/// the rows staged since) the type a whole read of those values gives it, records why, and says what to ALTER. `after` says which rows these are ("rows
/// arriving after the table was created (from line 12)"). A widening is exact unless the rows written
/// before held numbers the new type would spell differently (ColumnInfo::written_integers, written_numeric_respelt_reals):
/// then it is recorded as lossy.
std::vector<LateRetype> widen_for_late_rows(TableInfo& table, PassContext& ctx, std::string_view after);

/// A column whose NOT NULL is dropped because rows written after its CREATE TABLE hold NULLs.
struct LateNullable {
    std::string column;  ///< PostgreSQL name
    std::string note;    ///< the recorded decision, for the script comment
};

/// For a table already created: the NOT NULL columns the rows staged since hold NULLs in, each recorded as
/// a constraint left out, as define-tables does when the NULLs come before the CREATE TABLE.
std::vector<LateNullable> drop_not_null_for_late_rows(TableInfo& table, PassContext& ctx, std::string_view after);

}  // namespace sqlite2pg::passes

namespace sqlite2pg::passes {

/// Rows of an rtree's `_rowid` shadow table: which nodes are leaves, and the auxiliary column values.
void collect_rtree_rowids(VirtualTableInfo& vt, const ast::InsertRows& rows, PassContext& ctx, std::uint64_t line);
/// Rows of an rtree's `_node` shadow table: calls `each` with one row of the converted table per leaf cell.
/// Returns false when the tree cannot be read; the table is then left out and reported.
bool decode_rtree_rows(VirtualTableInfo& vt, const ast::InsertRows& rows, PassContext& ctx, std::uint64_t line,
                       const std::function<void(std::span<const ast::Value>)>& each);

}  // namespace sqlite2pg::passes
