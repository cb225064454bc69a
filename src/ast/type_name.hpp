#pragma once
// Declared column types, kept as written (https://sqlite.org/datatype3.html §3.1).
#include <cstdint>
#include <string>
#include <vector>

namespace sqlite2pg::ast {

/// SQLite's column affinities, decided from the declared type name by five substring rules.
enum class Affinity : std::uint8_t { Integer, Text, Blob, Real, Numeric };

/// `VARCHAR(20)`, `UNSIGNED BIG INT`, `DECIMAL(5,2)`, `'MONEY'`: the words joined by single spaces, with
/// their original case, plus the parenthesised arguments as written (signed numbers).
struct TypeName {
    std::string name;
    std::vector<std::string> args;

    friend bool operator==(const TypeName&, const TypeName&) = default;
};

/// The affinity SQLite gives a column declared with `type_name` (empty = no declared type → BLOB).
Affinity affinity_of(const std::string& type_name);

}  // namespace sqlite2pg::ast
