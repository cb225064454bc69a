#pragma once
// What the translator knows about a SQLite value at translation time: its storage class (when every value
// an expression can produce has the same one), the affinity SQLite applies to it in comparisons (only
// column references and CASTs have one) and its collation. PostgreSQL is statically typed; a SQLite
// expression is translated only when these facts make its PostgreSQL form give the same results.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ast/type_name.hpp"

namespace sqlite2pg::passes {

/// The storage class every value of an expression has (besides NULL). `Bool` is a comparison result:
/// SQLite's integer 0/1, held in PostgreSQL as a boolean until it is used as a value. `Number` is an
/// integer or a real (NUMERIC affinity), held in PostgreSQL as numeric or double precision: equal values,
/// but division and text conversion depend on which one SQLite holds, so those are refused.
enum class SqlType : std::uint8_t { Unknown, Null, Integer, Real, Number, Text, Blob, Bool };

/// Collations SQLite knows; NOCASE folds ASCII letters only, RTRIM ignores trailing spaces.
enum class SqlCollation : std::uint8_t { Binary, NoCase, RTrim };

/// The type facts of one expression.
struct Typed {
    SqlType type = SqlType::Unknown;
    std::optional<ast::Affinity> affinity;  ///< column references and CASTs only (SQLite datatype3 §4.2)
    SqlCollation collation = SqlCollation::Binary;
    bool explicit_collation = false;        ///< a COLLATE operator, which wins over a column's collation
    /// Text that never looks like a number (a non-numeric string literal, a date() result): NUMERIC affinity
    /// leaves it text, so it compares and stores the same way in both systems.
    bool never_numeric = false;
};

/// One column of a relation a query reads (table, view, subquery, CTE, NEW/OLD): its PostgreSQL name
/// and what its values are.
struct RelationColumn {
    std::string name;  ///< PostgreSQL name
    Typed type;
    bool rowid_alias = false;  ///< INTEGER PRIMARY KEY of a rowid table: what `rowid` means
};

}  // namespace sqlite2pg::passes
