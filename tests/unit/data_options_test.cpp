// Whole conversions with the data-fidelity options: --strict refuses the first lossy value decision naming its
// line and value, --invalid-utf8 replace changes values (reported, lossy), --cast types columns.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "convert_testing.hpp"
#include "pipeline/converter.hpp"

namespace {

/// Converts `dump` with `config` (quietly); the report parsed.
struct Run {
    int status = 0;
    std::string script, diagnostics;
    nlohmann::json report;
};

Run convert(const std::string& dump, sqlite2pg::Config config) {
    config.quiet = true;
    const sqlite2pg::testing::ConversionResult c = sqlite2pg::testing::convert_dump(dump, config);
    Run r{c.status, c.script, c.diagnostics, {}};
    if (!c.report.empty()) r.report = nlohmann::json::parse(c.report);
    return r;
}

const std::string kBadText =
    "CREATE TABLE t(id INTEGER PRIMARY KEY, note TEXT, at DATETIME);\n"
    "INSERT INTO t VALUES(1,'fine','2020-01-01 10:00:00');\n"
    "INSERT INTO t VALUES(2,'bad \xc3\x28 byte','now');\n"
    "INSERT INTO t VALUES(3,unistr('nul \\0000 char'),'2020-01-01 10:00:00');\n";

}  // namespace

TEST_CASE("data: invalid UTF-8 makes the column bytea by default, reported as lossy with count and line") {
    Run r = convert(kBadText, {});
    REQUIRE(r.status == sqlite2pg::pipeline::kSuccess);
    CHECK(r.script.find("  note bytea,") != std::string::npos);
    CHECK(r.script.find("  at text") != std::string::npos);  // 'now' is not a timestamp
    bool found = false;
    for (const auto& d : r.report["decisions"])
        if (d["object"] == "column \"t\".\"note\"" && d["kind"] == "type-changed") {
            found = true;
            CHECK(d["lossy"] == true);
            CHECK(d["line"] == 3);
            CHECK(d["values"] == 2);
        }
    CHECK(found);
    for (const auto& c : r.report["tables"][0]["columns"])
        if (c["sqlite_name"] == "note") CHECK(c["pg_type"] == "bytea");
}

TEST_CASE("data: --strict stops at the first lossy value decision, naming its line and value") {
    sqlite2pg::Config config;
    config.strict = true;
    Run r = convert(kBadText, config);
    CHECK(r.status == sqlite2pg::pipeline::kStrictRefusal);
    CHECK(r.diagnostics.find(":3: error: --strict: column \"t\".\"note\"") != std::string::npos);
    CHECK(r.diagnostics.find("'bad \\xc3( byte'") != std::string::npos);
    CHECK(r.script.find("COMMIT;") == std::string::npos);
}

TEST_CASE("data: --invalid-utf8 replace keeps text, replaces each bad byte by U+FFFD, reports it as lossy") {
    sqlite2pg::Config config;
    config.invalid_utf8 = sqlite2pg::InvalidUtf8::Replace;
    Run r = convert(kBadText, config);
    REQUIRE(r.status == sqlite2pg::pipeline::kSuccess);
    CHECK(r.script.find("  note text COLLATE \"C\",") != std::string::npos);
    CHECK(r.script.find("bad \xEF\xBF\xBD( byte") != std::string::npos);
    CHECK(r.script.find("nul \xEF\xBF\xBD char") != std::string::npos);
    bool found = false;
    for (const auto& d : r.report["decisions"])
        if (d["kind"] == "value-replaced") {
            found = true;
            CHECK(d["lossy"] == true);
            CHECK(d["values"] == 2);
            CHECK(d["line"] == 3);
        }
    CHECK(found);
    config.strict = true;
    CHECK(convert(kBadText, config).status == sqlite2pg::pipeline::kStrictRefusal);
}

TEST_CASE("data: --cast types matching columns, and is not lossy") {
    sqlite2pg::Config config;
    config.strict = true;
    config.casts = {"datetime=timestamptz", "/^int$/=integer"};
    Run r = convert("CREATE TABLE t(at DATETIME, n INT, m INT);\n"
                    "INSERT INTO t VALUES('2020-01-01T10:00:00Z', 1, 3000000000);\n",
                    config);
    REQUIRE(r.status == sqlite2pg::pipeline::kSuccess);
    CHECK(r.script.find("  at timestamptz,\n  n integer,\n  m bigint\n") != std::string::npos);
    CHECK(r.script.find("-- sqlite2pg: column \"t\".\"m\": INT → bigint (--cast '/^int$/=integer' does not hold") !=
          std::string::npos);
}

TEST_CASE("data: a multi-megabyte text and blob pass through whole") {
    const std::string big(3 << 20, 'x');
    std::string hex;
    for (int i = 0; i < (2 << 20); ++i) hex += "ab";
    Run r = convert("CREATE TABLE t(a TEXT, b BLOB);\nINSERT INTO t VALUES('" + big + "',X'" + hex + "');\n", {});
    REQUIRE(r.status == sqlite2pg::pipeline::kSuccess);
    CHECK(r.script.find(big + "\t\\\\x" + hex + "\n") != std::string::npos);
}

TEST_CASE("data: literals taken from the statement text are spelt as the values they stand for") {
    // Leading zeros, -0, the largest 18-digit integer and one longer, '' and backslashes, upper-case hex,
    // `||` (evaluated), a spaced minus, and a column list in another order.
    using namespace sqlite2pg::testing;
    const std::string out = convert_text(
        "CREATE TABLE t(a, b TEXT, c BLOB, d BOOLEAN);\n"
        "INSERT INTO t VALUES(007,'x''y',X'ABcd',1);\n"
        "INSERT INTO t VALUES(-0,'a\\b',x'',0);\n"
        "INSERT INTO t VALUES(999999999999999999,'',NULL,NULL);\n"
        "INSERT INTO t VALUES(-9223372036854775808,'q' || 'r',NULL,1);\n"
        "INSERT INTO t(d,c,b,a) VALUES(0,X'00','rev',- 5);\n");
    CHECK(contains(out, "COPY t (a, b, c, d) FROM stdin;\n"
                        "7\tx'y\t\\\\xabcd\t1\n"
                        "0\ta\\\\b\t\\\\x\t0\n"
                        "999999999999999999\t\t\\N\t\\N\n"
                        "-9223372036854775808\tqr\t\\N\t1\n"
                        "-5\trev\t\\\\x00\t0\n"
                        "\\.\n"));
}
