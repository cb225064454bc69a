#pragma once
// The schema-sized state of a conversion: every table, its columns, what the data showed and what the
// passes decided, plus the objects (indexes, views, triggers) that are created after the data.
// It grows with the schema, never with the rows.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ast/statement.hpp"
#include "passes/column_stats.hpp"
#include "passes/translate/sqlite_type.hpp"
#include "pg/script.hpp"
#include "pg/types.hpp"

namespace sqlite2pg::passes {

/// One column of a SQLite table and what became of it.
struct ColumnInfo {
    ast::ColumnDef def;            ///< as written
    std::string pg_name;           ///< final PostgreSQL name (unquoted)
    std::string declared_type;     ///< the declared type text, empty if none
    bool generated = false;        ///< GENERATED / AS (…): no values in the dump
    bool rowid_alias = false;      ///< INTEGER PRIMARY KEY of a rowid table: becomes an identity column
    pg::Type pg_type = pg::Type::Text;
    pg::NumericTypmod pg_typmod;   ///< numeric(p,s) when the declared precision holds every value
    ColumnStats stats;
    pg::Notes notes;               ///< decisions about the column made before its definition is built
    /// Integers among the rows already written, and reals numeric does not print as they are written
    /// (ColumnStats::reals_numeric_respells): loaded as double precision or numeric, those cannot be given
    /// their text back when the column is widened to text.
    std::uint64_t written_integers = 0, written_numeric_respelt_reals = 0;
};

/// A statement kept for after the data (index, view, trigger) with its source text for comments.
struct DeferredObject {
    ast::Statement statement;
    std::string source_text;
    std::string sqlite_name;  ///< the object's name as SQLite spells it (name-tables renames the statement's)
};

/// One SQLite table.
struct TableInfo {
    ast::CreateTable def;
    std::string source_text;       ///< the CREATE TABLE as written, for comments
    std::string sqlite_name;
    std::string pg_name;
    std::uint64_t line = 0;
    std::vector<ColumnInfo> columns;
    /// Indexes into `columns` of the columns the dump's VALUES lists hold, in order (generated columns are
    /// absent from a dump's INSERTs).
    std::vector<std::size_t> loaded_columns;
    bool autoincrement = false;
    std::optional<std::int64_t> sqlite_sequence;  ///< from `INSERT INTO sqlite_sequence`
    bool skipped = false;           ///< not converted (e.g. a virtual table's shadow table); rows are dropped
    bool created = false;           ///< its CREATE TABLE has been written
    std::uint64_t rows = 0;
    pg::Table pg;                   ///< decided when its rows end

    /// The column named `name` (ASCII case-insensitive), or nullptr.
    ColumnInfo* find_column(std::string_view name);
    const ColumnInfo* rowid_alias() const;
    ColumnInfo* rowid_alias();
};

/// A virtual table, declared in a dump through `INSERT INTO sqlite_schema(…) VALUES('table', …)` (or, in
/// hand-written dumps, CREATE VIRTUAL TABLE), and what the virtual-tables pass made of it.
struct VirtualTableInfo {
    /// How its data arrives in PostgreSQL.
    enum class Kind : std::uint8_t {
        LeftOut,         ///< not converted (other modules, contentless FTS, unreadable declarations)
        FullText,        ///< FTS3/4/5 holding its own text: a table filled from the `_content` shadow table
        ExternalContent, ///< FTS whose text lives in another table: that table gets the full-text index
        Rtree,           ///< rtree / rtree_i32: a table filled from the decoded `_node` blobs
    };
    std::string name;
    std::string module;               ///< lower case
    std::string sql;
    std::uint64_t line = 0;
    std::vector<std::string> args;    ///< module arguments as written
    Kind kind = Kind::LeftOut;
    std::string table_name;           ///< the table its rows go to (FullText, Rtree) or hold its text (ExternalContent)
    /// FullText/ExternalContent: the declared columns, and whether each goes into the full-text index.
    std::vector<std::string> columns;
    std::vector<bool> indexed;
    std::string text_search_config;   ///< `simple`, or `english` for the porter stemmer
    /// Rtree: dimensions, coordinate kind and auxiliary (`+name`) column count.
    std::size_t dimensions = 0;
    bool int32_coordinates = false;
    std::size_t aux_columns = 0;
    /// Rtree: the nodes that hold rows (from `_rowid`), rows counted in `_rowid`, cells decoded so far, and
    /// the auxiliary values by id (bounded by kRtreeAuxLimit bytes).
    std::set<std::int64_t> leaf_nodes;
    bool rowid_first = false;  ///< `_rowid` was defined before `_node` (SQLite ≥ 3.24); older ones write `_node` first
    bool node_defined = false;
    bool decoded_root = false;  ///< node 1 has been decoded (when `_node` comes first)
    std::uint64_t rowid_rows = 0;
    std::uint64_t decoded_cells = 0;
    std::map<std::int64_t, std::vector<ast::Value>> aux_values;
    std::size_t aux_bytes = 0;
};

/// What the rows of a shadow table of a virtual table are used for.
enum class ShadowRole : std::uint8_t {
    Ignored,     ///< SQLite's private index data: dropped
    Content,     ///< FTS `_content`: the rows of the converted table, column for column
    RtreeRowid,  ///< rtree `_rowid`: which nodes hold rows, and the auxiliary column values
    RtreeNode,   ///< rtree `_node`: the coordinates
};

/// A shadow table and the virtual table (index into Catalog::virtual_tables) it belongs to.
struct ShadowTable {
    ShadowRole role = ShadowRole::Ignored;
    std::size_t virtual_table = 0;
};

/// All tables and deferred objects, looked up by name the way SQLite does (ASCII case-insensitive).
class Catalog {
public:
    TableInfo& add_table(TableInfo table);
    TableInfo* find_table(std::string_view sqlite_name);
    const std::vector<std::unique_ptr<TableInfo>>& tables() const { return tables_; }

    std::vector<DeferredObject> indexes;
    std::vector<DeferredObject> views;
    std::vector<DeferredObject> triggers;
    /// The columns of each view created so far, by PostgreSQL name (filled by the views pass).
    std::map<std::string, std::vector<RelationColumn>> view_columns;
    std::vector<VirtualTableInfo> virtual_tables;
    /// Shadow tables by folded name; their CREATE TABLE is not filed as a table.
    std::map<std::string, ShadowTable> shadow_tables;
    /// The shadow table named `sqlite_name` (ASCII case-insensitive), or nullptr.
    const ShadowTable* find_shadow(std::string_view sqlite_name) const;
    /// `sqlite_sequence` rows seen before their table (they normally come after every table).
    std::map<std::string, std::int64_t> pending_sequences;
    /// Tables (or "the schema") after which sqlite3 wrote an error comment: their rows may be incomplete.
    std::vector<std::string> damaged_tables;

private:
    std::vector<std::unique_ptr<TableInfo>> tables_;
    std::map<std::string, std::size_t> by_folded_name_;
};

/// SQLite's name comparison key: ASCII letters folded to lower case, other bytes unchanged.
std::string sqlite_name_key(std::string_view name);

}  // namespace sqlite2pg::passes
