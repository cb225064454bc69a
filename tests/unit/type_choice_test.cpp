// Type choice: each declared type (or --cast rule) with a set of values gives one PostgreSQL type, and a
// reported decision whenever that type differs from what the declaration asks for.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "passes/passes.hpp"

using namespace sqlite2pg;
using ast::Value;

namespace {

Value txt(const char* s) { return Value::of_text(s); }
Value num(std::int64_t i) { return Value::of_integer(i); }
Value real(double d) { return Value::of_real(d); }
Value blob(std::string b) { return Value::of_blob(std::move(b)); }

struct Result {
    std::string type;     ///< as spelled in DDL
    std::string kinds;    ///< kinds of the decisions recorded, space-separated
    bool lossy = false;
};

/// Runs the pass on a one-column table declared `declared` (`NAME` or `NAME(a,b)`) holding `values`.
Result choose(std::string name, std::vector<std::string> args, std::vector<Value> values,
              std::vector<std::string> casts = {}, InvalidUtf8 invalid = InvalidUtf8::Bytea) {
    Config config;
    config.invalid_utf8 = invalid;
    passes::Catalog catalog;
    DecisionLog decisions(false);
    passes::NameRegistry names;
    pg::PostData post;
    passes::CastRules rules(casts);
    passes::PassContext ctx{config, catalog, decisions, names, post, rules};
    passes::TableInfo table;
    table.sqlite_name = "t";
    passes::ColumnInfo col;
    col.def.name.name = "c";
    if (!name.empty()) col.def.type = ast::TypeName{name, args};
    col.declared_type = name;
    if (!args.empty()) {
        col.declared_type += "(";
        for (std::size_t i = 0; i < args.size(); ++i) col.declared_type += (i ? "," : "") + args[i];
        col.declared_type += ")";
    }
    table.columns.push_back(col);
    table.loaded_columns.push_back(0);
    passes::kChooseColumnTypes.on_table_defined(table, ctx);
    std::uint64_t line = 10;
    for (Value& v : values) {
        if (invalid == InvalidUtf8::Replace) passes::repair_invalid_text(v, table.columns[0].stats, line);
        table.columns[0].stats.observe(v, line++);
    }
    passes::kChooseColumnTypes.on_table_rows_end(table, ctx);
    Result r;
    r.type = pg::type_spelling(table.columns[0].pg_type, table.columns[0].pg_typmod);
    for (const Decision& d : decisions.all()) {
        r.kinds += (r.kinds.empty() ? "" : " ") + d.kind;
        r.lossy |= d.lossy;
    }
    return r;
}

}  // namespace

TEST_CASE("type choice: declared type kept only when every value fits, otherwise the lossless type") {
    struct Case {
        const char* what;
        std::string name;
        std::vector<std::string> args;
        std::vector<Value> values;
        const char* type;
        const char* kinds;
    };
    const double inf = std::numeric_limits<double>::infinity();
    const Case cases[] = {
        {"integers", "INTEGER", {}, {num(1), num(-5), Value::null()}, "bigint", ""},
        {"1.5 in INTEGER", "INTEGER", {}, {num(1), real(1.5)}, "double precision", "type-changed"},
        {"reals and big integers", "INTEGER", {}, {num(INT64_MAX), real(2.5)}, "numeric", "type-changed"},
        {"text in INTEGER", "INTEGER", {}, {num(1), txt(" 12 ")}, "text", "type-changed storage-class-unified"},
        {"'' in INTEGER", "INT", {}, {txt("")}, "text", "type-changed"},
        {"0x1F in INTEGER", "INT", {}, {txt("0x1F"), txt("1_000")}, "text", "type-changed"},
        {"2^63 stored as real", "UNSIGNED BIG INT", {}, {num(INT64_MAX), real(9223372036854775808.0)}, "numeric",
         "type-changed"},
        {"boolean 0/1", "BOOLEAN", {}, {num(0), num(1)}, "boolean", ""},
        {"boolean 2", "BOOLEAN", {}, {num(0), num(2)}, "bigint", "type-changed"},
        {"boolean -1", "BOOL", {}, {num(-1)}, "bigint", "type-changed"},
        {"boolean 'yes'", "BOOLEAN", {}, {num(1), txt("yes")}, "text", "type-changed storage-class-unified"},
        {"boolean ''", "BOOLEAN", {}, {txt("")}, "text", "type-changed"},
        {"boolean 't'", "BOOLEAN", {}, {txt("t"), txt("f")}, "text", "type-changed"},
        {"real", "REAL", {}, {real(0.1), num(3)}, "double precision", ""},
        {"'inf' in REAL", "REAL", {}, {real(1.5), txt("inf")}, "text", "type-changed storage-class-unified"},
        {"'NaN' in DOUBLE", "DOUBLE", {}, {txt("NaN")}, "text", "type-changed"},
        {"infinity in REAL", "REAL", {}, {real(inf), real(-inf)}, "double precision", ""},
        {"decimal fits", "DECIMAL", {"5", "2"}, {real(1.5), real(999.99), num(12), real(-0.01)}, "numeric(5,2)", ""},
        {"decimal rounds", "DECIMAL", {"5", "2"}, {real(1.5), real(12.345)}, "numeric", "type-changed"},
        {"decimal 1.005", "DECIMAL", {"5", "2"}, {real(1.005)}, "numeric", "type-changed"},
        {"decimal overflows", "NUMERIC", {"5", "2"}, {real(123456.789)}, "numeric", "type-changed"},
        {"decimal integer overflows", "NUMERIC", {"5", "2"}, {num(1000)}, "numeric", "type-changed"},
        {"decimal infinity", "DECIMAL", {"5", "2"}, {real(inf)}, "double precision", "type-changed"},
        {"numeric infinity", "NUMERIC", {}, {real(inf), num(1)}, "double precision", "type-changed"},
        {"numeric(p)", "NUMERIC", {"3"}, {num(999)}, "numeric(3,0)", ""},
        {"money", "'MONEY'", {}, {real(9.99)}, "numeric", ""},
        {"varchar", "VARCHAR", {"3"}, {txt("abc"), txt("é")}, "text", ""},
        {"varchar too long", "VARCHAR", {"3"}, {txt("abcd")}, "text", "length-ignored"},
        {"char trailing spaces", "CHAR", {"3"}, {txt("ab"), txt("ab ")}, "text", "trailing-spaces-kept"},
        {"varchar long and spaced", "VARCHAR", {"3"}, {txt("abc   ")}, "text", "length-ignored trailing-spaces-kept"},
        {"timestamp", "DATETIME", {}, {txt("2020-01-01 10:00:00"), txt("2020-01-01 10:00:00.25")}, "timestamp", ""},
        {"timestamp 'now'", "DATETIME", {}, {txt("2020-01-01 10:00:00"), txt("now")}, "text", "type-changed"},
        {"timestamp T", "TIMESTAMP", {}, {txt("2020-01-01T10:00:00")}, "text", "type-changed"},
        {"timestamp Z", "TIMESTAMP", {}, {txt("2020-01-01 10:00:00Z")}, "text", "type-changed"},
        {"timestamp 24:00", "DATETIME", {}, {txt("2020-01-01 24:00:00")}, "text", "type-changed"},
        {"timestamp :60", "DATETIME", {}, {txt("2020-12-31 23:59:60")}, "text", "type-changed"},
        {"timestamp 9 digits", "DATETIME", {}, {txt("2020-01-01 10:00:00.123456789")}, "text", "type-changed"},
        {"epoch integers", "DATETIME", {}, {num(1577836800)}, "bigint", "type-changed"},
        {"julian reals", "DATETIME", {}, {real(2459000.5)}, "double precision", "type-changed"},
        {"epoch and text", "DATETIME", {}, {num(1577836800), txt("2020-01-01 10:00:00")}, "text",
         "type-changed storage-class-unified"},
        {"date", "DATE", {}, {txt("2020-01-31"), txt("2024-02-29")}, "date", ""},
        {"date holding times", "DATE", {}, {txt("2020-01-01 10:00:00")}, "text", "type-changed"},
        {"invalid date", "DATE", {}, {txt("2020-02-30")}, "text", "type-changed"},
        {"time", "TIME", {}, {txt("10:00:00"), txt("23:59:59.5")}, "time", ""},
        {"time 24:00", "TIME", {}, {txt("24:00:00")}, "text", "type-changed"},
        {"json", "JSON", {}, {txt("{\"a\":1,\"a\":2}"), txt(" [1, 2] ")}, "json", ""},
        {"json invalid", "JSON", {}, {txt("{\"a\":1")}, "text", "type-changed"},
        {"json integer", "JSON", {}, {txt("{}"), num(123)}, "text", "type-changed storage-class-unified"},
        {"jsonb blob", "JSON", {}, {blob("\x8c")}, "bytea", "type-changed"},
        {"uuid", "UUID", {}, {txt("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")}, "uuid", ""},
        {"uuid upper", "UUID", {}, {txt("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")}, "text", "type-changed"},
        {"uuid braces", "UUID", {}, {txt("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}")}, "text", "type-changed"},
        {"uuid blob", "UUID", {}, {blob(std::string(16, '\x01'))}, "bytea", "type-changed"},
        {"untyped integers", "", {}, {num(1), num(2)}, "bigint", ""},
        {"untyped mixed", "", {}, {num(1), real(2.5)}, "double precision", ""},
        {"untyped text and numbers", "", {}, {num(1), txt("x")}, "text", "storage-class-unified"},
        {"ANY blob and text", "ANY", {}, {txt("x"), blob("\x01")}, "text", "storage-class-unified"},
        {"ANY invalid blob", "ANY", {}, {txt("x"), blob("\xff")}, "bytea", "storage-class-unified"},
        {"invalid UTF-8", "TEXT", {}, {txt("\xc3\x28")}, "bytea", "type-changed storage-class-unified"},
        {"NUL", "TEXT", {}, {Value::of_text(std::string("a\0b", 3))}, "bytea", "type-changed storage-class-unified"},
        {"blob in TEXT", "TEXT", {}, {txt("a"), blob("b")}, "text", "type-changed storage-class-unified"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        Result r = choose(c.name, c.args, c.values);
        CHECK(r.type == c.type);
        CHECK(r.kinds == c.kinds);
    }
}

TEST_CASE("type choice: only text PostgreSQL cannot hold is a lossy change") {
    CHECK(choose("TEXT", {}, {txt("\xed\xa0\x80")}).lossy);
    CHECK_FALSE(choose("INTEGER", {}, {txt("abc")}).lossy);
    CHECK_FALSE(choose("DATETIME", {}, {txt("now")}).lossy);
    Result replaced = choose("TEXT", {}, {txt("\xc3\x28")}, {}, InvalidUtf8::Replace);
    CHECK(replaced.type == "text");
    CHECK(replaced.kinds == "value-replaced");
    CHECK(replaced.lossy);
}

TEST_CASE("type choice: --cast rules") {
    struct Case {
        const char* what;
        std::string name;
        std::vector<std::string> args;
        std::vector<Value> values;
        std::vector<std::string> casts;
        const char* type;
        const char* kinds;
    };
    const Case cases[] = {
        {"timestamptz, values taken as UTC", "DATETIME", {},
         {txt("2020-01-01 10:00:00"), txt("2020-01-01T10:00:00Z"), txt("2020-01-01 10:00:00+05:00")},
         {"datetime=timestamptz"}, "timestamptz", "type-cast"},
        {"timestamptz refuses 'now'", "DATETIME", {}, {txt("2020-01-01 10:00:00"), txt("now")},
         {"datetime=timestamptz"}, "text", "type-changed"},
        {"timestamp accepts T", "datetime", {}, {txt("2020-01-01T10:00")}, {"DATETIME=timestamp"}, "timestamp", ""},
        {"integer narrowing fits", "INT", {}, {num(1), num(-2147483648)}, {"int=integer"}, "integer", "type-cast"},
        {"integer narrowing fails", "INT", {}, {num(1), num(3000000000)}, {"int=integer"}, "bigint", "type-changed"},
        {"smallint narrowing fails on text", "INT", {}, {txt("x")}, {"int=smallint"}, "text", "type-changed"},
        {"rule matches the whole declared type only", "INT", {"11"}, {num(1)}, {"int=integer"}, "bigint", ""},
        {"regex", "VARCHAR", {"20"}, {txt("abc")}, {"/^varchar\\(\\d+\\)$/=json"}, "text", "type-changed"},
        {"regex json", "VARCHAR", {"20"}, {txt("[1]")}, {"/^varchar\\(\\d+\\)$/=json"}, "json", "type-cast"},
        {"regex ignores case", "VarChar", {"2"}, {txt("x")}, {"/^VARCHAR/=text"}, "text", ""},
        {"first rule wins", "INT", {}, {num(1)}, {"int=smallint", "int=integer"}, "smallint", "type-cast"},
        {"failed rule falls back to the declaration", "DECIMAL", {}, {real(1.5)}, {"decimal=integer"}, "numeric",
         "type-changed"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        Result r = choose(c.name, c.args, c.values, c.casts);
        CHECK(r.type == c.type);
        CHECK(r.kinds == c.kinds);
    }
}

TEST_CASE("type choice: bad --cast rules are refused, naming the rule") {
    for (const char* bad : {"datetime", "=text", "int=real", "int=varchar(3)", "/(unclosed/=text", "/x/", "//=text"}) {
        CAPTURE(bad);
        try {
            passes::CastRules rules({bad});
            FAIL("accepted");
        } catch (const passes::CastRuleError& e) {
            CHECK(std::string(e.what()).find(std::string("'") + bad + "'") != std::string::npos);
        }
    }
}
