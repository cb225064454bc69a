#pragma once
// INSERT, UPDATE, DELETE (https://sqlite.org/lang_insert.html, lang_update.html, lang_delete.html), plus
// InsertRows: the decoded form of the dump's `INSERT INTO t VALUES(…)` rows that both parse paths produce.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "ast/ddl.hpp"
#include "ast/expr.hpp"
#include "ast/identifier.hpp"
#include "ast/value.hpp"

namespace sqlite2pg::ast {

/// `RETURNING expr [AS alias], …`.
using ReturningClause = std::vector<ResultColumn>;

/// `ON CONFLICT [(target) [WHERE …]] DO NOTHING | DO UPDATE SET … [WHERE …]`.
struct UpsertClause {
    struct Assignment {
        std::vector<Identifier> columns;  ///< one column, or `(a, b) = …`
        ExprPtr value;
        friend bool operator==(const Assignment&, const Assignment&) = default;
    };
    std::vector<IndexedColumn> target;
    ExprPtr target_where;
    bool do_nothing = true;
    std::vector<Assignment> set;
    ExprPtr where;
    friend bool operator==(const UpsertClause&, const UpsertClause&) = default;
};

/// `[WITH …] INSERT [OR action] | REPLACE INTO [schema.]table [AS alias] [(columns)]
///  VALUES … | select | DEFAULT VALUES [upsert] [RETURNING …]`.
struct Insert {
    std::optional<WithClause> with;
    bool replace_keyword = false;  ///< written `REPLACE INTO`
    ConflictAction or_action = ConflictAction::None;
    QualifiedName table;
    std::optional<Identifier> alias;
    std::vector<Identifier> columns;
    std::vector<std::vector<ExprPtr>> values;  ///< VALUES rows
    SelectPtr select;                          ///< INSERT … SELECT (VALUES is not recorded here)
    bool default_values = false;
    std::vector<UpsertClause> upserts;
    ReturningClause returning;
    friend bool operator==(const Insert&, const Insert&) = default;
};

/// `[WITH …] UPDATE [OR action] table [AS alias] SET … [FROM …] [WHERE …] [RETURNING …]`.
struct Update {
    std::optional<WithClause> with;
    ConflictAction or_action = ConflictAction::None;
    QualifiedName table;
    std::optional<Identifier> alias;
    std::vector<UpsertClause::Assignment> set;
    std::optional<JoinClause> from;
    ExprPtr where;
    ReturningClause returning;
    std::vector<OrderingTerm> order_by;
    ExprPtr limit;
    ExprPtr offset;
    friend bool operator==(const Update&, const Update&) = default;
};

/// `[WITH …] DELETE FROM table [AS alias] [WHERE …] [RETURNING …]`.
struct Delete {
    std::optional<WithClause> with;
    QualifiedName table;
    std::optional<Identifier> alias;
    ExprPtr where;
    ReturningClause returning;
    std::vector<OrderingTerm> order_by;
    ExprPtr limit;
    ExprPtr offset;
    friend bool operator==(const Delete&, const Delete&) = default;
};

/// Rows of a dump-shaped INSERT, decoded to values: `INSERT INTO t [(cols)] VALUES (v, …)[, (…)]`
/// where every value is one of the literal forms `.dump` writes (see parse/dump_values.hpp). Values
/// are stored row after row in `values`; every row has `row_width` values.
struct InsertRows {
    Identifier table;
    std::vector<Identifier> columns;
    std::size_t row_width = 0;
    std::vector<Value> values;

    std::size_t row_count() const { return row_width == 0 ? 0 : values.size() / row_width; }
    friend bool operator==(const InsertRows&, const InsertRows&) = default;
};

}  // namespace sqlite2pg::ast
