#pragma once
// Dumps by sqlite3 before 3.40 append the `;` of a stored CREATE statement right after its text, so a
// schema text that ends in a `--` comment (only possible with a hand-edited schema) comes out as
// `CREATE TABLE x(a) -- trailing;`: the `;` is commented out and the statement runs on into the next one
// (dump-format.md §2.2). SQLite itself cannot read such a dump back; this finds the comment to point at.
#include <cstddef>
#include <optional>
#include <string_view>

namespace sqlite2pg::parse {

/// Byte offset in `statement` of the first `--` comment (outside quotes and block comments) whose text
/// ends, trailing spaces aside, in `;`; std::nullopt if there is none.
std::optional<std::size_t> find_comment_swallowing_semicolon(std::string_view statement);

}  // namespace sqlite2pg::parse
