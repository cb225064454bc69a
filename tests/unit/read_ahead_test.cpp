// parse::ReadAhead must hand out exactly what a StatementSplitter scanning rows hands out, statement by
// statement, whether it splits on a thread of its own or not: the converter relies on that for the output
// to be the same byte for byte.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "ast/dml.hpp"
#include "convert_testing.hpp"
#include "core/diagnostics.hpp"
#include "file_testing.hpp"
#include "io/input_reader.hpp"
#include "parse/dump_insert.hpp"
#include "parse/read_ahead.hpp"
#include "parse/statement_splitter.hpp"

namespace {

using sqlite2pg::InputError;
using sqlite2pg::SourceLoc;
using sqlite2pg::io::InputReader;
using sqlite2pg::parse::ReadAhead;
using sqlite2pg::parse::StatementSplitter;
using sqlite2pg::testing::TempFile;

/// One statement as the caller saw it, with what it could ask right after.
struct Step {
    std::string text;
    SourceLoc begin;
    bool terminated = true;
    std::optional<sqlite2pg::ast::InsertRows> rows;  ///< when it came scanned
    std::vector<std::string> comments;               ///< error comments taken after it (line: text)
    std::uint64_t bytes_consumed = 0;
    friend bool operator==(const Step&, const Step&) = default;
    friend std::ostream& operator<<(std::ostream& os, const Step& s) {
        return os << s.begin.line << ':' << s.begin.column << " @" << s.begin.offset << " consumed " << s.bytes_consumed
                  << (s.rows ? " scanned " : " ") << s.comments.size() << " comments [" << s.text.substr(0, 60) << ']';
    }
};

/// A whole pass over an input.
struct Run {
    std::vector<Step> steps;
    std::vector<std::string> final_comments;  ///< taken after the end of input
    std::uint64_t final_bytes = 0;
    std::string error;  ///< the id of what next() threw, with its position
    SourceLoc error_loc;
};

template <class Source>
std::vector<std::string> comments_of(Source& source) {
    std::vector<std::string> out;
    for (const auto& c : source.take_error_comments()) out.push_back(std::to_string(c.loc.line) + ": " + c.text);
    return out;
}

/// Every statement `source` gives, and what it says after each.
template <class Source>
Run run(Source& source) {
    Run out;
    try {
        while (auto statement = source.next()) {
            Step step{std::string(statement->text), statement->begin, statement->terminated, std::nullopt, {}, 0};
            if (statement->rows != nullptr) {
                sqlite2pg::ast::InsertRows rows;
                sqlite2pg::parse::materialize(*statement->rows, rows);
                step.rows = std::move(rows);
            }
            step.comments = comments_of(source);
            step.bytes_consumed = source.bytes_consumed();
            out.steps.push_back(std::move(step));
        }
        out.final_comments = comments_of(source);
        out.final_bytes = source.bytes_consumed();
    } catch (const InputError& e) {
        out.error = e.diagnostic().id;
        out.error_loc = e.diagnostic().loc;
    }
    return out;
}

/// `run` with the rows of every statement that came without them scanned from its text, as the converter
/// scans them; also says how many came without rows.
Run scanned_by_caller(Run run, std::size_t& left_to_caller) {
    left_to_caller = 0;
    for (Step& step : run.steps) {
        if (step.rows) continue;
        sqlite2pg::parse::InsertScan scan;
        if (!sqlite2pg::parse::scan_dump_insert(step.text, scan)) continue;
        ++left_to_caller;
        sqlite2pg::ast::InsertRows rows;
        sqlite2pg::parse::materialize(scan, rows);
        step.rows = std::move(rows);
    }
    return run;
}

void check_same_run(const Run& got, const Run& expected) {
    REQUIRE(got.steps.size() == expected.steps.size());
    for (std::size_t i = 0; i < got.steps.size(); ++i) {
        CAPTURE(i);
        REQUIRE(got.steps[i] == expected.steps[i]);
    }
    CHECK(got.final_comments == expected.final_comments);
    CHECK(got.final_bytes == expected.final_bytes);
    CHECK(got.error == expected.error);
    CHECK(got.error_loc == expected.error_loc);
}

/// `input` read by a plain splitter scanning rows, and by ReadAhead without and with a thread, reading
/// 1 MiB and 4 KiB at a time (then the splitter's buffer is overwritten long before the statements of a
/// batch are taken): all must agree. When the thread leaves some INSERTs for the caller to scan, what the
/// caller scans from their text must be the rows the splitter scanned.
void check_same_as_splitter(const std::string& input) {
    using Scans = sqlite2pg::Config::AheadScans;
    const TempFile file(input);
    for (const std::size_t chunk_size : {InputReader::kChunkSize, std::size_t{4096}}) {
        CAPTURE(chunk_size);
        InputReader plain_input(file.path());
        StatementSplitter splitter(plain_input, chunk_size);
        sqlite2pg::parse::InsertScan scan;
        splitter.scan_rows_into(scan);
        const Run expected = run(splitter);
        std::size_t unscanned_by_splitter = 0;
        const Run expected_scanned = scanned_by_caller(expected, unscanned_by_splitter);
        for (const bool thread : {false, true})
            for (const Scans scans : {Scans::Every, Scans::EveryOther, Scans::Measured}) {
                CAPTURE(thread);
                CAPTURE(static_cast<int>(scans));
                InputReader ahead_input(file.path());
                ReadAhead ahead(ahead_input, thread, scans, chunk_size);
                CHECK(ahead.threaded() == thread);
                const Run got = run(ahead);
                if (!thread || scans == Scans::Every) {
                    check_same_run(got, expected);
                    continue;
                }
                std::size_t left_to_caller = 0;
                check_same_run(scanned_by_caller(got, left_to_caller), expected_scanned);
                // Every other batch's INSERTs come without rows: of a long dump, many more than the splitter
                // leaves unscanned when its buffer ends inside one.
                if (scans == Scans::EveryOther && expected.steps.size() > 2 * ReadAhead::kBatchStatements)
                    CHECK(left_to_caller > unscanned_by_splitter + ReadAhead::kBatchStatements / 2);
            }
    }
}

/// A dump of some fifty thousand statements: more than one batch holds, by count and by bytes, with
/// strings spanning lines, evaluated values, an error comment, a trigger, a statement larger than a batch
/// and a multi-row INSERT of more values than a reused scan keeps.
std::string many_statements() {
    std::string dump = "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t(a INTEGER, b TEXT, c REAL, d BLOB);\n";
    for (int i = 0; i < 40000; ++i) {
        if (i == 25000) dump += "/****** CORRUPTION ERROR *******/\n/****** database disk image is malformed ******/\n";
        dump += "INSERT INTO t VALUES(" + std::to_string(i) + ",'it''s " + std::to_string(i) + "\nsecond line'," +
                std::to_string(i) + ".25,X'0a0B');\n";
        if (i % 7 == 0) dump += "INSERT INTO t VALUES(" + std::to_string(i) + ",replace('a\\nb','\\n',char(10)),NULL,NULL);\n";
    }
    dump += "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; SELECT ';'; END;\n";
    dump += "INSERT INTO t VALUES(1,'" + std::string(3 * ReadAhead::kBatchBytes, 'x') + "',NULL,NULL);\n";
    dump += "INSERT INTO u VALUES";
    for (int i = 0; i < 20000; ++i) dump += (i == 0 ? "(" : ",(") + std::to_string(i) + ")";
    dump += ";\n";
    for (int i = 0; i < 3000; ++i) dump += "INSERT INTO \"t\" VALUES(" + std::to_string(i) + ",'short',1e300,x'');\n";
    return dump;
}

TEST_CASE("read ahead: the same statements, rows, comments and positions as the splitter, with or without a thread") {
    const std::string dump = many_statements();
    REQUIRE(dump.size() > ReadAhead::kBatches * ReadAhead::kBatchBytes);
    REQUIRE(std::count(dump.begin(), dump.end(), ';') > 2 * ReadAhead::kBatches * ReadAhead::kBatchStatements);
    check_same_as_splitter(dump);
    check_same_as_splitter(dump + "COMMIT;\n/**** ERROR: (11) database disk image is malformed *****/\n");
    check_same_as_splitter("");
    check_same_as_splitter("-- only a comment\n");
    check_same_as_splitter("\xEF\xBB\xBFINSERT INTO t VALUES(1);\r\nINSERT INTO t VALUES(2)");
}

TEST_CASE("read ahead: the splitter's error comes after the statements before it, at the same place") {
    check_same_as_splitter(many_statements() + "INSERT INTO t VALUES('never closed);\n");
    check_same_as_splitter("INSERT INTO t VALUES(1);\n/* never closed");
    check_same_as_splitter("SELECT \"never closed;\n");
}

TEST_CASE("read ahead: stopped early, it stops its thread") {
    const TempFile file(many_statements());
    InputReader input(file.path());
    {
        ReadAhead ahead(input, true);
        REQUIRE(ahead.next());
    }  // the destructor returns (the test would hang otherwise) while the thread is still reading ahead
    ReadAhead unused(input, true);
}

/// Converts `dump` with and without the read-ahead thread (sharing the scanning with it three ways):
/// everything must be the same.
void check_same_conversion(const std::string& dump, sqlite2pg::Config config = {}) {
    using Scans = sqlite2pg::Config::AheadScans;
    const TempFile input(dump);
    config.read_ahead = false;
    const sqlite2pg::testing::ConversionResult single = sqlite2pg::testing::convert_file(input.path(), config);
    config.read_ahead = true;
    // The thread scanning every INSERT, those of every other batch (the converter scanning the rest), or as
    // the two threads' speeds call for.
    for (const Scans scans : {Scans::Every, Scans::EveryOther, Scans::Measured}) {
        CAPTURE(static_cast<int>(scans));
        config.ahead_scans = scans;
        const sqlite2pg::testing::ConversionResult ahead = sqlite2pg::testing::convert_file(input.path(), config);
        CHECK(ahead.status == single.status);
        CHECK(ahead.script == single.script);
        CHECK(ahead.report == single.report);
        CHECK(ahead.diagnostics == single.diagnostics);
    }
}

TEST_CASE("read ahead: every fixture dump converts to the same script, report and messages with or without it") {
    std::vector<std::filesystem::path> dumps;
    for (const char* dir : {"dumps", "dump-eras"})
        for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(SQLITE2PG_FIXTURES_DIR) / dir))
            if (entry.path().extension() == ".dump") dumps.push_back(entry.path());
    std::sort(dumps.begin(), dumps.end());
    REQUIRE(dumps.size() > 20);
    for (const auto& path : dumps) {
        CAPTURE(path);
        check_same_conversion(sqlite2pg::testing::read_file(path.string()));
    }
    // Many batches: a table of thousands of rows (one value larger than a batch), with a damaged stretch.
    std::string dump = many_statements();
    dump.replace(dump.find("INSERT INTO u VALUES"), 0, "CREATE TABLE u(x);\n");
    check_same_conversion(dump + "COMMIT;\n");
    sqlite2pg::Config small_window;
    small_window.type_window = 4096;
    check_same_conversion(dump + "COMMIT;\n", small_window);
    // Failing part way: the error, and the script that cannot commit, are the same too.
    check_same_conversion(dump + "INSERT INTO t VALUES('never closed);\n");
}

}  // namespace
