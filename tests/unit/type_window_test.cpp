// Whole conversions with a small --type-window: a table's types are chosen from its first rows and its rows
// are written before its last one is read; later values that do not fit widen the column between COPY blocks,
// reported, and give every value exactly what a whole read gives it.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "convert_testing.hpp"
#include "pipeline/converter.hpp"

namespace {

using sqlite2pg::Config;
using sqlite2pg::testing::contains;

struct Run {
    std::string script;
    nlohmann::json report;
};

/// Converts `dump` with types chosen from the first `window` bytes of each table's rows.
Run convert(const std::string& dump, std::uint64_t window) {
    Config config;
    config.quiet = true;
    config.type_window = window;
    const sqlite2pg::testing::ConversionResult c = sqlite2pg::testing::convert_dump(dump, config);
    REQUIRE(c.status == sqlite2pg::pipeline::kSuccess);
    return {c.script, nlohmann::json::parse(c.report)};
}

/// The decisions of `kind` in a report.
std::vector<nlohmann::json> decisions(const nlohmann::json& report, const std::string& kind) {
    std::vector<nlohmann::json> out;
    for (const auto& d : report["decisions"])
        if (d["kind"] == kind) out.push_back(d);
    return out;
}

/// How many decisions in a report are lossy.
std::size_t lossy_decisions(const nlohmann::json& report) {
    std::size_t n = 0;
    for (const auto& d : report["decisions"]) n += d["lossy"] == true;
    return n;
}

/// The COPY lines of `table` in `script`, across all its COPY blocks.
std::vector<std::string> copy_lines(const std::string& script, const std::string& table) {
    std::vector<std::string> lines;
    const std::string begin = "COPY " + table + " (";
    for (std::size_t at = script.find(begin); at != std::string::npos; at = script.find(begin, at)) {
        at = script.find('\n', at) + 1;
        for (std::size_t end = script.find('\n', at); script.compare(at, 3, "\\.\n") != 0; end = script.find('\n', at)) {
            lines.push_back(script.substr(at, end - at));
            at = end + 1;
        }
    }
    return lines;
}

// Fits its declared types in its first row; the rows after it do not.
const std::string kLateMisfits =
    "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, flag BOOLEAN, note TEXT NOT NULL, r REAL);\n"
    "INSERT INTO t VALUES(1,5,1,'a',0.0001);\n"
    "INSERT INTO t VALUES(2,6,0,'b',2.0);\n"
    "INSERT INTO t VALUES(3,1.5,2,NULL,1e+20);\n"
    "INSERT INTO t VALUES(4,7,1,'d','n/a');\n";

}  // namespace

TEST_CASE("type window: later rows that do not fit widen their columns between COPY blocks, reported") {
    const Run streamed = convert(kLateMisfits, 1);
    const std::string& s = streamed.script;
    // Types from the first row; that row is written before the widening rows, in a COPY block of its own.
    const std::size_t create = s.find("CREATE TABLE t (");
    const std::size_t first_copy = s.find("COPY t (");
    const std::size_t widen = s.find("ALTER TABLE t ALTER COLUMN n TYPE double precision USING (n)::double precision;");
    REQUIRE(create != std::string::npos);
    REQUIRE(widen != std::string::npos);
    CHECK(contains(s.substr(create, first_copy - create), "  n bigint,\n  flag boolean,\n  note text COLLATE \"C\" NOT NULL,\n  r double precision\n"));
    CHECK(first_copy < widen);
    CHECK(s.find("\\.\n", first_copy) < widen);
    CHECK(contains(s, "ALTER TABLE t ALTER COLUMN flag TYPE bigint USING ((flag)::integer)::bigint;"));
    CHECK(contains(s, "ALTER TABLE t ALTER COLUMN note DROP NOT NULL;"));
    // The REAL column's reals were written as double precision; as text they read as a text column holds them.
    CHECK(contains(s, "ALTER TABLE t ALTER COLUMN r TYPE text COLLATE \"C\" USING regexp_replace((r)::text, '^(-?[0-9]+)$', '\\1.0');"));
    CHECK(copy_lines(s, "t") == std::vector<std::string>{"1\t5\t1\ta\t1e-04", "2\t6\t0\tb\t2.0", "3\t1.5\t2\t\\N\t1e+20",
                                                          "4\t7\t1\td\tn/a"});
    // Every change is in the report: the widenings are exact notes, the NOT NULL left out is lossy.
    const auto widened = decisions(streamed.report, "type-widened");
    REQUIRE(widened.size() == 3);
    for (const auto& d : widened) {
        CHECK(d["lossy"] == false);
        CHECK(contains(d["why"].get<std::string>(), "rows after the first 1, which its types were chosen from by --type-window"));
    }
    const auto nullable = decisions(streamed.report, "constraint-skipped");
    REQUIRE(nullable.size() == 1);
    CHECK(nullable[0]["lossy"] == true);
    CHECK(nullable[0]["changed"] == "NOT NULL dropped");

    // Read whole, the same table gets the final types at once: the same values, no ALTER.
    const Run whole = convert(kLateMisfits, Config::kWholeTables);
    CHECK_FALSE(contains(whole.script, "ALTER TABLE t ALTER COLUMN n TYPE"));
    CHECK(contains(whole.script, "  n double precision,\n  flag bigint,\n  note text COLLATE \"C\",\n  r text COLLATE \"C\"\n"));
    CHECK(copy_lines(whole.script, "t") == std::vector<std::string>{"1\t5\t1\ta\t0.0001", "2\t6\t0\tb\t2.0",
                                                                     "3\t1.5\t2\t\\N\t1e+20", "4\t7\t1\td\tn/a"});
}

TEST_CASE("type window: a column that would hold integers as double precision keeps its table's rows until the end") {
    // After the first row `v` is bigint; the real in the second would make it double precision holding an
    // integer, which a later text value could not turn back into "1": the rest of the table is read whole,
    // and the column goes from bigint straight to text.
    const std::string dump =
        "CREATE TABLE t(id INTEGER PRIMARY KEY, v);\n"
        "INSERT INTO t VALUES(1,1);\n"
        "INSERT INTO t VALUES(2,2.5);\n"
        "INSERT INTO t VALUES(3,'x');\n"
        "INSERT INTO t VALUES(4,4);\n";
    const Run r = convert(dump, 1);
    CHECK(contains(r.script, "ALTER TABLE t ALTER COLUMN v TYPE text COLLATE \"C\" USING (v)::text;"));
    CHECK_FALSE(contains(r.script, "TYPE double precision"));
    CHECK(copy_lines(r.script, "t") == std::vector<std::string>{"1\t1", "2\t2.5", "3\tx", "4\t4"});
    CHECK(lossy_decisions(r.report) == 0);
}

TEST_CASE("type window: a table within the window is written as when read whole") {
    const std::string dump =
        "CREATE TABLE t(id INTEGER PRIMARY KEY, v);\n"
        "INSERT INTO t VALUES(1,1);\n"
        "INSERT INTO t VALUES(2,2.5);\n"
        "INSERT INTO t VALUES(3,'x');\n";
    // (The first line names the input file, a temporary one of its own for each conversion.)
    auto body = [](const std::string& script) { return script.substr(script.find('\n')); };
    CHECK(body(convert(dump, Config::kDefaultTypeWindow).script) == body(convert(dump, Config::kWholeTables).script));
}

TEST_CASE("type window: widening from a column already holding integers as double precision is reported lossy") {
    // Rows arriving after other statements (a hand-made dump) cannot be held back: the table was written
    // whole when its first rows ended. Its integers, now double precision, read as reals in text.
    const std::string dump =
        "CREATE TABLE t(id INTEGER PRIMARY KEY, v);\n"
        "INSERT INTO t VALUES(1,1);\n"
        "INSERT INTO t VALUES(2,2.5);\n"
        "CREATE TABLE u(id INTEGER PRIMARY KEY);\n"
        "INSERT INTO t VALUES(3,'x');\n";
    const Run r = convert(dump, Config::kWholeTables);
    const auto widened = decisions(r.report, "type-widened");
    REQUIRE(widened.size() == 1);
    CHECK(widened[0]["lossy"] == true);
    CHECK(contains(widened[0]["why"].get<std::string>(),
                   "the 1 integer already written as double precision now read as reals (3 as 3.0)"));
}

TEST_CASE("type window: a text column given blobs that are valid text is not altered to text again") {
    // Such blobs are written into text as their bytes: text already holds them, block after block.
    const std::string dump =
        "CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT);\n"
        "INSERT INTO t VALUES(1,'a');\n"
        "INSERT INTO t VALUES(2,X'6869');\n"
        "INSERT INTO t VALUES(3,X'6869');\n"
        "INSERT INTO t VALUES(4,'d');\n";
    const Run r = convert(dump, 1);
    CHECK_FALSE(contains(r.script, "ALTER TABLE t ALTER COLUMN s"));
    CHECK(decisions(r.report, "type-widened").empty());
    CHECK(copy_lines(r.script, "t") == std::vector<std::string>{"1\ta", "2\thi", "3\thi", "4\td"});
}

TEST_CASE("type window: reals numeric would print otherwise keep a numeric column's table back until its end") {
    // 1e-05 as numeric prints 0.00001: once loaded there it could not become the text 1e-05 if the column
    // later turned text. The real in the first row (1.5) prints alike either way, so that row may flow.
    const std::string dump =
        "CREATE TABLE t(id INTEGER PRIMARY KEY, n NUMERIC);\n"
        "INSERT INTO t VALUES(1,1.5);\n"
        "INSERT INTO t VALUES(2,1.0e-05);\n"
        "INSERT INTO t VALUES(3,'n/a');\n";
    const Run r = convert(dump, 1);
    CHECK(contains(r.script, "  n numeric\n"));
    CHECK(contains(r.script, "ALTER TABLE t ALTER COLUMN n TYPE text COLLATE \"C\" USING (n)::text;"));
    CHECK(copy_lines(r.script, "t") == std::vector<std::string>{"1\t1.5", "2\t1e-05", "3\tn/a"});
    CHECK(lossy_decisions(r.report) == 0);
}

TEST_CASE("type window: a widened column gets the type a whole read gives it") {
    // DECIMAL(5,2) holds 1.5 but not 12.345: read whole the column is plain numeric (no rounding), and so
    // it becomes when 12.345 comes after the window — not the double precision of a column without intent.
    const std::string dump =
        "CREATE TABLE t(id INTEGER PRIMARY KEY, p DECIMAL(5,2));\n"
        "INSERT INTO t VALUES(1,1.5);\n"
        "INSERT INTO t VALUES(2,12.345);\n";
    const Run streamed = convert(dump, 1);
    CHECK(contains(streamed.script, "  p numeric(5,2)\n"));
    CHECK(contains(streamed.script, "ALTER TABLE t ALTER COLUMN p TYPE numeric USING "));
    const Run whole = convert(dump, Config::kWholeTables);
    CHECK(contains(whole.script, "  p numeric\n"));
}

TEST_CASE("type window: reals read from their digits count as the same reals read as doubles") {
    // A real written digits.digits after a column's first one is measured from its text alone: integral
    // (2.0) or tiny (0.00001) ones must hold a numeric column's table back exactly as they do when written
    // with an exponent, which reads them as doubles.
    for (const auto& spellings : std::vector<std::pair<std::string, std::string>>{
             {"2.0", "2.0e0"}, {"0.00001", "1.0e-05"}, {"2.5", "2.5e0"}, {"37.350000000000001421", "3.7350000000000001421e1"}}) {
        const std::string& plain = spellings.first;
        const std::string& exponent = spellings.second;
        CAPTURE(plain);
        auto dump = [&](const std::string& real) {
            return "CREATE TABLE t(id INTEGER PRIMARY KEY, n NUMERIC);\n"
                   "INSERT INTO t VALUES(1,1.5);\n"
                   "INSERT INTO t VALUES(2," + real + ");\n"
                   "INSERT INTO t VALUES(3,'n/a');\n";
        };
        for (const std::uint64_t window : {std::uint64_t{1}, Config::kWholeTables}) {
            const Run from_digits = convert(dump(plain), window);
            const Run from_double = convert(dump(exponent), window);
            // (The first line names the temporary dump file.)
            CHECK(from_digits.script.substr(from_digits.script.find('\n')) ==
                  from_double.script.substr(from_double.script.find('\n')));
            CHECK(from_digits.report["decisions"] == from_double.report["decisions"]);
        }
    }
}

TEST_CASE("type window: rows of INSERTs split as one run are written out where they would be one by one") {
    // Rows whose values now and then widen a column, in INSERTs the splitter takes as runs; and the same
    // INSERTs with a space after each ';', which ends every run (lines and values stay as they are).
    std::string dump = "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, note TEXT);\n";
    std::string one_by_one = dump;
    for (int i = 1; i <= 300; ++i) {
        const std::string n = i % 77 == 0 ? "'x" + std::to_string(i) + "'" : std::to_string(i);
        const std::string insert =
            "INSERT INTO t VALUES(" + std::to_string(i) + "," + n + ",'note " + std::to_string(i) + "');";
        dump += insert + "\n";
        one_by_one += insert + " \n";
    }
    // (The first line names the input file, a temporary one of its own for each conversion.)
    auto body = [](const std::string& script) { return script.substr(script.find('\n')); };
    for (const std::uint64_t window : {std::uint64_t{1}, std::uint64_t{200}, std::uint64_t{1000}}) {
        CAPTURE(window);
        const Run runs = convert(dump, window);
        const Run single = convert(one_by_one, window);
        CHECK(body(runs.script) == body(single.script));
        CHECK(runs.report["decisions"] == single.report["decisions"]);
        // Row 77 widens `n`: rows are written one statement at a time, so the rows before it are all out, in
        // the COPY block the ALTER ends, although the splitter took rows 65 to 128 as one run.
        if (window == 1) {
            const std::size_t copy = runs.script.find("COPY t (");
            const std::size_t end = runs.script.find("\\.\n", copy);
            REQUIRE(end < runs.script.find("ALTER TABLE t ALTER COLUMN n TYPE text"));
            const std::string block = runs.script.substr(copy, end - copy);
            CHECK(std::count(block.begin(), block.end(), '\n') == 1 + 76);
        }
    }
}
