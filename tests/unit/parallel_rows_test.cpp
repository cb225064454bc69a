// pipeline::ParallelRows: the units of rows its thread converts are exactly what converting their statements
// one by one gives, found only where a statement begins, and a conversion on two threads writes the same
// script, report and messages as one on one thread, whatever the dump holds.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "convert_testing.hpp"
#include "file_testing.hpp"
#include "io/input_reader.hpp"
#include "parse/dump_insert.hpp"
#include "parse/statement_splitter.hpp"
#include "passes/column_stats.hpp"
#include "pipeline/parallel_rows.hpp"
#include "pipeline/rows_ahead.hpp"

namespace {

using sqlite2pg::Config;
using sqlite2pg::InvalidUtf8;
using sqlite2pg::SourceLoc;
using sqlite2pg::io::InputReader;
using sqlite2pg::parse::StatementSplitter;
using sqlite2pg::passes::ColumnStats;
using sqlite2pg::pipeline::AheadRows;
using sqlite2pg::pipeline::ParallelRows;
using sqlite2pg::pipeline::RowsAhead;
using sqlite2pg::pipeline::RowsUnit;
using sqlite2pg::testing::TempFile;

/// Stretches small enough that a test dump of a few hundred kilobytes holds many of them.
Config::Parallel small_sizes() { return {.lead_bytes = 4096, .unit_bytes = 1024}; }

/// Rows of `t(a INTEGER, b TEXT, c REAL)` whose text spans lines, and now and then holds lines that start
/// `INSERT INTO ` inside the string, which read as statements would be rows of `t` too: the thread, guessing
/// a statement begins there, must never be believed.
std::string rows_with_decoys(int count) {
    std::string dump = "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t(a INTEGER, b TEXT, c REAL);\n";
    for (int i = 0; i < count; ++i) {
        const std::string n = std::to_string(i);
        std::string text = "row " + n + "\nsecond line";
        if (i % 37 == 0) text = "decoy\nINSERT INTO t VALUES(" + n + ",2,1.5);\nINSERT INTO t VALUES(" + n + ",3,2.5);\n";
        if (i % 37 == 1) text = "decoy\nINSERT INTO t VALUES(" + n + ",''q'',1.5);\n";
        if (i % 101 == 0) text = "it''s " + n;
        const std::string c = i % 13 == 0 ? "NULL" : i % 2 ? n + ".5" : n + ".25";
        dump += "INSERT INTO t VALUES(" + n + ",'" + text + "'," + c + ");\n";
    }
    return dump;
}

/// The rows `stage` holds, each as its line and its tags (read back, which empties the stage).
std::vector<std::string> staged(sqlite2pg::pipeline::RowStage& stage) {
    std::vector<std::string> rows;
    sqlite2pg::pipeline::RowStage::Cursor cursor(stage, 3);
    sqlite2pg::pipeline::StagedRow row;
    while (cursor.next(row)) rows.push_back(std::string(row.line) + "|" + std::string(row.tags));
    return rows;
}

/// The ColumnStats of `t` fresh, as the converter aims with.
std::vector<ColumnStats> three_columns() { return std::vector<ColumnStats>(3); }

TEST_CASE("parallel rows: a unit holds exactly the rows and measures of its statements, converted one by one") {
    const std::string dump = rows_with_decoys(6000) + "COMMIT;\n";
    const TempFile file(dump);
    RowsAhead aims;
    aims.aim("t", three_columns());
    // The caller's side converts the same statements itself, for comparison, aimed alike.
    RowsAhead mine;
    mine.aim("t", three_columns());
    AheadRows expected(InvalidUtf8::Bytea);

    InputReader input(file.path());
    StatementSplitter splitter(input);
    sqlite2pg::parse::InsertScan scan;
    splitter.scan_rows_into(scan);
    std::size_t units = 0, statements = 0;
    std::uint64_t bytes_in_units = 0;
    {
        ParallelRows parallel(file.path(), input, aims, InvalidUtf8::Bytea, small_sizes());
        // A slow caller: the thread gets ahead and converts as many units as it may keep before the caller
        // reaches them. Waited for rather than slept on: on a loaded machine (or under TSan) 200 ms were
        // once not enough for one.
        parallel.wait_for_units(ParallelRows::kUnits);
        while (auto raw = splitter.next()) {
            ++statements;
            RowsUnit* unit = parallel.at(raw->begin.offset);
            if (unit == nullptr) continue;
            ++units;
            CAPTURE(raw->begin.line);
            REQUIRE(unit->start.offset == raw->begin.offset);
            // Convert the unit's statements here, from the statement just split up to the unit's end.
            REQUIRE(mine.begin(expected));
            std::uint64_t end = 0;
            std::size_t in_unit = 0;
            for (auto at = raw; at && at->begin.offset < unit->end.offset; at = splitter.next()) {
                REQUIRE(mine.take(*at, expected));
                end = splitter.bytes_consumed();
                ++in_unit;
                if (end == unit->end.offset) break;
            }
            REQUIRE(end == unit->end.offset);
            statements += in_unit - 1;
            bytes_in_units += unit->end.offset - unit->start.offset;
            CHECK(unit->rows.stage.rows() == expected.stage.rows());
            CHECK(unit->rows.stage.bytes() == expected.stage.bytes());
            CHECK(unit->rows.bytes_after == expected.bytes_after);
            // Lines: the thread counts from 1 at the line where it started; shifted, its measures are ours.
            const std::uint64_t line_offset = raw->begin.line - unit->start.line;
            CHECK(splitter.consumed_loc().line == unit->end.line + line_offset);
            for (std::size_t c = 0; c < 3; ++c) {
                ColumnStats shifted;
                shifted.merge(unit->rows.stats[c], line_offset);
                CHECK(shifted == expected.stats[c]);
            }
            // The staged lines and tags themselves.
            CHECK(staged(unit->rows.stage) == staged(expected.stage));
            parallel.release(unit->end.offset);
        }
    }
    CHECK(statements == 6000 + 4);
    // At least the units it kept while the caller slept (the guesses believed, the units found).
    CHECK(units >= ParallelRows::kUnits);
    CHECK(bytes_in_units >= ParallelRows::kUnits * small_sizes().unit_bytes);
}

TEST_CASE("parallel rows: stopped while converting, it stops its thread") {
    const TempFile file(rows_with_decoys(20000));
    const InputReader same_file(file.path());
    RowsAhead aims;
    aims.aim("t", three_columns());
    for (int i = 0; i < 5; ++i) {
        ParallelRows parallel(file.path(), same_file, aims, InvalidUtf8::Bytea, small_sizes());
        std::this_thread::sleep_for(std::chrono::milliseconds(i));
    }  // each destructor returns (the test would hang otherwise)
    // Never aimed: the thread waits, and stops too.
    RowsAhead unaimed;
    ParallelRows parallel(file.path(), same_file, unaimed, InvalidUtf8::Bytea, small_sizes());
    CHECK(parallel.at(10) == nullptr);
}

TEST_CASE("parallel rows: nothing from a file renamed over the dump's path after the dump was opened") {
    const TempFile file(rows_with_decoys(6000) + "COMMIT;\n");
    const TempFile other(rows_with_decoys(6000) + "COMMIT;\n");
    InputReader input(file.path());
    std::filesystem::rename(other.path(), file.path());
    RowsAhead aims;
    aims.aim("t", three_columns());
    StatementSplitter splitter(input);
    ParallelRows parallel(file.path(), input, aims, InvalidUtf8::Bytea, small_sizes());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::size_t units = 0;
    while (auto raw = splitter.next())
        if (parallel.at(raw->begin.offset) != nullptr) {
            ++units;
            parallel.release(raw->begin.offset);
        }
    CHECK(units == 0);
}

/// Units the first thread took from the second, in all, and before reading their statements.
struct UnitsTaken {
    std::uint64_t taken = 0;
    std::uint64_t followed = 0;
};

/// Converts `dump` on one thread and on two (with the default stretches, and with small ones that make many
/// hand-overs): everything must be the same. Returns how many units the first thread took.
UnitsTaken check_same_conversion(const std::string& dump, Config config = {}) {
    const TempFile input(dump);
    config.second_thread = false;
    const sqlite2pg::testing::ConversionResult single = sqlite2pg::testing::convert_file(input.path(), config);
    config.second_thread = true;
    UnitsTaken taken;
    // The default stretches, smaller ones, and units of one statement each (the first thread is fast enough to
    // pass the second when it starts again only a few kilobytes ahead: these leads leave it time to start).
    for (const Config::Parallel sizes :
         {Config::Parallel{}, Config::Parallel{.lead_bytes = 1 << 16, .unit_bytes = 4096},
          Config::Parallel{.lead_bytes = 1 << 15, .unit_bytes = 1}}) {
        CAPTURE(sizes.lead_bytes);
        config.parallel = sizes;
        config.parallel.units_taken = &taken.taken;
        config.parallel.units_followed = &taken.followed;
        // Two units ready before the first thread goes on: one to take where it arrives, one to take after it
        // without reading it, however busy the machine (ctest runs tests side by side).
        config.parallel.wait_for_units = 2;
        const sqlite2pg::testing::ConversionResult two = sqlite2pg::testing::convert_file(input.path(), config);
        CHECK(two.status == single.status);
        CHECK(two.script == single.script);
        CHECK(two.report == single.report);
        CHECK(two.diagnostics == single.diagnostics);
    }
    return taken;
}

TEST_CASE("parallel rows: every fixture dump converts to the same script, report and messages on two threads") {
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
}

TEST_CASE("parallel rows: decoy INSERT lines inside strings, CR LF line ends, a damaged stretch, an error") {
    const std::string rows = rows_with_decoys(40000);
    // (The first thread took units: the sameness is not that of a second thread that did nothing. And some of
    // them it took before reading their statements, going on from the unit before.)
    const UnitsTaken plain = check_same_conversion(rows + "COMMIT;\n");
    CHECK(plain.taken > 0);
    CHECK(plain.followed > 0);
    // A corruption comment part way, and a statement larger than a unit.
    std::string damaged = rows;
    damaged.insert(damaged.find("INSERT INTO t VALUES(25000,"), "/****** CORRUPTION ERROR *******/\n");
    damaged += "INSERT INTO t VALUES(1,'" + std::string(300000, 'x') + "',NULL);\n";
    CHECK(check_same_conversion(damaged + "COMMIT;\n").taken > 0);
    // CR LF line ends from the middle on (offsets are no longer the file's there), and all along.
    std::string crlf = rows;
    for (std::size_t at = crlf.find('\n', crlf.size() / 2); at != std::string::npos; at = crlf.find('\n', at + 2))
        crlf.replace(at, 1, "\r\n");
    check_same_conversion(crlf + "COMMIT;\r\n");
    // Failing part way: the error, and the script that cannot commit, are the same too.
    check_same_conversion(rows + "INSERT INTO t VALUES(1,'never closed);\n");
    check_same_conversion(rows + "INSERT INTO t VALUES(1,'two',3.5,4);\nCOMMIT;\n");
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

/// Converts `dump` on one thread and on two, with `sizes` and the converting thread waiting for `wait_for`
/// units (ParallelRows::wait_for_units) at its first INSERT: the script and report must be the same. Returns
/// how many units the converting thread took.
std::uint64_t units_taken_on_two_threads(const std::string& dump, Config::Parallel sizes, std::size_t wait_for) {
    const TempFile input(dump);
    Config config;
    config.second_thread = false;
    const sqlite2pg::testing::ConversionResult single = sqlite2pg::testing::convert_file(input.path(), config);
    config.second_thread = true;
    std::uint64_t taken = 0;
    config.parallel = sizes;
    config.parallel.units_taken = &taken;
    config.parallel.wait_for_units = wait_for;
    const sqlite2pg::testing::ConversionResult two = sqlite2pg::testing::convert_file(input.path(), config);
    CHECK(two.script == single.script);
    CHECK(two.report == single.report);
    return taken;
}

TEST_CASE("parallel rows: near the end of the dump the thread starts again half way to it, not a whole lead on") {
    // Shorter than a lead (4 MiB): the thread would start past the end and leave every row to the converting
    // thread; it starts half way instead and converts the second half.
    const std::string dump = rows_with_decoys(60000);
    REQUIRE(dump.size() > std::size_t{1} << 20);
    REQUIRE(dump.size() < Config::Parallel{}.lead_bytes);
    CHECK(units_taken_on_two_threads(dump, {}, 2) > 0);
}

TEST_CASE("parallel rows: at the end of a table's rows the thread converts what lies before its units too") {
    // A table of about 1.5 MiB of rows, then another: the thread starts a lead (half of what is left) ahead of
    // the first INSERT and converts up to the other table, where nothing is ahead for it; it then converts the
    // second half of what lies between the converting thread and its first unit, and again, until less than
    // two units are left. The converting thread, held at its first INSERT until the thread pauses, converts
    // only that little itself.
    std::string dump = rows_with_decoys(25000);
    const std::size_t rows_bytes = dump.size();
    dump += "CREATE TABLE u(x INTEGER);\nINSERT INTO u VALUES(1);\nCOMMIT;\n";
    REQUIRE(rows_bytes > std::size_t{5} << 18);
    const Config::Parallel sizes{.lead_bytes = 1 << 20, .unit_bytes = 1 << 16};
    // Fewer units than the thread can hold ready (ParallelRows::kUnits): the converting thread waits until the
    // thread pauses.
    REQUIRE(rows_bytes / sizes.unit_bytes < ParallelRows::kUnits - 4);
    const std::uint64_t taken = units_taken_on_two_threads(dump, sizes, ParallelRows::kUnits);
    // Without the gaps: the units past the lead only, about half of them.
    CHECK(taken + 3 >= rows_bytes / sizes.unit_bytes);
}

TEST_CASE("parallel rows: tables whose values are checked convert the same on two threads") {
    const std::string dump = checked_tables();
    CHECK(check_same_conversion(dump).taken > 0);
    Config config;
    // Blocks written part way (in the middle of the thread's units too), tables read whole, text repaired.
    for (const std::uint64_t window : {std::uint64_t{4096}, std::uint64_t{100'000}, Config::kWholeTables}) {
        CAPTURE(window);
        config.type_window = window;
        CHECK(check_same_conversion(dump, config).taken > 0);
    }
    config.invalid_utf8 = InvalidUtf8::Replace;
    check_same_conversion(dump, config);
    config.strict = true;
    check_same_conversion(dump, config);
}

}  // namespace
