// Differential test: the INSERT fast path and the full parser (ANTLR, then fold_dump_insert) must produce the
// same rows for every INSERT the fast path accepts (DESIGN.md §4). Run over every INSERT of the dump
// fixtures, which were written by five SQLite versions, and over generated edge values.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/input_reader.hpp"
#include "parse/dump_insert.hpp"
#include "parse/sql_parser.hpp"
#include "parse/statement_splitter.hpp"

namespace fs = std::filesystem;
using namespace sqlite2pg;

namespace {

/// Both paths on one statement; returns whether the fast path accepted it.
bool check_both_paths(std::string_view text, SourceLoc loc) {
    ast::InsertRows fast;
    if (!parse::parse_dump_insert(text, fast)) return false;
    ast::Statement slow = parse::parse_statement(text, loc);
    auto* insert = std::get_if<ast::Insert>(&slow.node);
    REQUIRE_MESSAGE(insert, "the full parser did not see an INSERT: " << text.substr(0, 80));
    std::optional<ast::InsertRows> folded = parse::fold_dump_insert(*insert);
    REQUIRE_MESSAGE(folded, "the full parser's INSERT does not fold: " << text.substr(0, 80));
    CHECK_MESSAGE(*folded == fast, "paths differ on: " << text.substr(0, 120));
    return true;
}

std::vector<fs::path> dump_fixtures() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(SQLITE2PG_FIXTURES_DIR))
        if (entry.path().extension() == ".dump") files.push_back(entry.path());
    return files;
}

}  // namespace

TEST_CASE("differential: fast path and full parser agree on every INSERT of the dump fixtures") {
    std::size_t compared = 0;
    for (const fs::path& file : dump_fixtures()) {
        CAPTURE(file.string());
        io::InputReader input(file.string());
        parse::StatementSplitter splitter(input);
        while (auto raw = splitter.next()) {
            if (raw->text.size() < 6 || (raw->text[0] != 'I' && raw->text[0] != 'i')) continue;
            compared += check_both_paths(raw->text, raw->begin);
        }
    }
    CHECK(compared > 500);
}

TEST_CASE("differential: fast path and full parser agree on generated edge values") {
    const std::vector<std::string> values = {
        "NULL", "0", "-0", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "0.0", "-0.0",
        "1.0e+20", "4.9406564584124654428e-324", "1.7976931348623157e308", "1e999", "-1e999", "9.0e+999",
        "-9.0e+999", "''", "''''", "'it''s'", "'a\tb'", "'\\.'", "'\\N'", "'C:\\path\\n'", "X''", "X'00ff'",
        "x'DEADbeef'", "replace('a\\nb','\\n',char(10))", "replace(replace('a\\r\\nb','\\r',char(13)),'\\n',char(10))",
        "replace('has \\n and \\012 and real(\\n0)nl','(\\n0)',char(10))", "'a'||char(10)||'b'", "char(10)",
        "unistr('line1\\u000aline2')", "unistr('back\\\\slash\\u0009')", "unistr('\\+01F600')", "'héllo ✓ 😀'",
    };
    for (const std::string& v : values) {
        std::string stmt = "INSERT INTO t VALUES(1," + v + ");";
        CAPTURE(stmt);
        CHECK(check_both_paths(stmt, {}));
    }
    CHECK(check_both_paths("INSERT INTO \"my table\"(a,\"b c\") VALUES(1,'x'),\n  (2,NULL);", {}));
}
