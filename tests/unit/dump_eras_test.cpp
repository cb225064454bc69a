// What each SQLite era writes (shared reference dump-format.md §5–§8), read exactly: every literal form
// through both paths (the INSERT scanner and the full parser + folder), CR LF read as sqlite3 reads it, the
// error comments of damaged dumps, and the comment that swallows a ';' in pre-3.40 dumps.
#include <doctest/doctest.h>

#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>


#include "io/input_reader.hpp"
#include "parse/dump_insert.hpp"
#include "parse/sql_parser.hpp"
#include "parse/statement_splitter.hpp"
#include "parse/swallowed_semicolon.hpp"
#include "file_testing.hpp"
#include "value_testing.hpp"

namespace sqlite2pg::parse {
namespace {

using namespace sqlite2pg::testing;

constexpr double inf = std::numeric_limits<double>::infinity();

/// The value of `literal` as the second value of `INSERT INTO t VALUES(1, literal);`, by both paths;
/// the two must agree.
ast::Value both_paths(const std::string& literal) {
    const std::string stmt = "INSERT INTO t VALUES(1," + literal + ");";
    CAPTURE(stmt);
    ast::InsertRows fast;
    const bool scanned = parse_dump_insert(stmt, fast);
    ast::Statement parsed = parse_statement(stmt, {});
    auto* insert = std::get_if<ast::Insert>(&parsed.node);
    REQUIRE(insert);
    std::optional<ast::InsertRows> folded = fold_dump_insert(*insert);
    REQUIRE(folded);
    REQUIRE(folded->values.size() == 2);
    if (scanned) CHECK(fast.values[1] == folded->values[1]);
    return folded->values[1];
}

struct LiteralCase {
    std::string_view era;
    std::string literal;
    ast::Value expected;
};

TEST_CASE("every era's literal forms decode to the value SQLite stores") {
    const std::vector<LiteralCase> cases = {
        // ≤ 3.17: raw control characters, upper-case hex, bare Inf, %!.20e reals
        {"3.7", "'line1\nline2'", text("line1\nline2")},
        {"3.7", "'bell\x07" "esc\x1bx\x01'", text("bell\x07" "esc\x1bx\x01")},
        {"3.7", "'a\tb'", text("a\tb")},
        {"3.7", "X'DEADBEEF'", blob("\xde\xad\xbe\xef")},
        {"3.7", "X''", blob("")},
        {"3.7", "Inf", real(inf)},
        {"3.7", "-Inf", real(-inf)},
        {"3.7", "3.33333333333333314829e-01", real(1.0 / 3.0)},
        {"3.7", "3.14159265358979311599e+00", real(3.141592653589793)},
        // 3.18: '…'||char(10)||'…', a bare char(10), consecutive char() calls
        {"3.18", "'line1'||char(10)||'line2'", text("line1\nline2")},
        {"3.18", "char(10)", text("\n")},
        {"3.18", "'a'||char(13)||char(10)||'b'", text("a\r\nb")},
        {"3.18", "char(13)||char(10)||'x'", text("\r\nx")},
        {"3.18", "'a'||char(10)", text("a\n")},
        {"3.18", "X'deadbeef'", blob("\xde\xad\xbe\xef")},
        {"3.18", "41.999999999999999998", real(42.0)},
        {"3.18", "0.10000000000000000555", real(0.1)},
        {"3.18", "1.5000000000000000071e+300", real(1.5e300)},
        {"3.18", "9223372036854775807.8", real(9223372036854775808.0)},
        // 3.19–3.49: replace() with each marker, nested for CR
        {"3.19", "replace('line1\\nline2','\\n',char(10))", text("line1\nline2")},
        {"3.19", "replace('\\n','\\n',char(10))", text("\n")},
        {"3.19", "replace('a\\rb','\\r',char(13))", text("a\rb")},
        {"3.19", "replace(replace('a\\r\\nb','\\r',char(13)),'\\n',char(10))", text("a\r\nb")},
        {"3.19", "replace('has \\n literal and real\\012newline','\\012',char(10))",
         text("has \\n literal and real\nnewline")},
        {"3.19", "replace('has \\n and \\012 and real(\\n0)nl','(\\n0)',char(10))",
         text("has \\n and \\012 and real\nnl")},
        {"3.19", "replace('has \\n, \\012, (\\n0) and real(\\n1)nl','(\\n1)',char(10))",
         text("has \\n, \\012, (\\n0) and real\nnl")},
        {"3.19", "replace('cr \\r literal, real\\015cr','\\015',char(13))", text("cr \\r literal, real\rcr")},
        {"3.19", "replace('cr \\r and \\015 and real(\\r0)cr','(\\r0)',char(13))", text("cr \\r and \\015 and real\rcr")},
        {"3.19", "replace(replace('both \\r \\n \\015 \\012 real(\\r0)(\\n0)end','(\\r0)',char(13)),'(\\n0)',char(10))",
         text("both \\r \\n \\015 \\012 real\r\nend")},
        {"3.19", "replace(replace('it''s\\r\\nx','\\r',char(13)),'\\n',char(10))", text("it's\r\nx")},
        {"3.19", "'C:\\path\\n\\t\\\\x'", text("C:\\path\\n\\t\\\\x")},
        {"3.25", "1e999", real(inf)},
        {"3.25", "-1e999", real(-inf)},
        {"3.38", "4.9406564584124654428e-324", real(4.9406564584124654e-324)},
        {"3.38", "1.7976931348623156223e+308", real(1.7976931348623157e308)},
        // 3.42–3.51: 9.0e+999; 3.43–3.51: 18 and 19 significant digits (parsed to the nearest double)
        {"3.42", "9.0e+999", real(inf)},
        {"3.42", "-9.0e+999", real(-inf)},
        {"3.45", "0.100000000000000005", real(0.1)},
        {"3.47", "0.1000000000000000055", real(0.1)},
        {"3.47", "0.3333333333333333148", real(1.0 / 3.0)},
        {"3.47", "1.499999999999999781e+300", real(1.499999999999999781e+300)},
        {"3.47", "9223372036854775810.0", real(9223372036854775808.0)},
        // 3.50+: unistr() with \\ for a backslash; the escapes SQLite's unistr() also accepts
        {"3.50", "unistr('line1\\u000aline2')", text("line1\nline2")},
        {"3.50", "unistr('a\\u000d\\u000ab')", text("a\r\nb")},
        {"3.50", "unistr('bell\\u0007esc\\u001bx\\u0001')", text("bell\x07" "esc\x1bx\x01")},
        {"3.50", "unistr('it''s\\u000d\\u000ax')", text("it's\r\nx")},
        {"3.50", "unistr('back\\\\slash\\u0009')", text("back\\slash\t")},
        {"3.50", "unistr('has \\\\n literal and real\\u000anewline')", text("has \\n literal and real\nnewline")},
        {"3.50", "unistr('\\u000a')", text("\n")},
        {"3.50", "unistr('\\U0001F600 \\+01F600 \\00e9')", text("\xF0\x9F\x98\x80 \xF0\x9F\x98\x80 \xC3\xA9")},
        // 3.50–3.51 --newlines: backslashes not doubled; one that starts no escape is data
        {"3.50 --newlines", "unistr('C:\\dir\\u0007')", text("C:\\dir\x07")},
        {"3.50 --newlines", "unistr('x\\y\\u001b')", text("x\\y\x1b")},
        // 3.52+: x'lower', bare Inf again, %!.17g
        {"3.52", "x'deadbeef'", blob("\xde\xad\xbe\xef")},
        {"3.52", "x''", blob("")},
        {"3.52", "Inf", real(inf)},
        {"3.52", "-Inf", real(-inf)},
        {"3.52", "0.33333333333333332", real(1.0 / 3.0)},
        {"3.52", "9.2233720368547758e+18", real(9223372036854775808.0)},
        {"3.52", "1.0e-05", real(1e-05)},
    };
    for (const LiteralCase& c : cases) {
        CAPTURE(c.era);
        CHECK(both_paths(c.literal) == c.expected);
    }
}

TEST_CASE("3.53 multi-row INSERTs decode every row on both paths") {
    const std::string stmt =
        "INSERT INTO t VALUES(1,'newline',unistr('line1\\u000aline2')),\n  (2,'cr',unistr('a\\u000db')),\n"
        "  (3,'blob',x'0102');";
    ast::InsertRows fast;
    REQUIRE(parse_dump_insert(stmt, fast));
    CHECK(fast.row_width == 3);
    REQUIRE(fast.values.size() == 9);
    CHECK(fast.values[2] == text("line1\nline2"));
    CHECK(fast.values[5] == text("a\rb"));
    CHECK(fast.values[8] == blob("\x01\x02"));
    ast::Statement parsed = parse_statement(stmt, {});
    std::optional<ast::InsertRows> folded = fold_dump_insert(std::get<ast::Insert>(parsed.node));
    REQUIRE(folded);
    CHECK(*folded == fast);
}

TEST_CASE("3.53 jsonb('…') is the blob SQLite's jsonb() makes of the text") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        // dump-format.md §6.9: jsonb('{"a":[1,2,"x"]}') in a tty dump is x'9c17616b133113321778' otherwise.
        {"jsonb('{\"a\":[1,2,\"x\"]}')", "\x9c\x17\x61\x6b\x13\x31\x13\x32\x17\x78"},
        {"jsonb('null')", std::string(1, '\0')},
        {"jsonb('true')", "\x01"},
        {"jsonb('false')", "\x02"},
        {"jsonb('[]')", "\x0b"},
        {"jsonb('{}')", "\x0c"},
        {"jsonb(' [ -1.5e3 , 0 ] ')", "\x9b\x65-1.5e3\x13" "0"},
        {"jsonb('\"a\\nb\"')", "\x48" "a\\nb"},         // an escape: TEXTJ
        {"jsonb('\"it''s\"')", "\x47it's"},                  // a quote of the SQL literal: plain TEXT
        {"jsonb(unistr('\"a\u0009b\"'))", "\x39" "a\tb"},  // a raw control character: TEXT5
        {"jsonb('\"twelve chars\"')", "\xc7\x0ctwelve chars"},  // payload > 11: one size byte
    };
    for (const auto& kase : cases) {
        const std::string& literal = kase.first;
        const std::string& bytes = kase.second;
        CAPTURE(literal);
        CHECK(both_paths(literal) == blob(bytes));
    }
    CHECK(both_paths("jsonb(NULL)") == null());
    const std::string big(300, 'x');
    CHECK(both_paths("jsonb('[\"" + big + "\"]')") ==
          blob("\xdb\x01\x2f" + std::string("\xd7\x01\x2c", 3) + big));
    // JSON5 and malformed text: declined by both paths (the conversion then stops with a located error).
    for (const std::string literal : {"jsonb('{a:1}')", "jsonb('[1,]')", "jsonb('01')", "jsonb('[1')", "jsonb('1.')"}) {
        CAPTURE(literal);
        const std::string stmt = "INSERT INTO t VALUES(1," + literal + ");";
        ast::InsertRows fast;
        CHECK_FALSE(parse_dump_insert(stmt, fast));
        ast::Statement parsed = parse_statement(stmt, {});
        CHECK_FALSE(fold_dump_insert(std::get<ast::Insert>(parsed.node)).has_value());
    }
}

TEST_CASE("table names of every era: quoted in ≤3.17, keywords of later versions bare") {
    const std::vector<std::pair<std::string_view, std::string_view>> cases = {
        {"INSERT INTO \"t\" VALUES(1);", "t"},          {"INSERT INTO \"my table\" VALUES(1);", "my table"},
        {"INSERT INTO \"dq\"\"name\" VALUES(1);", "dq\"name"}, {"INSERT INTO window VALUES(1);", "window"},
        {"INSERT INTO user VALUES(1);", "user"},        {"INSERT INTO rowid VALUES(1);", "rowid"},
        {"INSERT INTO returning VALUES(1);", "returning"}, {"INSERT INTO \"returning\" VALUES(1);", "returning"},
    };
    for (const auto& kase : cases) {
        const std::string_view sql = kase.first;
        const std::string_view name = kase.second;
        CAPTURE(sql);
        ast::InsertRows rows;
        if (parse_dump_insert(sql, rows)) CHECK(rows.table.name == name);
        ast::Statement parsed = parse_statement(sql, {});
        std::optional<ast::InsertRows> folded = fold_dump_insert(std::get<ast::Insert>(parsed.node));
        REQUIRE(folded);
        CHECK(folded->table.name == name);
    }
    // A pre-3.35 schema may name a table `returning`; its CREATE TABLE must parse too.
    CHECK_NOTHROW(parse_statement("CREATE TABLE returning(a INTEGER);", {}));
}

/// Everything an InputReader yields for `content`, read `chunk` bytes at a time.
std::string read_all(const std::string& content, std::size_t chunk, std::uint64_t* crlf = nullptr) {
    TempFile file(content);
    io::InputReader reader(file.path(), io::InputReader::LineEnds::AsSqlite3Reads);
    std::string out;
    std::string buffer(chunk, '\0');
    while (const std::size_t n = reader.read(buffer.data(), chunk)) out.append(buffer, 0, n);
    if (crlf) *crlf = reader.crlf_count();
    return out;
}

/// The same without the line-end change (what the splitter's own tests read).
std::string read_all_as_is(const std::string& content) {
    TempFile file(content);
    io::InputReader reader(file.path());
    std::string out(64, '\0');
    out.resize(reader.read(out.data(), out.size()));
    return out;
}

TEST_CASE("CR LF is read as LF, as sqlite3 reads a script; a lone CR stays") {
    CHECK(read_all_as_is("a\r\nb") == "a\r\nb");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"INSERT INTO \"d\" VALUES('it''s\r\nx');\r\n", "INSERT INTO \"d\" VALUES('it''s\nx');\n"},
        {"'a\rb'\r", "'a\rb'\r"},
        {"\r\r\n\r", "\r\n\r"},
        {"\r\n\r\n", "\n\n"},
        {"no cr at all\n", "no cr at all\n"},
        {"\r", "\r"},
    };
    for (const auto& kase : cases) {
        const std::string& input = kase.first;
        const std::string& expected = kase.second;
        for (const std::size_t chunk : {1, 2, 3, 7, 4096}) {
            CAPTURE(input);
            CAPTURE(chunk);
            std::uint64_t crlf = 0;
            CHECK(read_all(input, chunk, &crlf) == expected);
            CHECK(crlf == input.size() - expected.size());
        }
    }
}

TEST_CASE("the error comments of damaged dumps are reported with their place, other comments are not") {
    const std::string dump =
        "/* WARNING: Script requires that SQLITE_DBCONFIG_DEFENSIVE be disabled */\n"
        "CREATE TABLE a(x);\nINSERT INTO a VALUES(1);\n/****** CORRUPTION ERROR *******/\n"
        "INSERT INTO a VALUES(9);\n/* ordinary */ /**** ERROR: (11) database disk image is malformed *****/\n"
        "/****************** banner ******************/\n/****** database disk image is malformed ******/\n"
        "COMMIT;\n/****** ERROR: no such table ******/\n";
    for (const std::size_t chunk : {1, 3, 4096}) {
        CAPTURE(chunk);
        TempFile file(dump);
        io::InputReader reader(file.path());
        StatementSplitter splitter(reader, chunk);
        std::vector<std::vector<ErrorComment>> seen;
        while (splitter.next()) seen.push_back(splitter.take_error_comments());
        seen.push_back(splitter.take_error_comments());
        REQUIRE(seen.size() == 5);  // CREATE, INSERT, INSERT, COMMIT, end of input
        CHECK(seen[0].empty());
        CHECK(seen[1].empty());
        REQUIRE(seen[2].size() == 1);
        CHECK(seen[2][0].loc.line == 4);
        CHECK(seen[2][0].loc.column == 1);
        if (chunk == 4096) CHECK(seen[2][0].text == "/****** CORRUPTION ERROR *******/");
        REQUIRE(seen[3].size() == 1);
        CHECK(seen[3][0].loc.line == 6);
        CHECK(seen[3][0].loc.column == 16);
        REQUIRE(seen[4].size() == 1);
        CHECK(seen[4][0].loc.line == 10);
    }
}

TEST_CASE("a `--` comment that swallowed the ';' of a pre-3.40 dump is found") {
    CHECK(find_comment_swallowing_semicolon("CREATE TABLE x(a) -- trailing;\nINSERT INTO x VALUES(1);") == 18);
    CHECK(find_comment_swallowing_semicolon("CREATE TABLE x(a) -- trailing ;  \nINSERT INTO x VALUES(1);") == 18);
    CHECK(find_comment_swallowing_semicolon("CREATE TABLE x(a -- col;\n, b);") == 17);
    CHECK_FALSE(find_comment_swallowing_semicolon("CREATE TABLE x(a) -- trailing\n;"));
    CHECK_FALSE(find_comment_swallowing_semicolon("CREATE TABLE x(a DEFAULT '-- x;'\n);"));
    CHECK_FALSE(find_comment_swallowing_semicolon("CREATE TABLE \"-- x;\"(a);"));
    CHECK_FALSE(find_comment_swallowing_semicolon("CREATE TABLE x(a) /* -- x;\n */;"));
}

}  // namespace
}  // namespace sqlite2pg::parse
