// The INSERT scanner (parse_dump_insert) on the exact lines each SQLite era writes, on statements it must
// decline, and the folder (fold_dump_insert) on hand-built trees of the same statements.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dump_insert.hpp"
#include "parse/dump_values.hpp"
#include "value_testing.hpp"

namespace sqlite2pg::parse {
namespace {

using namespace sqlite2pg::testing;
using ast::QuoteStyle;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

ast::Identifier id(std::string name, QuoteStyle quote = QuoteStyle::None) {
    ast::Identifier i;
    i.name = std::move(name);
    i.quote = quote;
    return i;
}

ast::InsertRows rows(ast::Identifier table, std::vector<ast::Identifier> columns, std::size_t width,
                     std::vector<ast::Value> values) {
    return {std::move(table), std::move(columns), width, std::move(values)};
}

/// One row into a table without a column list.
ast::InsertRows row(ast::Identifier table, std::vector<ast::Value> values) {
    const std::size_t width = values.size();
    return rows(std::move(table), {}, width, std::move(values));
}

struct Case {
    std::string_view sql;
    ast::InsertRows expected;
};

void check_cases(const std::vector<Case>& cases) {
    ast::InsertRows out;  // shared across cases on purpose: storage is reused from one statement to the next
    for (const Case& c : cases) {
        CAPTURE(c.sql);
        REQUIRE(parse_dump_insert(c.sql, out));
        CHECK(out.table == c.expected.table);
        CHECK(out.table.quote == c.expected.table.quote);
        CHECK(out.columns == c.expected.columns);
        CHECK(out.row_width == c.expected.row_width);
        REQUIRE(out.values.size() == c.expected.values.size());
        for (std::size_t i = 0; i < out.values.size(); ++i) {
            CAPTURE(i);
            CHECK(out.values[i] == c.expected.values[i]);
        }
    }
}

const ast::Identifier t_dq = id("t", QuoteStyle::Double);
const ast::Identifier t = id("t");
const ast::Identifier typed = id("typed");

TEST_CASE("parse_dump_insert: 3.7.17 (quote(), raw control characters, Inf)") {
    const ast::Identifier typed_dq = id("typed", QuoteStyle::Double);
    check_cases({
        {R"(INSERT INTO "t" VALUES(1,'newline','line1
line2');)", row(t_dq, {integer(1), text("newline"), text("line1\nline2")})},
        {"INSERT INTO \"t\" VALUES(2,'cr','a\rb');", row(t_dq, {integer(2), text("cr"), text("a\rb")})},
        {"INSERT INTO \"t\" VALUES(3,'crlf','a\r\nb');", row(t_dq, {integer(3), text("crlf"), text("a\r\nb")})},
        {"INSERT INTO \"t\" VALUES(4,'tab','a\tb');", row(t_dq, {integer(4), text("tab"), text("a\tb")})},
        {"INSERT INTO \"t\" VALUES(5,'ctrl','bell\x07" "esc\x1b" "x\x01');",
         row(t_dq, {integer(5), text("ctrl"), text("bell\x07" "esc\x1b" "x\x01")})},
        {"INSERT INTO \"t\" VALUES(6,'del','a\x7f" "b');", row(t_dq, {integer(6), text("del"), text("a\x7f" "b")})},
        {"INSERT INTO \"t\" VALUES(8,'badutf8','\xc3(\xff" "A');",
         row(t_dq, {integer(8), text("badutf8"), text("\xc3(\xff" "A")})},
        {R"(INSERT INTO "t" VALUES(10,'quote','it''s "quoted"');)",
         row(t_dq, {integer(10), text("quote"), text("it's \"quoted\"")})},
        {R"(INSERT INTO "t" VALUES(11,'backslash','C:\path\n\t\\x');)",
         row(t_dq, {integer(11), text("backslash"), text(R"(C:\path\n\t\\x)")})},
        {R"(INSERT INTO "t" VALUES(13,'backslash_nl_012','has \n and \012 and real
nl');)", row(t_dq, {integer(13), text("backslash_nl_012"), text("has \\n and \\012 and real\nnl")})},
        {R"(INSERT INTO "t" VALUES(15,'comment','a /* b */ c;');)", row(t_dq, {integer(15), text("comment"), text("a /* b */ c;")})},
        {R"(INSERT INTO "t" VALUES(17,'empty','');)", row(t_dq, {integer(17), text("empty"), text("")})},
        {R"(INSERT INTO "t" VALUES(21,'nulltext','NULL');)", row(t_dq, {integer(21), text("nulltext"), text("NULL")})},
        {R"(INSERT INTO "t" VALUES(22,'null',NULL);)", row(t_dq, {integer(22), text("null"), null()})},
        {R"(INSERT INTO "t" VALUES(23,'blob',X'00FF10AB');)", row(t_dq, {integer(23), text("blob"), blob(std::string("\x00\xff\x10\xab", 4))})},
        {R"(INSERT INTO "t" VALUES(24,'emptyblob',X'');)", row(t_dq, {integer(24), text("emptyblob"), blob("")})},
        {R"(INSERT INTO "t" VALUES(27,'intmax',9223372036854775807);)", row(t_dq, {integer(27), text("intmax"), integer(int64_max)})},
        {R"(INSERT INTO "t" VALUES(28,'intmin',-9223372036854775808);)", row(t_dq, {integer(28), text("intmin"), integer(int64_min)})},
        {R"(INSERT INTO "t" VALUES(31,'real_third',3.33333333333333314829e-01);)", row(t_dq, {integer(31), text("real_third"), real(0x1.5555555555555p-2)})},
        {R"(INSERT INTO "t" VALUES(39,'real_2p63',9.2233720368547758078e+18);)", row(t_dq, {integer(39), text("real_2p63"), real(0x1p63)})},
        {R"(INSERT INTO "t" VALUES(42,'real_tiny',4.94065645841246544288e-324);)", row(t_dq, {integer(42), text("real_tiny"), real(0x0.0000000000001p-1022)})},
        {R"(INSERT INTO "t" VALUES(45,'real_inf',Inf);)", row(t_dq, {integer(45), text("real_inf"), real(inf)})},
        {R"(INSERT INTO "t" VALUES(46,'real_neginf',-Inf);)", row(t_dq, {integer(46), text("real_neginf"), real(-inf)})},
        {R"(INSERT INTO "typed" VALUES(1.0e+20,1.0e+20,1.0e+20,'1.0e+20',1.0e+20);)",
         row(typed_dq, {real(1e20), real(1e20), real(1e20), text("1.0e+20"), real(1e20)})},
        // ≤3.17 moves the `;` to its own line when the first value contains `--`.
        {"INSERT INTO \"d\" VALUES('x -- y','p -- q')\n;", row(id("d", QuoteStyle::Double), {text("x -- y"), text("p -- q")})},
    });
}

TEST_CASE("parse_dump_insert: 3.18 (||char(10)||, bare char(), %!.20g reals)") {
    check_cases({
        {R"(INSERT INTO t VALUES(1,'newline','line1'||char(10)||'line2');)", row(t, {integer(1), text("newline"), text("line1\nline2")})},
        {R"(INSERT INTO t VALUES(3,'crlf','a'||char(13)||char(10)||'b');)", row(t, {integer(3), text("crlf"), text("a\r\nb")})},
        {R"(INSERT INTO t VALUES(12,'backslash_nl','has \n literal and real'||char(10)||'newline');)",
         row(t, {integer(12), text("backslash_nl"), text("has \\n literal and real\nnewline")})},
        {R"(INSERT INTO d VALUES(char(10),'a'||char(10));)", row(id("d"), {text("\n"), text("a\n")})},
        {"INSERT INTO d VALUES('it''s'||char(13)||char(10)||'x','back\\slash\t');", row(id("d"), {text("it's\r\nx"), text("back\\slash\t")})},
        {R"(INSERT INTO t VALUES(23,'blob',X'00ff10ab');)", row(t, {integer(23), text("blob"), blob(std::string("\x00\xff\x10\xab", 4))})},
        {R"(INSERT INTO t VALUES(30,'real_point1',0.10000000000000000555);)", row(t, {integer(30), text("real_point1"), real(0x1.999999999999ap-4)})},
        {R"(INSERT INTO t VALUES(39,'real_2p63',9223372036854775807.8);)", row(t, {integer(39), text("real_2p63"), real(0x1p63)})},
        {R"(INSERT INTO t VALUES(40,'real_big',1.5000000000000000071e+300);)", row(t, {integer(40), text("real_big"), real(1.5e300)})},
        {R"(INSERT INTO t VALUES(42,'real_tiny',4.9406564584124654428e-324);)", row(t, {integer(42), text("real_tiny"), real(0x0.0000000000001p-1022)})},
        {R"(INSERT INTO t VALUES(45,'real_inf',Inf);)", row(t, {integer(45), text("real_inf"), real(inf)})},
        {R"(INSERT INTO t VALUES(49,'real_max',1.7976931348623156223e+308);)", row(t, {integer(49), text("real_max"), real(0x1.fffffffffffffp+1023)})},
        {R"(INSERT INTO typed VALUES(42,41.999999999999999998,42,'42',42);)",
         row(typed, {integer(42), real(42.0), integer(42), text("42"), integer(42)})},
    });
}

TEST_CASE("parse_dump_insert: 3.40 (replace() with every marker, 1e999)") {
    check_cases({
        {R"(INSERT INTO t VALUES(1,'newline',replace('line1\nline2','\n',char(10)));)", row(t, {integer(1), text("newline"), text("line1\nline2")})},
        {R"(INSERT INTO t VALUES(2,'cr',replace('a\rb','\r',char(13)));)", row(t, {integer(2), text("cr"), text("a\rb")})},
        {R"(INSERT INTO t VALUES(3,'crlf',replace(replace('a\r\nb','\r',char(13)),'\n',char(10)));)", row(t, {integer(3), text("crlf"), text("a\r\nb")})},
        {R"(INSERT INTO t VALUES(12,'backslash_nl',replace('has \n literal and real\012newline','\012',char(10)));)",
         row(t, {integer(12), text("backslash_nl"), text("has \\n literal and real\nnewline")})},
        {R"(INSERT INTO t VALUES(13,'backslash_nl_012',replace('has \n and \012 and real(\n0)nl','(\n0)',char(10)));)",
         row(t, {integer(13), text("backslash_nl_012"), text("has \\n and \\012 and real\nnl")})},
        {R"(INSERT INTO d VALUES(replace('\n','\n',char(10)),replace('a\n','\n',char(10)));)", row(id("d"), {text("\n"), text("a\n")})},
        {"INSERT INTO d VALUES(replace(replace('it''s\\r\\nx','\\r',char(13)),'\\n',char(10)),'back\\slash\t');",
         row(id("d"), {text("it's\r\nx"), text("back\\slash\t")})},
        {R"(INSERT INTO t VALUES(36,'real_1e15',1000000000000000.0);)", row(t, {integer(36), text("real_1e15"), real(1e15)})},
        {R"(INSERT INTO t VALUES(45,'real_inf',1e999);)", row(t, {integer(45), text("real_inf"), real(inf)})},
        {R"(INSERT INTO t VALUES(46,'real_neginf',-1e999);)", row(t, {integer(46), text("real_neginf"), real(-inf)})},
        {R"(INSERT INTO t VALUES(48,'real_maxint_ish',123456789012345680.0);)", row(t, {integer(48), text("real_maxint_ish"), real(123456789012345680.0)})},
        {R"(INSERT INTO ft5_data VALUES(1,X'020206');)", row(id("ft5_data"), {integer(1), blob("\x02\x02\x06")})},
        {R"(INSERT INTO sqlite_stat1 VALUES('ai',NULL,'2');)", row(id("sqlite_stat1"), {text("ai"), null(), text("2")})},
        {R"(INSERT INTO b VALUES('C:\dir');)", row(id("b"), {text("C:\\dir")})},
    });
}

TEST_CASE("parse_dump_insert: 3.50 (unistr, 9.0e+999, 19-digit reals)") {
    check_cases({
        {R"(INSERT INTO t VALUES(1,'newline',unistr('line1\u000aline2'));)", row(t, {integer(1), text("newline"), text("line1\nline2")})},
        {R"(INSERT INTO t VALUES(3,'crlf',unistr('a\u000d\u000ab'));)", row(t, {integer(3), text("crlf"), text("a\r\nb")})},
        {R"(INSERT INTO t VALUES(5,'ctrl',unistr('bell\u0007esc\u001bx\u0001'));)", row(t, {integer(5), text("ctrl"), text("bell\x07" "esc\x1b" "x\x01")})},
        {R"(INSERT INTO t VALUES(13,'backslash_nl_012',unistr('has \\n and \\012 and real\u000anl'));)",
         row(t, {integer(13), text("backslash_nl_012"), text("has \\n and \\012 and real\nnl")})},
        {R"(INSERT INTO d VALUES(unistr('it''s\u000d\u000ax'),unistr('back\\slash\u0009'));)", row(id("d"), {text("it's\r\nx"), text("back\\slash\t")})},
        {R"(INSERT INTO b VALUES(unistr('C:\\dir\u0007'));)", row(id("b"), {text("C:\\dir\x07")})},
        {R"(INSERT INTO b VALUES(unistr('C:\dir\u0007'));)", row(id("b"), {text("C:\\dir\x07")})},  // --newlines bug
        {R"(INSERT INTO t VALUES(30,'real_point1',0.1000000000000000055);)", row(t, {integer(30), text("real_point1"), real(0.1)})},
        {R"(INSERT INTO t VALUES(40,'real_big',1.499999999999999781e+300);)", row(t, {integer(40), text("real_big"), real(0x1.1eb2d66005834p+997)})},
        {R"(INSERT INTO t VALUES(45,'real_inf',9.0e+999);)", row(t, {integer(45), text("real_inf"), real(inf)})},
        {R"(INSERT INTO t VALUES(46,'real_neginf',-9.0e+999);)", row(t, {integer(46), text("real_neginf"), real(-inf)})},
        {R"(INSERT INTO t VALUES(1,'newline','line1
line2');)", row(t, {integer(1), text("newline"), text("line1\nline2")})},
    });
}

TEST_CASE("parse_dump_insert: 3.53 (x'' blobs, %!.17g, Inf, multi-row)") {
    const ast::Identifier child = id("child");
    check_cases({
        {R"(INSERT INTO t VALUES(23,'blob',x'00ff10ab');)", row(t, {integer(23), text("blob"), blob(std::string("\x00\xff\x10\xab", 4))})},
        {R"(INSERT INTO t VALUES(24,'emptyblob',x'');)", row(t, {integer(24), text("emptyblob"), blob("")})},
        {R"(INSERT INTO t VALUES(39,'real_2p63',9.2233720368547758e+18);)", row(t, {integer(39), text("real_2p63"), real(0x1p63)})},
        {R"(INSERT INTO t VALUES(42,'real_tiny',4.9406564584124654e-324);)", row(t, {integer(42), text("real_tiny"), real(0x0.0000000000001p-1022)})},
        {R"(INSERT INTO t VALUES(45,'real_inf',Inf);)", row(t, {integer(45), text("real_inf"), real(inf)})},
        {R"(INSERT INTO t VALUES(46,'real_neginf',-Inf);)", row(t, {integer(46), text("real_neginf"), real(-inf)})},
        {R"(INSERT INTO child VALUES(1,1,3,9.99,'first',x'deadbeef'),
  (2,2,0,100.0,NULL,NULL),
  (3,2,7,12.5,'x',x'');)",
         rows(child, {}, 6,
              {integer(1), integer(1), integer(3), real(9.99), text("first"), blob("\xde\xad\xbe\xef"),
               integer(2), integer(2), integer(0), real(100.0), null(), null(),
               integer(3), integer(2), integer(7), real(12.5), text("x"), blob("")})},
        {R"(INSERT INTO t VALUES(1,'newline',unistr('line1\u000aline2')),
  (2,'cr',unistr('a\u000db'));)",
         rows(t, {}, 3, {integer(1), text("newline"), text("line1\nline2"), integer(2), text("cr"), text("a\rb")})},
        {R"(INSERT INTO kv(k,v) VALUES('a','one');)", rows(id("kv"), {id("k"), id("v")}, 2, {text("a"), text("one")})},
    });
}

TEST_CASE("parse_dump_insert: names in every quoting style, column lists, keywords") {
    check_cases({
        {R"(INSERT INTO "my table"(rowid,"my col","quo""te","brack et","back`tick","select",Mixed) VALUES(1,1,'a','b','c',2,'d');)",
         rows(id("my table", QuoteStyle::Double),
              {id("rowid"), id("my col", QuoteStyle::Double), id("quo\"te", QuoteStyle::Double), id("brack et", QuoteStyle::Double),
               id("back`tick", QuoteStyle::Double), id("select", QuoteStyle::Double), id("Mixed")},
              7, {integer(1), integer(1), text("a"), text("b"), text("c"), integer(2), text("d")})},
        {R"(INSERT INTO "dq""name" VALUES(1);)", row(id("dq\"name", QuoteStyle::Double), {integer(1)})},
        {"INSERT INTO \"new\nline\" VALUES(1);", row(id("new\nline", QuoteStyle::Double), {integer(1)})},
        {R"(INSERT INTO "it's"(rowid,"a'b") VALUES(1,1);)",
         rows(id("it's", QuoteStyle::Double), {id("rowid"), id("a'b", QuoteStyle::Double)}, 2, {integer(1), integer(1)})},
        {R"(INSERT INTO "semi;colon" VALUES(1);)", row(id("semi;colon", QuoteStyle::Double), {integer(1)})},
        {R"(INSERT INTO "ünïcödé" VALUES('値');)", row(id("ünïcödé", QuoteStyle::Double), {text("値")})},
        {R"(INSERT INTO [brack et] VALUES(1);)", row(id("brack et", QuoteStyle::Bracket), {integer(1)})},
        {R"(INSERT INTO `back``tick` VALUES(1);)", row(id("back`tick", QuoteStyle::Backtick), {integer(1)})},
        {R"(INSERT INTO 'single quoted' VALUES(1);)", row(id("single quoted", QuoteStyle::Single), {integer(1)})},
        {R"(INSERT INTO 'it''s' VALUES(1);)", row(id("it's", QuoteStyle::Single), {integer(1)})},
        {R"(INSERT INTO window VALUES(1);)", row(id("window"), {integer(1)})},
        {R"(INSERT INTO rowid VALUES(3);)", row(id("rowid"), {integer(3)})},
        {R"(INSERT INTO user VALUES(6);)", row(id("user"), {integer(6)})},
        {R"(INSERT INTO _x VALUES(5);)", row(id("_x"), {integer(5)})},
        {R"(INSERT INTO MixedCase VALUES(1,'v');)", row(id("MixedCase"), {integer(1), text("v")})},
        {R"(INSERT INTO rowid_col(_rowid_,rowid,b) VALUES(1,'r',1);)",
         rows(id("rowid_col"), {id("_rowid_"), id("rowid"), id("b")}, 3, {integer(1), text("r"), integer(1)})},
        {R"(INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','ft','ft',0,'CREATE VIRTUAL TABLE ft using fts5(x)');)",
         rows(id("sqlite_schema"), {id("type"), id("name"), id("tbl_name"), id("rootpage"), id("sql")}, 5,
              {text("table"), text("ft"), text("ft"), integer(0), text("CREATE VIRTUAL TABLE ft using fts5(x)")})},
    });
}

TEST_CASE("parse_dump_insert: whitespace, comments and case as SQLite allows them") {
    check_cases({
        {"insert into t values(1)", row(t, {integer(1)})},
        {"  /* WARNING */\n-- note\nINSERT\tINTO/**/t\r\nVALUES ( 1 , - 5 , 'a' || 'b' , REPLACE ( 'x' , 'x' , CHAR ( 65 ) ) ) ;  -- done\n",
         row(t, {integer(1), integer(-5), text("ab"), text("A")})},
        {"INSERT INTO t VALUES(1) /* open comment at the end", row(t, {integer(1)})},
        // Space or a comment right after a literal, before the `,` or `)`: the rows' short way does not apply.
        {"INSERT INTO t VALUES(1/*c*/,'a' ,X'00'\n),( 2.5--c\n,NULL\t,'b''c'/**/)",
         rows(t, {}, 3, {integer(1), text("a"), blob(std::string(1, '\0')), real(2.5), null(), text("b'c")})},
        {"INSERT INTO t VALUES(-/**/Inf, -\n1e999, - 0.0, null, nUlL)",
         row(t, {real(-inf), real(-inf), real(-0.0), null(), null()})},
        {"INSERT INTO t VALUES(.5, 5., 1e5, 1E+5, 9223372036854775808, char(), char(0), 'a'||5)",
         row(t, {real(0.5), real(5.0), real(1e5), real(1e5), real(0x1p63), text(""), text(std::string(1, '\0')), text("a5")})},
        {"INSERT INTO t VALUES(replace('a',NULL,'b'), 'a'||NULL, unistr(NULL), char(NULL, 66))",
         row(t, {null(), null(), null(), text(std::string("\0B", 2))})},
    });
}

TEST_CASE("parse_dump_insert: what the fast path must decline") {
    const std::vector<std::string_view> rejected = {
        "INSERT INTO t SELECT 1;",
        "INSERT OR REPLACE INTO t VALUES(1);",
        "REPLACE INTO t VALUES(1);",
        "INSERT INTO main.t VALUES(1);",
        "INSERT INTO t AS x VALUES(1);",
        "INSERT INTO t DEFAULT VALUES;",
        "INSERT INTO t VALUES(1) ON CONFLICT DO NOTHING;",
        "INSERT INTO t VALUES(1) RETURNING *;",
        "WITH x AS (SELECT 1) INSERT INTO t VALUES(1);",
        "INSERT INTO t VALUES(1+2);",
        "INSERT INTO t VALUES(abs(1));",
        "INSERT INTO j VALUES(1,jsonb('{a:[1,2,''x'']}'),'short');",  // JSON5: not what a dump writes
        "INSERT INTO t VALUES(1,2),(3);",
        "INSERT INTO t VALUES(1) x;",
        "INSERT INTO t VALUES(1); INSERT INTO t VALUES(2);",
        "INSERT INTO t VALUES(1),",
        "INSERT INTO t VALUES('unterminated);",
        "INSERT INTO \"unterminated VALUES(1);",
        "INSERT INTO [unterminated VALUES(1);",
        "INSERT INTO t VALUES(X'ABC');",
        "INSERT INTO t VALUES(X'GG');",
        "INSERT INTO t VALUES(0x1F);",
        "INSERT INTO t VALUES(1abc);",
        "INSERT INTO t VALUES(1e);",
        "INSERT INTO t VALUES(+1);",
        "INSERT INTO t VALUES(- -1);",
        "INSERT INTO t VALUES(-'a');",
        "INSERT INTO t VALUES(\"dq\");",
        "INSERT INTO t VALUES(x);",
        "INSERT INTO t VALUES(TRUE);",
        "INSERT INTO t VALUES(CURRENT_TIMESTAMP);",
        "INSERT INTO t VALUES(CAST(X'00' AS TEXT));",
        "INSERT INTO t VALUES(1.5||'a');",
        "INSERT INTO t VALUES(X'00'||'a');",
        "INSERT INTO t VALUES(replace(1.5,'1','2'));",
        "INSERT INTO t VALUES(char('a'));",
        "INSERT INTO t VALUES(replace('a','b'));",
        "INSERT INTO t VALUES(unistr('a','b'));",
        "INSERT INTO t VALUES();",
        "INSERT INTO t() VALUES(1);",
        "INSERT INTO t(a,b) VALUES(1);",
        "INSERT INTO t(a,) VALUES(1);",
        "INSERT INTO select VALUES(1);",
        "INSERT INTO values VALUES(1);",
        "INSERT INTO 1t VALUES(1);",
        "INSERT INTO t VALUES",
        "INSERT INTO t",
        "INSERT t VALUES(1);",
        "INSERTINTO t VALUES(1);",
        "CREATE TABLE t(a);",
        "",
        "INSERT INTO t VALUES(1)\x01",
    };
    ast::InsertRows out;
    for (const std::string_view sql : rejected) {
        CAPTURE(sql);
        CHECK_FALSE(parse_dump_insert(sql, out));
    }
    // Nesting deeper than the scanner's limit goes to the full parser rather than deeper into the stack.
    std::string deep = "INSERT INTO t VALUES(";
    for (int i = 0; i < 100; ++i) deep += "replace(";
    deep += "'a'";
    for (int i = 0; i < 100; ++i) deep += ",'a','b')";
    deep += ")";
    CHECK_FALSE(parse_dump_insert(deep, out));
}

TEST_CASE("parse_dump_insert reuses the storage of out") {
    ast::InsertRows out;
    REQUIRE(parse_dump_insert("INSERT INTO big(a,b,c) VALUES('a long enough string to be on the heap, not in SSO',2,3);", out));
    const char* first_text = out.values[0].bytes.data();
    const std::size_t first_capacity = out.values[0].bytes.capacity();

    REQUIRE(parse_dump_insert("INSERT INTO t VALUES('short');", out));
    CHECK(out == row(t, {text("short")}));
    CHECK(out.columns.empty());
    CHECK(out.row_count() == 1);
    CHECK(out.values[0].bytes.data() == first_text);  // same buffer: no allocation
    CHECK(out.values[0].bytes.capacity() == first_capacity);

    REQUIRE(parse_dump_insert("INSERT INTO t VALUES(NULL),(7);", out));
    CHECK(out == rows(t, {}, 1, {null(), integer(7)}));
    CHECK(out.row_count() == 2);
}

TEST_CASE("scan_dump_insert: a repeated header is taken from the last scan, any other is read again") {
    InsertScan scan;
    auto scanned = [&](std::string_view sql) {
        ast::InsertRows out;
        if (!scan_dump_insert(sql, scan)) return std::optional<ast::InsertRows>();
        materialize(scan, out);
        return std::optional<ast::InsertRows>(out);
    };
    CHECK(scanned("INSERT INTO t(a,b) VALUES(1,2);") == rows(t, {id("a"), id("b")}, 2, {integer(1), integer(2)}));
    CHECK(scan.header == "INSERT INTO t(a,b) VALUES");
    CHECK(scanned("INSERT INTO t(a,b) VALUES(3,4);") == rows(t, {id("a"), id("b")}, 2, {integer(3), integer(4)}));
    CHECK(scanned("INSERT INTO t VALUES(5,6);") == row(t, {integer(5), integer(6)}));
    CHECK(scanned("INSERT INTO t VALUES(7,8);") == row(t, {integer(7), integer(8)}));
    // The same bytes followed by more of a word are another word, not VALUES.
    CHECK_FALSE(scanned("INSERT INTO t VALUES_x(9);"));
    CHECK(scanned("INSERT INTO t VALUES(10);") == row(t, {integer(10)}));
    CHECK(scanned("INSERT INTO tt VALUES(11);") == row(id("tt"), {integer(11)}));
    CHECK(scanned("insert into \"t\" values(12);") == row(id("t", QuoteStyle::Double), {integer(12)}));
    // A header read whole in a statement declined for its rows still names the table of the next one.
    CHECK_FALSE(scanned("INSERT INTO u(a) VALUES(1,2);"));
    CHECK(scanned("INSERT INTO u(a) VALUES(1);") == rows(id("u"), {id("a")}, 1, {integer(1)}));
    CHECK_FALSE(scanned("INSERT INTO v(a) VALUES(1,2);"));
    CHECK(scanned("INSERT INTO v VALUES(1,2);") == row(id("v"), {integer(1), integer(2)}));
}

TEST_CASE("scan_dump_insert: how each literal is located, and a located real read as the parser reads it") {
    InsertScan scan;
    REQUIRE(scan_dump_insert("INSERT INTO t VALUES(7,-7,007,1.5,-0.0,123456789012345678901234.25,1.5e3,.5,5.,"
                             "'a''b',X'0A',NULL,-2.5,char(65));",
                             scan));
    using F = ValueRef::Form;
    const std::vector<F> forms = {F::Integer, F::Integer, F::Integer, F::Decimal, F::Decimal, F::Decimal, F::Real,
                                  F::Real, F::Real, F::QuotedText, F::HexBlob, F::Null, F::Decimal, F::Evaluated};
    REQUIRE(scan.values.size() == forms.size());
    for (std::size_t i = 0; i < forms.size(); ++i) {
        CAPTURE(i);
        CHECK(scan.values[i].form == forms[i]);
    }
    CHECK(scan.values[0].raw == "7");
    CHECK(scan.values[1].raw == "-7");
    CHECK(scan.values[2].raw.empty());  // not the integer's own spelling
    CHECK(scan.values[3].raw == "1.5");
    CHECK(scan.values[4].raw == "-0.0");
    CHECK(scan.values[12].raw == "-2.5");
    // A located real is what decode_number makes of the same digits, sign and all.
    for (const std::size_t i : {3u, 4u, 5u, 12u}) {
        CAPTURE(i);
        const std::string_view literal = scan.values[i].raw;
        const bool negative = literal.front() == '-';
        ast::Value decoded;
        REQUIRE(decode_number(literal.substr(negative ? 1 : 0), negative, decoded));
        ast::Value located;
        materialize(scan.values[i], scan, located);
        CHECK(located == decoded);
        CHECK(std::signbit(located.real) == std::signbit(decoded.real));
    }
    ast::InsertRows out;
    materialize(scan, out);
    CHECK(out.values[4] == real(-0.0));
    CHECK(std::signbit(out.values[4].real));
    CHECK(out.values[5] == real(123456789012345678901234.25));
    CHECK(out.values[13] == text("A"));
}

TEST_CASE("scan_dump_insert: a located real carries its shortest digits when they are quick to find") {
    InsertScan scan;
    REQUIRE(scan_dump_insert("INSERT INTO t VALUES(37.350000000000001421,-924.96000000000003641,"
                             "0.30000000000000004441,-0.0,1500.0);",
                             scan));
    REQUIRE(scan.values.size() == 5);
    auto shortest = [&](std::size_t i) {
        const ValueRef& ref = scan.values[i];
        REQUIRE(ref.form == ValueRef::Form::Decimal);
        if (!ref.has_shortest) return std::string("none");
        const real_digits::DecimalDigits d = real_digits::decimal_digits(ref.shortest());
        return std::string(d.digits, static_cast<std::size_t>(d.count)) + "e" + std::to_string(d.exponent);
    };
    CHECK(shortest(0) == "3735e1");
    CHECK(shortest(1) == "92496e2");  // of the magnitude: the sign stays in raw
    CHECK(scan.values[1].raw == "-924.96000000000003641");
    CHECK(shortest(2) == "none");  // 0.1 + 0.2 needs 17 digits
    CHECK(shortest(3) == "none");  // zero
    CHECK(shortest(4) == "15e3");
}

TEST_CASE("scan_dump_insert_prefix: the length through the statement's ';', or 0") {
    struct PrefixCase {
        std::string_view text;
        std::size_t length;
    };
    const PrefixCase cases[] = {
        {"INSERT INTO t VALUES('a;b',1);\nINSERT INTO t VALUES(2);", 30},
        {"INSERT INTO t VALUES(1) /* ; */ ;rest", 33},
        {"INSERT INTO t VALUES(1) -- ;\n;", 30},
        {"INSERT INTO t VALUES(1),(2);", 28},
        {"INSERT INTO t VALUES(1)", 0},                 // no ';' yet: the buffer may end here
        {"INSERT INTO t VALUES('abc", 0},
        {"INSERT INTO t VALUES(1) ", 0},
        {"INSERT INTO t VALUES(1, 2", 0},
        {"INSERT INTO t SELECT 1;", 0},                 // not dump-shaped
        {"INSERT INTO t VALUES(1),;", 0},
        {"INSERT INTO t(a) VALUES(1,2);", 0},
    };
    for (const PrefixCase& c : cases) {
        CAPTURE(c.text);
        InsertScan prefix_scan;
        const std::size_t length = scan_dump_insert_prefix(c.text, prefix_scan, false);
        CHECK(length == c.length);
        if (length == 0) continue;
        // The statement it delimits scans to the same rows whole.
        InsertScan whole;
        REQUIRE(scan_dump_insert(c.text.substr(0, length), whole));
        ast::InsertRows a, b;
        materialize(prefix_scan, a);
        materialize(whole, b);
        CHECK(a == b);
    }
}

TEST_CASE("scan_dump_insert_more: the next statement with the same header appended as rows of its own") {
    InsertScan scan;
    const std::string_view first = "INSERT INTO t VALUES(1,'a');";
    REQUIRE(scan_dump_insert_prefix(first, scan, false) == first.size());
    REQUIRE(scan.statements.size() == 1);
    CHECK(scan.statements[0].rows_end == 1);

    // Two rows in one more statement, one of them evaluated: the evaluated values go on being numbered.
    const std::string_view second = "INSERT INTO t VALUES(2,replace('b\\n','\\n',char(10))),(3,'c');rest";
    const std::size_t length = scan_dump_insert_more(second, scan, false);
    CHECK(length == second.size() - 4);
    REQUIRE(scan.statements.size() == 2);
    CHECK(scan.statements[1].rows_end == 3);
    CHECK(scan.row_count() == 3);
    const std::string_view third = "INSERT INTO t VALUES(4,replace('d\\n','\\n',char(10)));";
    REQUIRE(scan_dump_insert_more(third, scan, false) == third.size());
    CHECK(scan.evaluated_used == 2);
    ast::InsertRows rows, expected;
    materialize(scan, rows);
    REQUIRE(parse_dump_insert("INSERT INTO t VALUES(1,'a'),(2,replace('b\\n','\\n',char(10))),(3,'c'),"
                              "(4,replace('d\\n','\\n',char(10)));",
                              expected));
    CHECK(rows == expected);

    // Anything else is left alone, and so is the scan: another header (even one naming the same table),
    // rows of another width, a statement whose ';' is not in the text, another form.
    for (std::string_view other : {"INSERT INTO \"t\" VALUES(5,'e');", "INSERT INTO t(a,b) VALUES(5,'e');",
                                   "INSERT INTO t VALUES(5);", "INSERT INTO t VALUES(5,'e'),(6);",
                                   "INSERT INTO t VALUES(5,'e')", "INSERT INTO t VALUES(5,'e'",
                                   "INSERT INTO t SELECT 5,'e';",
                                   "INSERT INTO tt VALUES(5,'e');", "PRAGMA x;"}) {
        CAPTURE(other);
        CHECK(scan_dump_insert_more(other, scan, false) == 0);
        CHECK(scan.statements.size() == 3);
        ast::InsertRows after;
        materialize(scan, after);
        CHECK(after == expected);
    }
}

TEST_CASE("scan_dump_insert: a new header takes back the leave to scan a run") {
    InsertScan scan;
    REQUIRE(scan_dump_insert("INSERT INTO t VALUES(1);", scan));
    scan.runs_allowed = true;
    REQUIRE(scan_dump_insert("INSERT INTO t VALUES(2);", scan));
    CHECK(scan.runs_allowed);
    REQUIRE(scan_dump_insert("INSERT INTO u VALUES(2);", scan));
    CHECK_FALSE(scan.runs_allowed);
}

// ---- fold_dump_insert -----------------------------------------------------------------------------

ast::ExprPtr lit(ast::Literal::Kind kind, std::string text) { return ast::make_expr(ast::Literal{kind, std::move(text)}); }
ast::ExprPtr num(std::string text) {
    const bool real = text.find_first_of(".eE") != std::string::npos && text.find_first_of("xX") == std::string::npos;
    return lit(real ? ast::Literal::Kind::Real : ast::Literal::Kind::Integer, std::move(text));
}
ast::ExprPtr str(std::string text) { return lit(ast::Literal::Kind::String, std::move(text)); }
ast::ExprPtr hex(std::string digits) { return lit(ast::Literal::Kind::Blob, std::move(digits)); }
ast::ExprPtr null_lit() { return lit(ast::Literal::Kind::Null, ""); }
ast::ExprPtr neg(ast::ExprPtr e) { return ast::make_expr(ast::Unary{ast::UnaryOp::Minus, std::move(e)}); }
ast::ExprPtr plus(ast::ExprPtr e) { return ast::make_expr(ast::Unary{ast::UnaryOp::Plus, std::move(e)}); }
ast::ExprPtr paren(ast::ExprPtr e) { return ast::make_expr(ast::Parenthesized{std::move(e)}); }
ast::ExprPtr concat(ast::ExprPtr a, ast::ExprPtr b) {
    return ast::make_expr(ast::Binary{ast::BinaryOp::Concat, std::move(a), std::move(b)});
}
ast::ExprPtr column(std::string name, QuoteStyle quote = QuoteStyle::None) {
    ast::ColumnRef ref;
    ref.column = id(std::move(name), quote);
    return ast::make_expr(std::move(ref));
}
template <class... Args>
ast::ExprPtr call(std::string name, Args... args) {
    ast::FunctionCall f;
    f.name = id(std::move(name));
    (f.args.push_back(std::move(args)), ...);
    return ast::make_expr(std::move(f));
}
ast::ExprPtr cast(ast::ExprPtr e, std::string type) { return ast::make_expr(ast::Cast{std::move(e), ast::TypeName{std::move(type), {}}}); }

ast::Insert insert(ast::Identifier table, std::vector<ast::Identifier> columns, std::vector<std::vector<ast::ExprPtr>> values) {
    ast::Insert i;
    i.table.name = std::move(table);
    i.columns = std::move(columns);
    i.values = std::move(values);
    return i;
}

template <class... Exprs>
std::vector<ast::ExprPtr> values_row(Exprs... e) {
    std::vector<ast::ExprPtr> r;
    (r.push_back(std::move(e)), ...);
    return r;
}

TEST_CASE("fold_dump_insert gives what parse_dump_insert gives for the same text") {
    struct FoldCase {
        std::string_view sql;
        ast::Insert tree;
    };
    std::vector<FoldCase> cases;
    cases.push_back({R"(INSERT INTO "t" VALUES(28,'intmin',-9223372036854775808,9223372036854775807,Inf,-Inf);)",
                     insert(t_dq, {}, {values_row(num("28"), str("intmin"), neg(num("9223372036854775808")),
                                                  num("9223372036854775807"), column("Inf"), neg(column("INF")))})});
    cases.push_back({R"(INSERT INTO t VALUES(1e999,-9.0e+999,-0.0,4.9406564584124654428e-324,1.499999999999999781e+300,9223372036854775808);)",
                     insert(t, {}, {values_row(num("1e999"), neg(num("9.0e+999")), neg(num("0.0")), num("4.9406564584124654428e-324"),
                                               num("1.499999999999999781e+300"), num("9223372036854775808"))})});
    cases.push_back({R"(INSERT INTO t VALUES(NULL,'it''s','',X'',x'deadbeef',X'00FF');)",
                     insert(t, {}, {values_row(null_lit(), str("it's"), str(""), hex(""), hex("deadbeef"), hex("00FF"))})});
    cases.push_back({R"(INSERT INTO t VALUES(replace(replace('a\r\nb','\r',char(13)),'\n',char(10)));)",
                     insert(t, {}, {values_row(call("replace", call("replace", str("a\\r\\nb"), str("\\r"), call("char", num("13"))),
                                                     str("\\n"), call("char", num("10"))))})});
    cases.push_back({R"(INSERT INTO t VALUES('line1'||char(10)||'line2',char(10));)",
                     insert(t, {}, {values_row(concat(concat(str("line1"), call("char", num("10"))), str("line2")),
                                               call("char", num("10")))})});
    cases.push_back({R"(INSERT INTO t VALUES(unistr('C:\dir\u0007'),unistr('back\\slash\u0009'));)",
                     insert(t, {}, {values_row(call("unistr", str("C:\\dir\\u0007")), call("unistr", str("back\\\\slash\\u0009")))})});
    cases.push_back({R"(INSERT INTO "my table"(rowid,"quo""te") VALUES(1,'a'),
  (2,'b');)",
                     insert(id("my table", QuoteStyle::Double), {id("rowid"), id("quo\"te", QuoteStyle::Double)},
                            {values_row(num("1"), str("a")), values_row(num("2"), str("b"))})});
    // Forms only the parser sees: folded to the value SQLite computes, compared with the literal spelling.
    cases.push_back({R"(INSERT INTO t VALUES(31,-31,'a'||char(0)||'b',5,'x',-9223372036854775808,1.5);)",
                     insert(t, {}, {values_row(num("0x1F"), neg(paren(num("0x1f"))), cast(hex("610062"), "TEXT"), plus(num("5")),
                                               plus(str("x")), neg(paren(num("9223372036854775808"))), paren(paren(num("1.5"))))})});

    ast::InsertRows fast;
    for (const FoldCase& c : cases) {
        CAPTURE(c.sql);
        REQUIRE(parse_dump_insert(c.sql, fast));
        const std::optional<ast::InsertRows> folded = fold_dump_insert(c.tree);
        REQUIRE(folded.has_value());
        CHECK(folded->table == fast.table);
        CHECK(folded->table.quote == fast.table.quote);
        CHECK(folded->columns == fast.columns);
        CHECK(folded->row_width == fast.row_width);
        REQUIRE(folded->values.size() == fast.values.size());
        for (std::size_t i = 0; i < fast.values.size(); ++i) {
            CAPTURE(i);
            CHECK(folded->values[i] == fast.values[i]);
        }
    }
}

TEST_CASE("fold_dump_insert declines what is not a plain dump INSERT") {
    std::vector<ast::Insert> declined;
    const auto one = [] { return insert(t, {}, {values_row(num("1"))}); };
    declined.push_back(one());
    declined.back().or_action = ast::ConflictAction::Replace;
    declined.push_back(one());
    declined.back().replace_keyword = true;
    declined.push_back(one());
    declined.back().table.schema = id("main");
    declined.push_back(one());
    declined.back().alias = id("x");
    declined.push_back(one());
    declined.back().with = ast::WithClause{};
    declined.push_back(one());
    declined.back().upserts.emplace_back();
    declined.push_back(one());
    declined.back().returning.emplace_back();
    declined.push_back(insert(t, {}, {}));
    declined.push_back(insert(t, {}, {values_row(num("1"), num("2")), values_row(num("3"))}));
    declined.push_back(insert(t, {id("a")}, {values_row(num("1"), num("2"))}));
    declined.push_back(insert(t, {}, {values_row(ast::make_expr(ast::Binary{ast::BinaryOp::Add, num("1"), num("2")}))}));
    declined.push_back(insert(t, {}, {values_row(call("abs", num("1")))}));
    declined.push_back(insert(t, {}, {values_row(call("jsonb", str("{a:1}")))}));  // JSON5 is not encoded
    declined.push_back(insert(t, {}, {values_row(column("x"))}));
    declined.push_back(insert(t, {}, {values_row(column("Inf", QuoteStyle::Double))}));
    declined.push_back(insert(t, {}, {values_row(cast(hex("00"), "INTEGER"))}));
    declined.push_back(insert(t, {}, {values_row(neg(num("0x8000000000000000")))}));
    declined.push_back(insert(t, {}, {values_row(num("0x10000000000000000"))}));
    declined.push_back(insert(t, {}, {values_row(concat(num("1.5"), str("a")))}));
    declined.push_back(insert(t, {}, {values_row(lit(ast::Literal::Kind::True, ""))}));
    declined.push_back(insert(t, {}, {values_row(neg(str("a")))}));
    for (std::size_t i = 0; i < declined.size(); ++i) {
        CAPTURE(i);
        CHECK_FALSE(fold_dump_insert(declined[i]).has_value());
    }
}

}  // namespace
}  // namespace sqlite2pg::parse
