#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "io/input_reader.hpp"
#include "parse/dump_insert.hpp"
#include "parse/statement_splitter.hpp"
#include "file_testing.hpp"

namespace {

using sqlite2pg::InputError;
using sqlite2pg::io::InputReader;
using sqlite2pg::parse::InsertScan;
using sqlite2pg::parse::StatementSplitter;
using sqlite2pg::testing::TempFile;

/// A statement copied out of the splitter, comparable in tests.
struct Split {
    std::string text;
    std::uint64_t line = 0;
    std::uint32_t column = 0;
    std::uint64_t offset = 0;
    bool terminated = true;
    friend bool operator==(const Split&, const Split&) = default;
    friend std::ostream& operator<<(std::ostream& os, const Split& s) {
        return os << s.line << ':' << s.column << " @" << s.offset << (s.terminated ? " " : " (unterminated) ")
                  << '[' << s.text << ']';
    }
};

/// The rows of an INSERT as scanned, comparable in tests.
sqlite2pg::ast::InsertRows scanned_rows(const InsertScan& scan) {
    sqlite2pg::ast::InsertRows rows;
    sqlite2pg::parse::materialize(scan, rows);
    return rows;
}

/// Every statement of `input`. With `rows_scanned` (counting the statements the splitter scanned as rows), the
/// splitter scans dump-shaped INSERTs as it splits, and each such scan is checked against scanning the
/// statement's text on its own.
std::vector<Split> split_all(const std::string& input, std::size_t chunk_size = InputReader::kChunkSize,
                             std::size_t* rows_scanned = nullptr) {
    TempFile file(input);
    InputReader reader(file.path());
    StatementSplitter splitter(reader, chunk_size);
    InsertScan scan;
    if (rows_scanned != nullptr) splitter.scan_rows_into(scan);
    std::vector<Split> out;
    while (auto stmt = splitter.next()) {
        out.push_back({std::string(stmt->text), stmt->begin.line, stmt->begin.column, stmt->begin.offset,
                       stmt->terminated});
        if (stmt->rows == nullptr) continue;
        REQUIRE(rows_scanned != nullptr);
        REQUIRE(stmt->rows == &scan);
        ++*rows_scanned;
        InsertScan alone;
        CAPTURE(stmt->text);
        REQUIRE(sqlite2pg::parse::scan_dump_insert(stmt->text, alone));
        CHECK(scanned_rows(scan) == scanned_rows(alone));
    }
    CHECK(splitter.bytes_consumed() == input.size());
    return out;
}

std::vector<std::string> texts(const std::string& input, std::size_t chunk_size = InputReader::kChunkSize) {
    std::vector<std::string> out;
    for (auto& s : split_all(input, chunk_size)) out.push_back(s.text);
    return out;
}

/// The diagnostic thrown while splitting `input`, or an empty one if nothing was thrown.
sqlite2pg::Diagnostic split_error(const std::string& input, std::size_t chunk_size = InputReader::kChunkSize) {
    try {
        split_all(input, chunk_size);
    } catch (const InputError& e) {
        return e.diagnostic();
    }
    return {};
}

struct Case {
    const char* name;
    std::string input;
    std::vector<std::string> expected;
};

const std::string kTrigger =
    "CREATE TRIGGER tr after insert on t begin update t set b = case when new.a > 0 then 'pos' else 'neg' end; "
    "insert into t(a) select 1 where 'END;' = 'x'; end;";

std::vector<Case> tricky_cases() {
    return {
        {"plain statements", "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCOMMIT;\n",
         {"PRAGMA foreign_keys=OFF;", "BEGIN TRANSACTION;", "COMMIT;"}},
        {"semicolon in string", "INSERT INTO t VALUES('a;b','it''s; ok');\nX;",
         {"INSERT INTO t VALUES('a;b','it''s; ok');", "X;"}},
        {"semicolon in identifiers", "CREATE TABLE \"semi;colon\"(\"a\"\";\" INT, [b;] INT, `c``;` INT);\n",
         {"CREATE TABLE \"semi;colon\"(\"a\"\";\" INT, [b;] INT, `c``;` INT);"}},
        {"bracket ends at first ]", "SELECT [a\"'`;];", {"SELECT [a\"'`;];"}},
        {"comments with semicolons", "SELECT 1 /* ; ' \" */ + 2 -- ; '\n;\nSELECT 3;",
         {"SELECT 1 /* ; ' \" */ + 2 -- ; '\n;", "SELECT 3;"}},
        {"line comment with quotes", "-- don't; break \"me\"\nSELECT 1;", {"SELECT 1;"}},
        {"leading comments excluded", "/* WARNING: x; */\n-- c\n  \tINSERT INTO t VALUES(1);",
         {"INSERT INTO t VALUES(1);"}},
        {"empty statements skipped", ";;\n ; SELECT 1;;", {"SELECT 1;"}},
        {"multi-line create table",
         "CREATE TABLE t (\n  id INTEGER PRIMARY KEY, -- the key; \"x\"\n  /* note; */ name TEXT\n);\n"
         "INSERT INTO t VALUES(1,'a');\n",
         {"CREATE TABLE t (\n  id INTEGER PRIMARY KEY, -- the key; \"x\"\n  /* note; */ name TEXT\n);",
          "INSERT INTO t VALUES(1,'a');"}},
        {"trigger with case end and quoted END", kTrigger + "\nINSERT INTO t VALUES(1);",
         {kTrigger, "INSERT INTO t VALUES(1);"}},
        {"trigger END newline semicolon",
         "CREATE TRIGGER b_ins AFTER INSERT ON b BEGIN\n  INSERT INTO a(y) VALUES(new.p); -- comment in trigger\nEND\n;\n"
         "CREATE VIEW v AS SELECT 1 -- c\n;\n",
         {"CREATE TRIGGER b_ins AFTER INSERT ON b BEGIN\n  INSERT INTO a(y) VALUES(new.p); -- comment in trigger\nEND\n;",
          "CREATE VIEW v AS SELECT 1 -- c\n;"}},
        {"temp trigger, comments between words",
         "create /*x*/ temporary -- y\n trigger \"t;\" before delete on p begin select 1; select \"end\"; "
         "select 2; END /* ; */ ;\nSELECT 4;",
         {"create /*x*/ temporary -- y\n trigger \"t;\" before delete on p begin select 1; select \"end\"; "
          "select 2; END /* ; */ ;",
          "SELECT 4;"}},
        {"trigger end not whole word", "CREATE TRIGGER x BEGIN SELECT 1; ending; END;",
         {"CREATE TRIGGER x BEGIN SELECT 1; ending; END;"}},
        {"create not trigger", "CREATE TABLE end_(a);CREATE INDEX i ON t(a);create view trig AS SELECT 1;",
         {"CREATE TABLE end_(a);", "CREATE INDEX i ON t(a);", "create view trig AS SELECT 1;"}},
        {"pre-3.18 dash dash first value",
         "INSERT INTO \"d\" VALUES('x -- y','p -- q')\n;\nINSERT INTO \"d\" VALUES(1,'--');\n"
         "INSERT INTO \"d\" VALUES('a\n--b',2)\n;\n",
         {"INSERT INTO \"d\" VALUES('x -- y','p -- q')\n;", "INSERT INTO \"d\" VALUES(1,'--');",
          "INSERT INTO \"d\" VALUES('a\n--b',2)\n;"}},
        {"raw newlines in strings and names",
         "CREATE TABLE IF NOT EXISTS \"new\nline\"(x);\nINSERT INTO \"new\nline\" VALUES('a\r\nb;\n');\n",
         {"CREATE TABLE IF NOT EXISTS \"new\nline\"(x);", "INSERT INTO \"new\nline\" VALUES('a\r\nb;\n');"}},
        {"CRLF line ends", "PRAGMA foreign_keys=OFF;\r\nBEGIN TRANSACTION;\r\n-- c\r\nCOMMIT;\r\n",
         {"PRAGMA foreign_keys=OFF;", "BEGIN TRANSACTION;", "COMMIT;"}},
        {"minus and slash that are not comments", "SELECT -1, 4/2, 5 - -3;", {"SELECT -1, 4/2, 5 - -3;"}},
        {"block comment closing needs its own star", "SELECT 1 /*/ ; */;", {"SELECT 1 /*/ ; */;"}},
        {"quotes at chunk-sensitive spots", "SELECT '''', \"\"\"\", ````, '';", {"SELECT '''', \"\"\"\", ````, '';"}},
        {"unterminated last statement", "SELECT 1;\nSELECT 2  \n", {"SELECT 1;", "SELECT 2"}},
        {"only comments", "-- nothing\n/* here */\n", {}},
        {"empty input", "", {}},
        {"comment at end without newline", "SELECT 1; -- bye", {"SELECT 1;"}},
        {"invalid utf-8 and bytes in strings", std::string("INSERT INTO t VALUES('\xc3(\xff", 26) + "A\x01\x7f');",
         {std::string("INSERT INTO t VALUES('\xc3(\xff", 26) + "A\x01\x7f');"}},
    };
}

}  // namespace

TEST_CASE("splitter: table of tricky inputs, with every chunk size giving the same result") {
    for (const Case& c : tricky_cases()) {
        CAPTURE(c.name);
        const std::vector<Split> reference = split_all(c.input);
        std::vector<std::string> got;
        for (const Split& s : reference) got.push_back(s.text);
        CHECK(got == c.expected);
        for (std::size_t chunk : {1, 2, 3, 7}) {
            CAPTURE(chunk);
            CHECK(split_all(c.input, chunk) == reference);
        }
    }
}

TEST_CASE("splitter: scanning rows while splitting gives the same statements, and the rows a scan of each gives") {
    std::size_t dump_inserts = 0;
    for (const Case& c : tricky_cases()) {
        CAPTURE(c.name);
        const std::vector<Split> reference = split_all(c.input);
        // Where one chunk holds the whole input, every terminated dump-shaped INSERT is scanned while split.
        std::size_t expected = 0;
        for (const Split& stmt : reference) {
            InsertScan alone;
            if (stmt.terminated && sqlite2pg::parse::scan_dump_insert(stmt.text, alone)) ++expected;
        }
        dump_inserts += expected;
        for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{7}, InputReader::kChunkSize}) {
            CAPTURE(chunk);
            std::size_t scanned = 0;
            CHECK(split_all(c.input, chunk, &scanned) == reference);
            if (chunk == InputReader::kChunkSize) CHECK(scanned == expected);
        }
    }
    CHECK(dump_inserts >= 8);
}

TEST_CASE("splitter: all cases concatenated, split in tiny chunks") {
    std::string all;
    for (const Case& c : tricky_cases()) {
        // The unterminated case would swallow what follows; the others end cleanly.
        if (std::string_view(c.name) != "unterminated last statement") all += c.input + "\n";
    }
    const std::vector<Split> reference = split_all(all);
    for (std::size_t chunk : {1, 2, 3, 7, 64}) {
        CAPTURE(chunk);
        CHECK(split_all(all, chunk) == reference);
    }
}

namespace {

/// Statements in which every byte that matters to the splitter comes after `code_bytes` of ordinary code
/// and, for strings, after `string_bytes` of string body: moved across the positions of a 16-byte block and
/// across chunk ends, they exercise the 16-bytes-at-a-time scan (and its byte-wise tail) at every offset.
std::vector<std::string> statements_at_offsets(std::size_t code_bytes, std::size_t string_bytes) {
    std::string code = "SELECT ";
    const std::string_view ordinary = "1, a.b(2) + x_$\xc3\xa9 ";
    for (std::size_t i = 0; i < code_bytes; ++i) code += ordinary[i % ordinary.size()];
    const std::string body(string_bytes, 's');
    return {
        code + ";",
        code + "'" + body + "'';''" + body + ";';",           // ';' in a string, escaped quotes around it
        code + "'" + body + "'||'" + body + "',0,'',NULL,'x';",  // strings a few bytes apart
        code + "\"" + body + "\"\";\";",                       // quoted identifiers of each kind
        code + "`" + body + "``;`;",
        code + "[" + body + ";];",
        code + "-- " + body + ";\n;",                          // comments that hide a ';'
        code + "/* " + body + "; */;",
        code + "- 1 / 2 -" + body + "/;",                      // '-' and '/' that open no comment
        code + "#&{\x1b" + body + ";",                         // bytes the 16-byte test cannot tell from stops
    };
}

}  // namespace

TEST_CASE("splitter: the 16-byte scan stops where the byte-wise scan does, at every offset and chunk end") {
    std::string input;
    std::vector<std::string> expected;
    for (std::size_t code_bytes = 0; code_bytes <= 33; ++code_bytes) {
        for (std::size_t string_bytes : {0, 1, 14, 15, 16, 17, 31}) {
            for (std::string& stmt : statements_at_offsets(code_bytes, string_bytes)) {
                input += stmt + "\n";
                expected.push_back(std::move(stmt));
            }
        }
    }
    // With one-byte chunks no 16 bytes are ever buffered ahead, so only the byte-wise scan runs.
    const std::vector<Split> bytewise = split_all(input, 1);
    std::vector<std::string> got;
    for (const Split& s : bytewise) got.push_back(s.text);
    CHECK(got == expected);
    for (std::size_t chunk : {15, 16, 17, 31, 33, 64, 4096, 1 << 20}) {
        CAPTURE(chunk);
        CHECK(split_all(input, chunk) == bytewise);
    }
}

TEST_CASE("splitter: unterminated tokens after long runs are errors at their opening, whatever the chunks") {
    const std::string run(40, 'x');
    for (std::size_t chunk : {1, 16, 17, 1 << 20}) {
        CAPTURE(chunk);
        auto string_error = split_error("SELECT " + run + ", 'abc''" + run, chunk);
        CHECK(string_error.id == "unterminated-string");
        CHECK(string_error.loc.column == 50);
        auto identifier_error = split_error("SELECT " + run + ", \"" + run, chunk);
        CHECK(identifier_error.id == "unterminated-identifier");
        CHECK(identifier_error.loc.column == 50);
        auto comment_error = split_error("SELECT " + run + " /* " + run, chunk);
        CHECK(comment_error.id == "unterminated-comment");
        CHECK(comment_error.loc.column == 49);
    }
}

TEST_CASE("splitter: line, column and offset of each statement") {
    const std::string input = "PRAGMA a;\n  SELECT 1; SELECT\n'x\ny';\n/* c\n */ \tEND;\r\nX";
    for (std::size_t chunk : {1, 4, 1 << 20}) {
        CAPTURE(chunk);
        auto s = split_all(input, chunk);
        REQUIRE(s.size() == 5);
        CHECK(s[0] == Split{"PRAGMA a;", 1, 1, 0, true});
        CHECK(s[1] == Split{"SELECT 1;", 2, 3, 12, true});
        CHECK(s[2] == Split{"SELECT\n'x\ny';", 2, 13, 22, true});
        CHECK(s[3] == Split{"END;", 6, 6, 46, true});
        CHECK(s[4] == Split{"X", 7, 1, 52, false});
    }
}

TEST_CASE("splitter: a UTF-8 BOM is skipped but counted in offsets") {
    for (std::size_t chunk : {1, 2, 1 << 20}) {
        auto s = split_all("\xEF\xBB\xBFPRAGMA a;\nB;", chunk);
        REQUIRE(s.size() == 2);
        CHECK(s[0] == Split{"PRAGMA a;", 1, 1, 3, true});
        CHECK(s[1] == Split{"B;", 2, 1, 13, true});
    }
    CHECK(texts("\xEF\xBB") == std::vector<std::string>{"\xEF\xBB"});
}

TEST_CASE("splitter: unterminated tokens are errors at their opening") {
    struct ErrorCase {
        std::string input;
        const char* id;
        std::uint64_t line;
        std::uint32_t column;
    };
    const std::vector<ErrorCase> cases = {
        {"SELECT 1;\nINSERT INTO t VALUES(1,'abc", "unterminated-string", 2, 24},
        {"SELECT 1;\nINSERT INTO t VALUES('it''s", "unterminated-string", 2, 22},
        {"SELECT \"a\"\"", "unterminated-identifier", 1, 8},
        {"SELECT `a", "unterminated-identifier", 1, 8},
        {"SELECT\n [a;\n", "unterminated-identifier", 2, 2},
        {"SELECT 1;\n  /* open comment;\n\n", "unterminated-comment", 2, 3},
        {"CREATE TABLE y(b) /* open comment;", "unterminated-comment", 1, 19},
        {"CREATE TRIGGER x BEGIN SELECT 'a; END;", "unterminated-string", 1, 31},
        {"SELECT 1 /*", "unterminated-comment", 1, 10},
        {"SELECT 1 /*/", "unterminated-comment", 1, 10},
    };
    for (const ErrorCase& c : cases) {
        CAPTURE(c.input);
        for (std::size_t chunk : {1, 2, 3, 1 << 20}) {
            CAPTURE(chunk);
            auto diag = split_error(c.input, chunk);
            CHECK(diag.id == c.id);
            CHECK(diag.loc.line == c.line);
            CHECK(diag.loc.column == c.column);
        }
    }
}

TEST_CASE("splitter: an unterminated trigger ends at end of input") {
    auto s = split_all("CREATE TRIGGER x BEGIN SELECT 1; END");
    REQUIRE(s.size() == 1);
    CHECK_FALSE(s[0].terminated);
    CHECK(s[0].text == "CREATE TRIGGER x BEGIN SELECT 1; END");
}

TEST_CASE("splitter: a statement of several megabytes") {
    std::string big = "INSERT INTO t VALUES('";
    big.append(5u << 20, 'x');
    big += "\n;', '');";
    const std::string input = "SELECT 1;\n" + big + "\nSELECT 2;";
    for (std::size_t chunk : {std::size_t{4096}, std::size_t{1} << 20}) {
        auto s = texts(input, chunk);
        REQUIRE(s.size() == 3);
        CHECK(s[1] == big);
        CHECK(s[2] == "SELECT 2;");
    }
}

TEST_CASE("splitter: the buffer stays bounded over many small statements") {
    std::string input;
    for (int i = 0; i < 200000; ++i) input += "INSERT INTO t VALUES(" + std::to_string(i) + ",'row; -- " + std::to_string(i) + "');\n";
    REQUIRE(input.size() > 40 * 4096);
    TempFile file(input);
    InputReader reader(file.path());
    constexpr std::size_t kChunk = 4096;
    StatementSplitter splitter(reader, kChunk);
    std::size_t count = 0;
    std::size_t max_capacity = 0;
    while (auto stmt = splitter.next()) {
        ++count;
        max_capacity = std::max(max_capacity, splitter.buffer_capacity());
    }
    CHECK(count == 200000);
    CHECK(max_capacity <= 2 * kChunk);
}

TEST_CASE("splitter: after a statement of five chunks, the buffer is of the usual size again") {
    // Statements of every size from a few bytes to several chunks, so that refills move tails of every
    // length and the buffer grows once.
    std::vector<std::string> expected;
    std::string input;
    for (int i = 0; i < 3000; ++i) {
        const std::size_t width = i == 1500 ? 5 * 4096 : static_cast<std::size_t>(i % 97);
        expected.push_back("INSERT INTO t VALUES(" + std::to_string(i) + ",'" + std::string(width, 'a' + i % 26) + "');");
        input += expected.back() + "\n";
    }
    TempFile file(input);
    InputReader reader(file.path());
    StatementSplitter splitter(reader, 4096);
    std::size_t count = 0;
    while (auto stmt = splitter.next()) {
        REQUIRE(count < expected.size());
        REQUIRE(stmt->text == expected[count]);
        ++count;
    }
    CHECK(count == expected.size());
    // The buffer grown for the statement of five chunks gave way to one of the usual size.
    CHECK(splitter.buffer_capacity() == 2 * 4096);
}

TEST_CASE("splitter: skip_to goes on at the place given, inside its buffer or past it, counting lines from there") {
    std::string input = "CREATE TABLE t(a);\n";
    for (int i = 0; i < 3000; ++i)
        input += "INSERT INTO t VALUES(" + std::to_string(i) + ",'" + std::string(static_cast<std::size_t>(i % 50), 'v') +
                 (i % 9 == 0 ? "\nmore" : "") + "');" + (i % 5 == 0 ? " " : "\n");
    TempFile file(input);
    struct Seen {
        std::string text;
        sqlite2pg::SourceLoc begin, end;
    };
    const auto all = [](StatementSplitter& splitter) {
        std::vector<Seen> seen;
        while (auto stmt = splitter.next()) seen.push_back({std::string(stmt->text), stmt->begin, splitter.consumed_loc()});
        return seen;
    };
    InputReader plain_reader(file.path());
    StatementSplitter plain(plain_reader, 4096);
    const std::vector<Seen> expected = all(plain);
    REQUIRE(expected.size() == 3001);
    for (const std::size_t chunk : {std::size_t{64}, std::size_t{4096}, std::size_t{1} << 20})
        for (const std::size_t to : {std::size_t{1}, std::size_t{2}, std::size_t{1500}, std::size_t{2999}}) {
            CAPTURE(chunk);
            CAPTURE(to);
            for (const bool lines_from_one : {false, true}) {
                InputReader reader(file.path());
                StatementSplitter splitter(reader, chunk);
                REQUIRE(splitter.next());
                // To where statement `to` - 1 ends, with its line and column, or with its line counted as 1.
                sqlite2pg::SourceLoc at = expected[to - 1].end;
                const std::uint64_t shift = lines_from_one ? at.line - 1 : 0;
                at.line -= shift;
                splitter.skip_to(at);
                const std::vector<Seen> got = all(splitter);
                REQUIRE(got.size() == expected.size() - to);
                for (std::size_t i = 0; i < got.size(); ++i) {
                    CAPTURE(i);
                    const Seen& e = expected[to + i];
                    CHECK(got[i].text == e.text);
                    CHECK(got[i].begin.offset == e.begin.offset);
                    CHECK(got[i].begin.line + shift == e.begin.line);
                    CHECK(got[i].begin.column == e.begin.column);
                    CHECK(got[i].end.line + shift == e.end.line);
                }
                CHECK(splitter.bytes_consumed() == input.size());
            }
        }
}

/// Every statement of `input` split with runs of INSERTs (the scan's leave given after each statement), each
/// statement of a run told apart by the scan's offsets and lines: what it says of each, and the rows of each
/// statement as a scan of its own text gives them. `until`: where runs stop (likely_skip_from), and `runs`, when
/// given, gets the number of statements each RawStatement held.
std::vector<Split> split_in_runs(const std::string& input, std::size_t chunk_size, std::uint64_t until,
                                 std::vector<sqlite2pg::ast::InsertRows>& rows,
                                 std::vector<std::size_t>* runs = nullptr) {
    TempFile file(input);
    InputReader reader(file.path());
    StatementSplitter splitter(reader, chunk_size);
    InsertScan scan;
    splitter.scan_rows_into(scan);
    splitter.likely_skip_from(until);
    std::vector<Split> out;
    while (auto stmt = splitter.next()) {
        if (runs) runs->push_back(stmt->rows ? scan.statements.size() : 1);
        if (stmt->rows == nullptr) {  // not an INSERT, or one the buffer did not hold whole
            out.push_back({std::string(stmt->text), stmt->begin.line, stmt->begin.column, stmt->begin.offset,
                           stmt->terminated});
            InsertScan alone;
            if (sqlite2pg::parse::scan_dump_insert(stmt->text, alone)) rows.push_back(scanned_rows(alone));
            continue;
        }
        scan.runs_allowed = true;
        std::size_t row = 0;
        for (std::size_t i = 0; i < scan.statements.size(); ++i) {
            const auto& each = scan.statements[i];
            const std::size_t end =
                i + 1 < scan.statements.size() ? scan.statements[i + 1].begin - 1 : stmt->text.size();
            // A run's statements after the first begin on a line of their own.
            out.push_back({std::string(stmt->text.substr(each.begin, end - each.begin)), each.line,
                           i == 0 ? stmt->begin.column : 1, stmt->begin.offset + each.begin, true});
            sqlite2pg::ast::InsertRows these;
            sqlite2pg::parse::materialize(scan, these);
            these.values.assign(these.values.begin() + static_cast<std::ptrdiff_t>(row * scan.row_width),
                                these.values.begin() + static_cast<std::ptrdiff_t>(each.rows_end * scan.row_width));
            rows.push_back(std::move(these));
            row = each.rows_end;
        }
    }
    CHECK(splitter.bytes_consumed() == input.size());
    return out;
}

TEST_CASE("splitter: runs of INSERTs split as one hold the statements, lines and rows split one by one gives") {
    std::string input = "CREATE TABLE t(a,b);\n";
    for (int i = 0; i < 400; ++i) {
        const std::string n = std::to_string(i);
        // Now and then: another table, a string over two lines, a comment or a space that ends a run, two rows.
        const std::string table = i % 97 == 5 ? "u" : "t";
        input += "INSERT INTO " + table + " VALUES(" + n + ",'" + (i % 13 == 0 ? "two\nlines" : "v" + n) + "')" +
                 (i % 41 == 0 ? ",(0,'')" : "") + ";" + (i % 149 == 0 ? " " : "") + "\n" +
                 (i % 131 == 0 ? "-- c\n" : "");
    }
    input += "COMMIT;\n";
    // The reference: one by one, each INSERT scanned alone.
    const std::vector<Split> reference = split_all(input);
    std::vector<sqlite2pg::ast::InsertRows> reference_rows;
    for (const Split& stmt : reference) {
        InsertScan alone;
        if (sqlite2pg::parse::scan_dump_insert(stmt.text, alone)) reference_rows.push_back(scanned_rows(alone));
    }
    REQUIRE(reference.size() == 402);
    REQUIRE(reference_rows.size() == 400);
    // Runs stop before the offset given, at the end of what is buffered, and after kRunStatements.
    for (const std::size_t chunk : {std::size_t{7}, std::size_t{256}, InputReader::kChunkSize})
        for (const std::uint64_t until :
             {reference[150].offset, reference[151].offset + 1, std::uint64_t{UINT64_MAX}}) {
            CAPTURE(chunk);
            CAPTURE(until);
            std::vector<sqlite2pg::ast::InsertRows> rows;
            std::vector<std::size_t> runs;
            CHECK(split_in_runs(input, chunk, until, rows, &runs) == reference);
            CHECK(rows == reference_rows);
            // The first statement that begins at `until` or after: no run goes on into it.
            std::size_t first_after = 0;
            while (first_after < reference.size() && reference[first_after].offset < until) ++first_after;
            std::size_t begun = 0;
            for (const std::size_t run : runs) {
                CHECK(run <= StatementSplitter::kRunStatements);
                if (begun < first_after) CHECK(begun + run <= first_after);
                begun += run;
            }
            CHECK(begun == reference.size());
            // The whole input in one buffer and no offset to stop at: most statements come in runs, some as long
            // as runs may be.
            if (chunk == InputReader::kChunkSize && until == UINT64_MAX) {
                CHECK(runs.size() < reference.size() / 4);
                CHECK(std::count(runs.begin(), runs.end(), StatementSplitter::kRunStatements) > 0);
            }
        }
}

TEST_CASE("splitter: an INSERT the buffer ends inside of is scanned after a refill, when a chunk can hold it") {
    std::string input = "CREATE TABLE t(a,b);\n";
    for (int i = 0; i < 500; ++i)
        input += "INSERT INTO t VALUES(" + std::to_string(i) + ",'" +
                 std::string(static_cast<std::size_t>(i % 40), 'v') + "');\n";
    input += "INSERT INTO t VALUES(1,'" + std::string(300, 'w') + "');\n";  // longer than a chunk
    const std::vector<Split> reference = split_all(input);
    for (const std::size_t chunk : {std::size_t{64}, std::size_t{100}, std::size_t{256}}) {
        CAPTURE(chunk);
        TempFile file(input);
        InputReader reader(file.path());
        StatementSplitter splitter(reader, chunk);
        InsertScan scan;
        splitter.scan_rows_into(scan);
        std::vector<Split> got;
        while (auto stmt = splitter.next()) {
            got.push_back({std::string(stmt->text), stmt->begin.line, stmt->begin.column, stmt->begin.offset,
                           stmt->terminated});
            // Every INSERT a chunk can hold comes with its rows, wherever the chunks end.
            if (stmt->text.starts_with("INSERT") && stmt->text.size() <= chunk) {
                CAPTURE(stmt->text);
                CHECK(stmt->rows != nullptr);
            }
        }
        CHECK(got == reference);
    }
}

TEST_CASE("splitter: reading stops a little past where statements are likely skipped, and goes on where skipped to") {
    std::string input;
    std::vector<std::uint64_t> begins;
    for (int i = 0; i < 4000; ++i) {
        begins.push_back(input.size());
        input += "INSERT INTO t VALUES(" + std::to_string(i) + ",'" +
                 std::string(static_cast<std::size_t>(i % 70), 'v') + "');\n";
    }
    REQUIRE(input.size() > 4 * StatementSplitter::kReadPastSkip);
    TempFile file(input);
    // Reads are chunks of 1 MiB, the whole file here, unless statement 1000 is likely skipped: then they end
    // kReadPastSkip past it, however far the splitter has gone (with runs of INSERTs, to just before it).
    for (const bool scanning : {false, true}) {
        CAPTURE(scanning);
        InputReader whole_reader(file.path());
        StatementSplitter whole(whole_reader);
        REQUIRE(whole.next());
        CHECK(whole_reader.bytes_read() == input.size());

        InputReader reader(file.path());
        StatementSplitter splitter(reader);
        InsertScan scan;
        if (scanning) splitter.scan_rows_into(scan);
        splitter.likely_skip_from(begins[1000]);
        std::optional<sqlite2pg::parse::RawStatement> stmt;
        for (;;) {
            stmt = splitter.next();
            REQUIRE(stmt);
            CHECK(reader.bytes_read() <= begins[1000] + StatementSplitter::kReadPastSkip);
            if (stmt->begin.offset >= begins[1000]) break;
            scan.runs_allowed = true;
        }
        CHECK(stmt->begin.offset == begins[1000]);
        CHECK(reader.bytes_read() == begins[1000] + StatementSplitter::kReadPastSkip);
        // Skipped to statement 3000, past what was read: reading goes on there, a chunk at a time again.
        splitter.likely_skip_from(UINT64_MAX);
        splitter.skip_to({begins[3000], 3001, 1});
        scan.runs_allowed = false;  // that statement alone
        stmt = splitter.next();
        REQUIRE(stmt);
        CHECK(stmt->text == "INSERT INTO t VALUES(3000,'" + std::string(3000 % 70, 'v') + "');");
        CHECK(stmt->begin.line == 3001);
        CHECK(reader.bytes_read() == begins[1000] + StatementSplitter::kReadPastSkip + (input.size() - begins[3000]));
    }
}

TEST_CASE("input reader: read_at reads where asked without moving, seek moves") {
    std::string input;
    for (int i = 0; i < 100000; ++i) input += static_cast<char>('a' + i % 26);
    TempFile file(input);
    InputReader reader(file.path());
    char buf[16];
    REQUIRE(reader.read(buf, 4) == 4);
    CHECK(reader.read_at(50000, buf, sizeof buf) == sizeof buf);
    CHECK(std::string(buf, sizeof buf) == input.substr(50000, sizeof buf));
    CHECK(reader.read_at(input.size() - 3, buf, sizeof buf) == 3);
    CHECK(reader.read(buf, 4) == 4);
    CHECK(std::string(buf, 4) == input.substr(4, 4));
    reader.seek(99990);
    CHECK(reader.read(buf, sizeof buf) == 10);
    CHECK(std::string(buf, 10) == input.substr(99990));
}

TEST_CASE("input reader: errors name the path, size of regular files") {
    CHECK_THROWS_WITH_AS(InputReader("/nonexistent/dir/x.dump"), doctest::Contains("/nonexistent/dir/x.dump"),
                         std::system_error);
    CHECK_THROWS_AS(InputReader("/"), std::system_error);
    TempFile file("abc");
    InputReader reader(file.path());
    CHECK(reader.size() == std::optional<std::uint64_t>(3));
    CHECK(reader.display_name() == file.path());
    char buf[8];
    CHECK(reader.read(buf, sizeof buf) == 3);
    CHECK(reader.read(buf, sizeof buf) == 0);
    CHECK(InputReader("-").display_name() == "<stdin>");
}
