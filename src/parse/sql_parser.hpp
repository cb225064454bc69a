#pragma once
// The SQL front end: one statement of text in, our AST out. ANTLR stays behind this header.
#include <string_view>

#include "ast/statement.hpp"
#include "core/source_location.hpp"

namespace sqlite2pg::parse {

/// Parses one complete statement (text from its first token; a trailing ';' optional) with the full grammar
/// and returns our AST. `start` is where `text` begins in the dump: every SourceLoc in the result and in
/// errors is absolute (line = start.line + tokLine - 1; column = tokLine==1 ? start.column + tokCol : tokCol + 1).
/// Throws InputError (core/diagnostics.hpp) with id "syntax-error" positioned at the first offending token
/// ("unterminated-string" for an unterminated quote).
ast::Statement parse_statement(std::string_view text, SourceLoc start);

}  // namespace sqlite2pg::parse
