// parse::ReadAhead must hand out exactly what a StatementSplitter scanning rows hands out, statement by
// statement, whether it splits on a thread of its own or not: the converter relies on that for the output
// to be the same byte for byte.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
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

/// A BatchWork that takes the INSERTs that scanned, noting their text and rows, except that it declines the
/// `decline_at`th statement it is given (counting from 1; 0: none).
struct NotingWork : sqlite2pg::parse::BatchWork {
    struct Noted : Result {
        std::vector<Step> steps;
    };
    std::size_t given = 0;
    std::size_t decline_at = 0;
    std::unique_ptr<Result> make_result() const override { return std::make_unique<Noted>(); }
    bool begin(Result& result) override {
        static_cast<Noted&>(result).steps.clear();
        return true;
    }
    bool take(const sqlite2pg::parse::RawStatement& statement, Result& result) override {
        if (++given == decline_at || statement.rows == nullptr) return false;
        Step step{std::string(statement.text), statement.begin, statement.terminated, sqlite2pg::ast::InsertRows{}, {}, 0};
        sqlite2pg::parse::materialize(*statement.rows, *step.rows);
        static_cast<Noted&>(result).steps.push_back(std::move(step));
        return true;
    }
};

TEST_CASE("read ahead: the statements its work takes, and those next() returns, are the splitter's, in order") {
    using Scans = sqlite2pg::Config::AheadScans;
    const std::string dump = many_statements() + "COMMIT;\n";
    const TempFile file(dump);
    InputReader plain_input(file.path());
    StatementSplitter splitter(plain_input);
    sqlite2pg::parse::InsertScan scan;
    splitter.scan_rows_into(scan);
    std::size_t unscanned = 0;
    const Run expected = scanned_by_caller(run(splitter), unscanned);
    for (const Scans scans : {Scans::WorkEvery, Scans::WorkEveryOther, Scans::Measured}) {
        // The caller takes the work of every batch, or leaves that of every third to next().
        for (const bool leave_some : {false, true}) {
            CAPTURE(static_cast<int>(scans));
            CAPTURE(leave_some);
            NotingWork work;
            work.decline_at = 1000;  // one statement is declined: the work on its batch ends there
            InputReader input(file.path());
            ReadAhead ahead(input, true, scans, InputReader::kChunkSize, &work);
            Run got;
            std::size_t worked_batches = 0, taken_batches = 0;
            for (;;) {
                if (auto* worked = ahead.worked_ahead()) {
                    ++worked_batches;
                    auto& noted = static_cast<NotingWork::Noted&>(*worked);
                    REQUIRE(!noted.steps.empty());
                    if (!leave_some || worked_batches % 3 != 0) {
                        ++taken_batches;
                        ahead.skip_worked();
                        for (Step& step : noted.steps) got.steps.push_back(std::move(step));
                        got.steps.back().bytes_consumed = ahead.bytes_consumed();
                        got.steps.back().comments = comments_of(ahead);
                        continue;
                    }
                    // Left: next() returns the same statements, without rows (the caller scans them).
                    const auto first = ahead.next();
                    REQUIRE(first);
                    CHECK(first->rows == nullptr);
                    CHECK(std::string(first->text) == noted.steps.front().text);
                    got.steps.push_back({std::string(first->text), first->begin, first->terminated, std::nullopt,
                                         comments_of(ahead), ahead.bytes_consumed()});
                    continue;
                }
                const auto statement = ahead.next();
                if (!statement) break;
                Step step{std::string(statement->text), statement->begin, statement->terminated, std::nullopt, {}, 0};
                if (statement->rows != nullptr) {
                    step.rows.emplace();
                    sqlite2pg::parse::materialize(*statement->rows, *step.rows);
                }
                step.comments = comments_of(ahead);
                step.bytes_consumed = ahead.bytes_consumed();
                got.steps.push_back(std::move(step));
            }
            got.final_comments = comments_of(ahead);
            got.final_bytes = ahead.bytes_consumed();
            // (Measured: as many as the two threads' timing gives, possibly none.)
            if (scans != Scans::Measured) CHECK(taken_batches > 20);
            // Positions are compared where the caller could ask: after a batch's worked statements only after
            // the last of them.
            Run comparable = expected;
            for (std::size_t i = 0; i < got.steps.size() && i < comparable.steps.size(); ++i)
                if (got.steps[i].bytes_consumed == 0) comparable.steps[i].bytes_consumed = 0;
            std::size_t left_to_caller = 0;
            check_same_run(scanned_by_caller(got, left_to_caller), comparable);
        }
    }
}

TEST_CASE("read ahead: as the speeds call for, the thread works while the caller is slow") {
    // A caller that takes 100 µs a statement: once kSplitWaiting batches only split wait for it, the thread
    // works on the next one, which the caller reaches after those (a few hundred statements each).
    const TempFile file(many_statements());
    NotingWork work;
    InputReader input(file.path());
    ReadAhead ahead(input, true, sqlite2pg::Config::AheadScans::Measured, InputReader::kChunkSize, &work);
    std::size_t statements_before = 0;
    while (ahead.worked_ahead() == nullptr && statements_before < 4 * ReadAhead::kBatchStatements) {
        REQUIRE(ahead.next());
        ++statements_before;
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    CHECK(statements_before >= ReadAhead::kSplitWaiting);
    CHECK(statements_before < 4 * ReadAhead::kBatchStatements);
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

/// Converts `dump` with and without the read-ahead thread (sharing the scanning and converting with it in
/// every way): everything must be the same.
void check_same_conversion(const std::string& dump, sqlite2pg::Config config = {}) {
    using Scans = sqlite2pg::Config::AheadScans;
    const TempFile input(dump);
    config.read_ahead = false;
    const sqlite2pg::testing::ConversionResult single = sqlite2pg::testing::convert_file(input.path(), config);
    config.read_ahead = true;
    // The thread scanning every INSERT, those of every other batch (the converter scanning the rest), also
    // converting the rows of every batch or every other batch it can, or as the two threads' speeds call for.
    for (const Scans scans : {Scans::Every, Scans::EveryOther, Scans::WorkEvery, Scans::WorkEveryOther, Scans::Measured}) {
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

/// Tables of many rows whose columns check their values (timestamps, dates, JSON, a length, a numeric
/// typmod), with values each check rejects or reformats, invalid UTF-8, NULLs, evaluated values, INSERTs
/// naming their columns, a table's rows arriving in two stretches, a damaged stretch, and a table whose rows
/// flow (with a small --type-window) and whose columns are widened by rows far apart.
std::string checked_tables() {
    std::string dump = "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n"
                       "CREATE TABLE a(id INTEGER PRIMARY KEY, at DATETIME, d DATE, j JSON, v VARCHAR(5), r REAL, "
                       "b BLOB, n NUMERIC(6,2), f BOOLEAN);\n";
    const auto a_row = [](int i) {
        const std::string n = std::to_string(i);
        std::string at = i % 997 == 5 ? "'not a time'" : i % 401 == 0 ? "'2020-01-01T10:00:00'" : "'2020-01-01 10:00:0" + std::to_string(i % 10) + "'";
        std::string d = i % 1009 == 7 ? "'2020-13-01'" : "'2021-02-0" + std::to_string(1 + i % 9) + "'";
        std::string j = i % 1201 == 3 ? "'{broken'" : "'{\"k\": " + n + "}'";
        std::string v = i % 613 == 1 ? "'toolong'" : i % 617 == 2 ? "'sp '" : i % 619 == 4 ? "'\xff\xfe'" : "'v" + std::to_string(i % 100) + "'";
        std::string r = i % 3 == 0 ? n : i % 3 == 1 ? n + ".5" : i % 503 == 2 ? "1e300" : "NULL";
        std::string b = i % 2 ? "X'00ff" + std::string(i % 7, 'a') + (i % 7 % 2 ? "a" : "") + "'" : "'as text'";
        std::string num = i % 1499 == 6 ? "12345.678" : n + ".25";
        std::string f = i % 1999 == 8 ? "2" : std::to_string(i % 2);
        return "INSERT INTO a VALUES(" + n + "," + at + "," + d + "," + j + "," + v + "," + r + "," + b + "," + num + "," +
               f + ");\n";
    };
    for (int i = 0; i < 12000; ++i) dump += a_row(i);
    dump += "CREATE TABLE b(x TEXT, y INT);\n";
    for (int i = 0; i < 9000; ++i) {
        if (i == 6000) dump += "/****** CORRUPTION ERROR *******/\n";
        if (i % 500 == 0) dump += "INSERT INTO b(y,x) VALUES(" + std::to_string(i) + ",'named');\n";
        else if (i % 333 == 0) dump += "INSERT INTO b VALUES(replace('p\\nq','\\n',char(10))," + std::to_string(i) + ");\n";
        else dump += "INSERT INTO b VALUES('row " + std::to_string(i) + "'," + std::to_string(i * 7919) + ");\n";
    }
    dump += "CREATE TABLE c(id INTEGER, k1 INT, k2 INT, k3 INT, s TEXT);\n";
    for (int i = 0; i < 16000; ++i) {
        const auto k = [&](int at) { return i == at ? "'x" + std::to_string(i) + "'" : std::to_string(i * 3); };
        dump += "INSERT INTO c VALUES(" + std::to_string(i) + "," + k(1700) + "," + k(5203) + "," + k(11111) + ",'s" +
                std::to_string(i) + "');\n";
    }
    for (int i = 12000; i < 15000; ++i) dump += a_row(i);  // a's rows again, after b's and c's
    dump += "CREATE INDEX a_at ON a(at);\nCOMMIT;\n";
    return dump;
}

TEST_CASE("read ahead: tables whose values are checked convert the same with the thread converting rows") {
    const std::string dump = checked_tables();
    REQUIRE(dump.size() > 8 * ReadAhead::kBatchBytes);
    check_same_conversion(dump);
    sqlite2pg::Config config;
    // Blocks written part way (in the middle of the thread's batches too), tables read whole, text repaired.
    for (const std::uint64_t window : {std::uint64_t{4096}, std::uint64_t{100'000}, sqlite2pg::Config::kWholeTables}) {
        CAPTURE(window);
        config.type_window = window;
        check_same_conversion(dump, config);
    }
    config.invalid_utf8 = sqlite2pg::InvalidUtf8::Replace;
    check_same_conversion(dump, config);
    config.strict = true;
    check_same_conversion(dump, config);
}

}  // namespace
