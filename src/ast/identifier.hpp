#pragma once
// Names as written in the dump. SQLite accepts four quoting styles plus bare words.
#include <cstdint>
#include <optional>
#include <string>

#include "core/source_location.hpp"

namespace sqlite2pg::ast {

/// How a name was written: `x`, `"x"`, `` `x` ``, `[x]`, or `'x'` (SQLite takes a string literal where a
/// name is expected). Kept so that passes can tell a double-quoted string literal (`DEFAULT "dq"`) from a name.
enum class QuoteStyle : std::uint8_t { None, Double, Backtick, Bracket, Single };

/// A possibly-quoted name, unescaped (`"a""b"` holds `a"b`). Equality ignores the location.
struct Identifier {
    std::string name;
    QuoteStyle quote = QuoteStyle::None;
    SourceLoc loc;

    friend bool operator==(const Identifier& a, const Identifier& b) {
        return a.name == b.name && a.quote == b.quote;
    }
};

/// `[schema.]name`. SQLite knows `main`, `temp` and attached schemas.
struct QualifiedName {
    std::optional<Identifier> schema;
    Identifier name;

    friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
};

}  // namespace sqlite2pg::ast
