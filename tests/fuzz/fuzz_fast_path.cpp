// Fuzz target: the INSERT fast path. Besides not crashing, every statement it accepts must mean the same
// to the full parser (DESIGN.md §4): the ANTLR front end parses it, and folding its INSERT gives the same rows.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/diagnostics.hpp"
#include "parse/dump_insert.hpp"
#include "parse/sql_parser.hpp"

using namespace sqlite2pg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ast::InsertRows fast;
    if (!parse::parse_dump_insert(text, fast)) return 0;
    ast::Statement slow;
    try {
        slow = parse::parse_statement(text, {});
    } catch (const InputError&) {
        std::abort();  // the fast path accepted a statement SQLite's grammar rejects
    }
    auto* insert = std::get_if<ast::Insert>(&slow.node);
    if (!insert) std::abort();
    std::optional<ast::InsertRows> folded = parse::fold_dump_insert(*insert);
    if (!folded || !(*folded == fast)) std::abort();
    return 0;
}
