// Fuzz target: the ANTLR front end (parse_statement and the transformer to our AST). Every input either
// becomes an AST or an InputError; nothing else may escape.
#include <cstdint>
#include <string_view>

#include "ast/debug_dump.hpp"
#include "core/diagnostics.hpp"
#include "parse/sql_parser.hpp"

using namespace sqlite2pg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        ast::Statement stmt = parse::parse_statement(text, {});
        // Walks the whole tree, so that every node the transformer built is read once.
        (void)ast::debug_dump(stmt);
    } catch (const InputError&) {
    }
    return 0;
}
