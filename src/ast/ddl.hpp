#pragma once
// CREATE statements (https://sqlite.org/lang_createtable.html, lang_createindex.html, lang_createview.html,
// lang_createtrigger.html, lang_createvtab.html), recorded as written.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ast/expr.hpp"
#include "ast/identifier.hpp"
#include "ast/type_name.hpp"

namespace sqlite2pg::ast {

/// `ON CONFLICT ROLLBACK|ABORT|FAIL|IGNORE|REPLACE` on a constraint, or `INSERT OR …` on a statement.
enum class ConflictAction : std::uint8_t { None, Rollback, Abort, Fail, Ignore, Replace };

/// `REFERENCES table [(columns)] [ON DELETE|UPDATE action] [MATCH name] [[NOT] DEFERRABLE [INITIALLY …]]`.
struct ForeignKeyClause {
    enum class Action : std::uint8_t { None, SetNull, SetDefault, Cascade, Restrict, NoAction };
    enum class Deferral : std::uint8_t { None, NotDeferrable, Deferrable, DeferrableInitiallyDeferred,
                                         DeferrableInitiallyImmediate, NotDeferrableInitiallyDeferred,
                                         NotDeferrableInitiallyImmediate };
    Identifier table;
    std::vector<Identifier> columns;
    Action on_delete = Action::None;
    Action on_update = Action::None;
    std::optional<Identifier> match;  ///< `MATCH SIMPLE|FULL|PARTIAL` (parsed, ignored by SQLite)
    Deferral deferral = Deferral::None;
    friend bool operator==(const ForeignKeyClause&, const ForeignKeyClause&) = default;
};

/// `PRIMARY KEY [ASC|DESC] [conflict] [AUTOINCREMENT]` on a column.
struct PrimaryKeyConstraint {
    SortOrder order = SortOrder::None;
    ConflictAction on_conflict = ConflictAction::None;
    bool autoincrement = false;
    friend bool operator==(const PrimaryKeyConstraint&, const PrimaryKeyConstraint&) = default;
};
/// `NOT NULL [conflict]`.
struct NotNullConstraint {
    ConflictAction on_conflict = ConflictAction::None;
    friend bool operator==(const NotNullConstraint&, const NotNullConstraint&) = default;
};
/// `NULL [conflict]` (accepted by SQLite, means nothing).
struct NullConstraint {
    ConflictAction on_conflict = ConflictAction::None;
    friend bool operator==(const NullConstraint&, const NullConstraint&) = default;
};
/// `UNIQUE [conflict]`.
struct UniqueConstraint {
    ConflictAction on_conflict = ConflictAction::None;
    friend bool operator==(const UniqueConstraint&, const UniqueConstraint&) = default;
};
/// `CHECK (expr)`.
struct CheckConstraint {
    ExprPtr expr;
    friend bool operator==(const CheckConstraint&, const CheckConstraint&) = default;
};
/// `DEFAULT literal`, `DEFAULT -5`, `DEFAULT (expr)`, `DEFAULT name` (a bare word is a string in SQLite).
struct DefaultConstraint {
    ExprPtr expr;
    bool parenthesized = false;
    friend bool operator==(const DefaultConstraint&, const DefaultConstraint&) = default;
};
/// `COLLATE name`.
struct CollateConstraint {
    Identifier collation;
    friend bool operator==(const CollateConstraint&, const CollateConstraint&) = default;
};
/// `REFERENCES …` on a column.
struct ReferencesConstraint {
    ForeignKeyClause clause;
    friend bool operator==(const ReferencesConstraint&, const ReferencesConstraint&) = default;
};
/// `[GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]`; VIRTUAL is the default.
struct GeneratedConstraint {
    ExprPtr expr;
    bool stored = false;
    friend bool operator==(const GeneratedConstraint&, const GeneratedConstraint&) = default;
};

/// One column constraint, optionally named with `CONSTRAINT name`.
struct ColumnConstraint {
    using Kind = std::variant<PrimaryKeyConstraint, NotNullConstraint, NullConstraint, UniqueConstraint,
                              CheckConstraint, DefaultConstraint, CollateConstraint, ReferencesConstraint,
                              GeneratedConstraint>;
    std::optional<Identifier> name;
    Kind kind;
    SourceLoc loc;
    friend bool operator==(const ColumnConstraint& a, const ColumnConstraint& b) {
        return a.name == b.name && a.kind == b.kind;
    }
};

/// `name [type] [constraints]`.
struct ColumnDef {
    Identifier name;
    std::optional<TypeName> type;
    std::vector<ColumnConstraint> constraints;
    friend bool operator==(const ColumnDef&, const ColumnDef&) = default;
};

/// A key or index column: a column name or (in indexes) an expression, with `COLLATE` and order.
/// `expr` is a ColumnRef for plain columns.
struct IndexedColumn {
    ExprPtr expr;
    std::optional<Identifier> collation;
    SortOrder order = SortOrder::None;
    friend bool operator==(const IndexedColumn&, const IndexedColumn&) = default;
};

/// `PRIMARY KEY (cols) [conflict]` — the column may carry `AUTOINCREMENT` in this form too.
struct TablePrimaryKey {
    std::vector<IndexedColumn> columns;
    bool autoincrement = false;
    ConflictAction on_conflict = ConflictAction::None;
    friend bool operator==(const TablePrimaryKey&, const TablePrimaryKey&) = default;
};
/// `UNIQUE (cols) [conflict]`.
struct TableUnique {
    std::vector<IndexedColumn> columns;
    ConflictAction on_conflict = ConflictAction::None;
    friend bool operator==(const TableUnique&, const TableUnique&) = default;
};
/// `CHECK (expr) [conflict]`.
struct TableCheck {
    ExprPtr expr;
    friend bool operator==(const TableCheck&, const TableCheck&) = default;
};
/// `FOREIGN KEY (cols) REFERENCES …`.
struct TableForeignKey {
    std::vector<Identifier> columns;
    ForeignKeyClause clause;
    friend bool operator==(const TableForeignKey&, const TableForeignKey&) = default;
};

/// One table constraint, optionally named.
struct TableConstraint {
    using Kind = std::variant<TablePrimaryKey, TableUnique, TableCheck, TableForeignKey>;
    std::optional<Identifier> name;
    Kind kind;
    SourceLoc loc;
    friend bool operator==(const TableConstraint& a, const TableConstraint& b) {
        return a.name == b.name && a.kind == b.kind;
    }
};

/// `CREATE [TEMP] TABLE [IF NOT EXISTS] name (columns, constraints) [WITHOUT ROWID] [STRICT]`
/// or `CREATE TABLE name AS select`.
struct CreateTable {
    bool temporary = false;
    bool if_not_exists = false;
    QualifiedName name;
    std::vector<ColumnDef> columns;
    std::vector<TableConstraint> constraints;
    bool without_rowid = false;
    bool strict = false;
    SelectPtr as_select;
    friend bool operator==(const CreateTable&, const CreateTable&) = default;
};

/// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (columns) [WHERE expr]`.
struct CreateIndex {
    bool unique = false;
    bool if_not_exists = false;
    QualifiedName name;
    Identifier table;
    std::vector<IndexedColumn> columns;
    ExprPtr where;
    friend bool operator==(const CreateIndex&, const CreateIndex&) = default;
};

/// `CREATE [TEMP] VIEW [IF NOT EXISTS] name [(columns)] AS select`.
struct CreateView {
    bool temporary = false;
    bool if_not_exists = false;
    QualifiedName name;
    std::vector<Identifier> columns;
    SelectPtr select;
    friend bool operator==(const CreateView&, const CreateView&) = default;
};

/// `CREATE VIRTUAL TABLE [IF NOT EXISTS] name USING module [(args)]`. Module arguments are free-form
/// text in SQLite; each is kept as its exact source text, trimmed.
struct CreateVirtualTable {
    bool if_not_exists = false;
    QualifiedName name;
    Identifier module;
    std::vector<std::string> args;
    friend bool operator==(const CreateVirtualTable&, const CreateVirtualTable&) = default;
};

}  // namespace sqlite2pg::ast
