#pragma once
// Every statement kind a dump can hold. One Statement is one `;`-terminated statement of the input.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ast/ddl.hpp"
#include "ast/dml.hpp"
#include "ast/expr.hpp"
#include "core/source_location.hpp"

namespace sqlite2pg::ast {

/// One statement of a trigger body.
using TriggerStep = std::variant<Insert, Update, Delete, Select>;

/// `CREATE [TEMP] TRIGGER [IF NOT EXISTS] name [BEFORE|AFTER|INSTEAD OF] DELETE|INSERT|UPDATE [OF cols]
///  ON table [FOR EACH ROW] [WHEN expr] BEGIN step; … END`.
struct CreateTrigger {
    enum class Timing : std::uint8_t { None, Before, After, InsteadOf };
    enum class Event : std::uint8_t { Delete, Insert, Update };
    bool temporary = false;
    bool if_not_exists = false;
    QualifiedName name;
    Timing timing = Timing::None;
    Event event = Event::Insert;
    std::vector<Identifier> update_columns;  ///< `UPDATE OF a, b`
    QualifiedName table;
    bool for_each_row = false;
    ExprPtr when;
    std::vector<TriggerStep> body;
    friend bool operator==(const CreateTrigger&, const CreateTrigger&) = default;
};

/// `PRAGMA [schema.]name [= value | (value)]`; the value is kept as its source text.
struct Pragma {
    QualifiedName name;
    std::optional<std::string> value;
    friend bool operator==(const Pragma&, const Pragma&) = default;
};

/// `BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION]`, `COMMIT`/`END [TRANSACTION]`, `ROLLBACK [TRANSACTION]`.
struct Transaction {
    enum class Kind : std::uint8_t { Begin, Commit, Rollback };
    Kind kind = Kind::Begin;
    friend bool operator==(const Transaction&, const Transaction&) = default;
};

/// `ANALYZE [schema | table | schema.table]`.
struct Analyze {
    std::optional<QualifiedName> target;
    friend bool operator==(const Analyze&, const Analyze&) = default;
};

/// `DROP TABLE|INDEX|VIEW|TRIGGER [IF EXISTS] name`.
struct Drop {
    enum class Kind : std::uint8_t { Table, Index, View, Trigger };
    Kind kind = Kind::Table;
    bool if_exists = false;
    QualifiedName name;
    friend bool operator==(const Drop&, const Drop&) = default;
};

/// One statement of the dump, with where it starts. Equality ignores the location.
struct Statement {
    using Node = std::variant<CreateTable, CreateIndex, CreateView, CreateTrigger, CreateVirtualTable, InsertRows,
                              Insert, Update, Delete, Select, Pragma, Transaction, Analyze, Drop>;
    Node node;
    SourceLoc loc;

    friend bool operator==(const Statement& a, const Statement& b) { return a.node == b.node; }
};

}  // namespace sqlite2pg::ast
