// Table-driven tests of the expression translator: a SQLite expression over a table whose PostgreSQL column
// types are known → the PostgreSQL expression the translator writes, or the reason it refuses ("!…").
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/decisions.hpp"
#include "emit/sql_printer.hpp"
#include "parse/sql_parser.hpp"
#include "passes/expressions.hpp"
#include "passes/name_registry.hpp"

using namespace sqlite2pg;

namespace {

struct Case {
    const char* sqlite;
    const char* postgres;  ///< the translation, or "!" + a part of the reason it is refused
};

/// One table t: id INTEGER PRIMARY KEY (rowid alias), i INTEGER, r REAL, s TEXT, n TEXT COLLATE NOCASE,
/// b BLOB, f BOOLEAN, u NUMERIC (integers and reals), d DATETIME (text by its data, NUMERIC affinity).
struct Fixture {
    Config config;
    passes::Catalog catalog;
    DecisionLog decisions{false};
    passes::NameRegistry names;
    pg::PostData post;
    passes::CastRules casts;
    passes::PassContext ctx{config, catalog, decisions, names, post, casts};

    explicit Fixture(bool compat = false) {
        config.compat_functions = compat;
        auto stmt = parse::parse_statement(
            "CREATE TABLE t(id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, n TEXT COLLATE NOCASE, b BLOB, "
            "f BOOLEAN, u NUMERIC, d DATETIME)",
            SourceLoc{});
        passes::TableInfo t;
        t.def = std::get<ast::CreateTable>(stmt.node);
        t.sqlite_name = std::string(1, 't');  // not `= "t"`: GCC 12 warns falsely (-Wrestrict) on that assignment
        t.pg_name = t.sqlite_name;
        const pg::Type types[] = {pg::Type::Bigint, pg::Type::Bigint, pg::Type::DoublePrecision, pg::Type::Text,
                                  pg::Type::Text,   pg::Type::Bytea,  pg::Type::Boolean,         pg::Type::Numeric,
                                  pg::Type::Text};
        for (std::size_t k = 0; k < t.def.columns.size(); ++k) {
            passes::ColumnInfo c;
            c.def = t.def.columns[k];
            c.pg_name = c.def.name.name;
            c.declared_type = c.def.type ? c.def.type->name : "";
            c.pg_type = types[k];
            c.rowid_alias = k == 0;
            t.columns.push_back(std::move(c));
        }
        catalog.add_table(std::move(t));
    }

    /// The translated view query, or "!" + the reason.
    std::string view(const std::string& select) {
        auto stmt = parse::parse_statement("CREATE VIEW v AS " + select, SourceLoc{});
        auto& view = std::get<ast::CreateView>(stmt.node);
        std::vector<passes::RelationColumn> columns;
        if (auto why = passes::translate_view_query(*view.select, ctx, columns)) return "!" + *why;
        return emit::print_select(*view.select);
    }

    /// The translation of one expression used as a value in `SELECT expr AS x FROM t`.
    std::string expr(const std::string& e) {
        std::string out = view("SELECT " + e + " AS x FROM t");
        if (out[0] == '!') return out;
        const std::string prefix = "SELECT ", suffix = " AS x FROM t";
        REQUIRE(out.rfind(prefix, 0) == 0);
        REQUIRE(out.size() >= prefix.size() + suffix.size());
        return out.substr(prefix.size(), out.size() - prefix.size() - suffix.size());
    }
};

void check(Fixture& f, const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        std::string actual = f.expr(c.sqlite);
        std::string expected = c.postgres;
        std::string sqlite = c.sqlite;
        CAPTURE(sqlite);
        if (expected[0] == '!') {
            CHECK_MESSAGE(actual.find(expected.substr(1)) != std::string::npos, actual);
            CHECK(actual[0] == '!');
        } else {
            CHECK(actual == expected);
        }
    }
}

}  // namespace

TEST_CASE("translator: operators") {
    Fixture f;
    check(f, {
        {"i + 1", "i + 1"},
        {"i / 2", "i / 2"},
        {"i / id", "i / nullif(id, 0)"},
        {"i % 0", "i % nullif(0, 0)"},
        {"r % 2", "!% on a real"},
        {"s / 2", "!arithmetic on text"},
        {"u + 1", "u + 1"},
        {"u * r", "u * r"},
        {"u / 2", "!division of numbers that may be integers"},
        {"u / r", "u / nullif(r, 0)"},
        {"u || 'x'", "!may be an integer or a real"},
        {"s || i", "s || CAST(i AS text)"},
        {"s || r", "!on a real"},
        {"i == 1", "CAST(i = 1 AS integer)"},
        {"i IS 1", "CAST(i IS NOT DISTINCT FROM 1 AS integer)"},
        {"i IS NOT NULL", "CAST(i IS NOT NULL AS integer)"},
        {"i IN ()", "CAST(FALSE AS integer)"},
        {"i NOT IN ()", "CAST(TRUE AS integer)"},
        {"(i > 1) + 1", "CAST((i > 1) AS integer) + 1"},
        {"i = '5'", "CAST(i = 5 AS integer)"},
        {"i = 'x'", "!a comparison of a number with text"},
        {"s = 5", "CAST(s = '5' AS integer)"},
        {"s < 'b'", "CAST((s COLLATE \"C\") < 'b' AS integer)"},
        {"n = 'Ab'", "CAST(lower(n COLLATE \"C\") = lower('Ab' COLLATE \"C\") AS integer)"},
        {"s = 'Ab' COLLATE NOCASE", "CAST(lower(s COLLATE \"C\") = lower('Ab' COLLATE \"C\") AS integer)"},
        {"f = 1", "CAST(CAST(f AS integer) = 1 AS integer)"},
        {"d < '2000-01-01'", "CAST((d COLLATE \"C\") < '2000-01-01' AS integer)"},
        {"d < '2000'", "!numeric affinity with text that may look like a number"},
        {"d = s", "!numeric affinity with text that may look like a number"},
        {"d = date('now')", "CAST(d = to_char(timezone('UTC', now()), 'YYYY-MM-DD') AS integer)"},
        {"s LIKE 'a\\%'", "CAST(lower(s COLLATE \"C\") LIKE lower('a\\%' COLLATE \"C\") ESCAPE '' AS integer)"},
        {"s LIKE 'a!%' ESCAPE '!'", "CAST(lower(s COLLATE \"C\") LIKE lower('a!%' COLLATE \"C\") ESCAPE '!' AS integer)"},
        {"i LIKE '1%'", "CAST(lower(CAST(i AS text) COLLATE \"C\") LIKE lower('1%' COLLATE \"C\") ESCAPE '' AS integer)"},
        {"s GLOB 'a*[0-9]?.x'", "CAST((s COLLATE \"C\") ~ '^a.*[0-9].\\.x$' AS integer)"},
        {"s NOT GLOB '[^ab]*'", "CAST((s COLLATE \"C\") !~ '^[^ab].*$' AS integer)"},
        {"s GLOB s", "!not a constant"},
        {"s REGEXP 'a'", "!REGEXP"},
        {"i BETWEEN 1 AND '3'", "CAST(i BETWEEN 1 AND 3 AS integer)"},
        {"i IN (1, '2')", "CAST(i IN (1, 2) AS integer)"},
        {"-i", "-i"},
        {"+s", "s"},
        {"~i", "~i"},
        {"i << 2", "!shift"},
        {"NOT i", "CAST(NOT (i <> 0) AS integer)"},
        {"s AND i", "!text used as a condition"},
    });
}

TEST_CASE("translator: literals, names and casts") {
    Fixture f;
    check(f, {
        {"0x10", "16"},
        {"0xFFFFFFFFFFFFFFFF", "-1"},
        {"1.5", "CAST(1.5 AS double precision)"},
        {"1e999", "!infinite"},
        {"x'00ff'", "'\\x00ff'::bytea"},
        {"TRUE", "CAST(TRUE AS integer)"},
        {"\"s\"", "s"},
        {"\"no such column\"", "'no such column'"},
        {"rowid", "id"},
        {"_rowid_ + 1", "id + 1"},
        {"CAST(r AS INTEGER)", "CAST(trunc(r) AS bigint)"},
        {"CAST(i AS TEXT)", "CAST(i AS text)"},
        {"CAST(i AS REAL)", "CAST(i AS double precision)"},
        {"CAST(s AS INTEGER)", "!longest integer prefix"},
        {"CAST(r AS TEXT)", "!SQLite formats reals differently"},
        {"CURRENT_TIMESTAMP", "to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS')"},
        {"CURRENT_DATE", "to_char(timezone('UTC', now()), 'YYYY-MM-DD')"},
        {"CASE WHEN i > 1 THEN 'a' ELSE 'b' END", "CASE WHEN i > 1 THEN 'a' ELSE 'b' END"},
        {"CASE i WHEN 1 THEN r ELSE 0 END", "CASE i WHEN 1 THEN r ELSE 0 END"},
        {"CASE WHEN i THEN s ELSE 1 END", "!CASE results of different types"},
        {"(SELECT max(i) FROM t)", "(SELECT max(i) FROM t LIMIT 1)"},
    });
}

TEST_CASE("translator: functions") {
    Fixture f;
    check(f, {
        {"ifnull(i, 0)", "coalesce(i, 0)"},
        {"ifnull(r, 0)", "coalesce(r, 0)"},
        {"coalesce(s, i)", "!coalesce() of text and an integer"},
        {"nullif(s, '')", "nullif(s, '')"},
        {"substr(s, 2, 3)", "substr(s, 2, 3)"},
        {"substr(s, 2)", "substr(s, 2)"},
        {"substr(i, 2)", "substr(CAST(i AS text), 2)"},
        {"substr(s, -2)", "\"right\"(s, 2)"},
        {"substr(s, -3, 2)", "!needs --compat-functions"},
        {"substr(s, i)", "!needs --compat-functions"},
        {"instr(s, 'a')", "strpos(s, 'a')"},
        {"length(i)", "char_length(CAST(i AS text))"},
        {"length(s)", "char_length(s)"},
        {"length(b)", "octet_length(b)"},
        {"length(r)", "!on a real"},
        {"upper(s)", "upper(s COLLATE \"C\")"},
        {"lower(i)", "lower(CAST(i AS text) COLLATE \"C\")"},
        {"trim(s)", "btrim(s)"},
        {"replace(s, 'a', i)", "replace(s, 'a', CAST(i AS text))"},
        {"iif(i, 'a', 'b')", "CASE WHEN i <> 0 THEN 'a' ELSE 'b' END"},
        {"printf('%d-%s%%', i, s)", "((coalesce(CAST(i AS text), '0') || '-') || coalesce(s, '')) || '%'"},
        {"printf('%5.2f', r)", "!printf() conversion"},
        {"typeof(r)", "CASE WHEN r IS NULL THEN 'null' ELSE 'real' END"},
        {"typeof(u)", "!typeof() of a number that may be an integer or a real"},
        {"hex(b)", "coalesce(upper(encode(b, 'hex')), '')"},
        {"hex(s)", "coalesce(upper(encode(convert_to(s, 'UTF8'), 'hex')), '')"},
        {"abs(r)", "abs(r)"},
        {"round(r)", "CAST(round(CAST(r AS numeric), 0) AS double precision)"},
        {"round(r, -1)", "CAST(round(CAST(r AS numeric), 0) AS double precision)"},
        {"round(r, 2)", "CAST(round(CAST(r AS numeric), 2) AS double precision)"},
        {"max(i, id)", "CASE WHEN (i IS NULL) OR (id IS NULL) THEN NULL ELSE greatest(i, id) END"},
        {"min(s, 'b')", "CASE WHEN (s IS NULL) OR ('b' IS NULL) THEN NULL ELSE least(s COLLATE \"C\", 'b' COLLATE \"C\") END"},
        {"max(i, r)", "!mixed integers and reals"},
        {"random()", "!function random()"},
        {"likely(i > 1)", "CAST(i > 1 AS integer)"},
        {"date('now')", "to_char(timezone('UTC', now()), 'YYYY-MM-DD')"},
        {"datetime('now', '+1 day', 'start of day')",
         "to_char(date_trunc('day', timezone('UTC', now()) + CAST('+1 day' AS interval)), 'YYYY-MM-DD HH24:MI:SS')"},
        {"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "to_char(timezone('UTC', now()), 'YYYY\"-\"MM\"-\"DD\"T\"HH24\":\"MI\":\"SS.MS\"Z\"')"},
        {"strftime('%s', 'now')", "CAST(CAST(floor(date_part('epoch', timezone('UTC', now()))) AS bigint) AS text)"},
        {"unixepoch()", "CAST(floor(date_part('epoch', timezone('UTC', now()))) AS bigint)"},
        {"date(s)", "!needs --compat-functions"},
        {"datetime('now', '+1 month')", "!needs --compat-functions"},
        {"json_extract(s, '$.a')", "!function json_extract()"},
    });
}

TEST_CASE("translator: aggregates and queries") {
    Fixture f;
    check(f, {
        {"count(*)", "count(*)"},
        {"sum(i)", "CAST(sum(i) AS bigint)"},
        {"sum(r)", "sum(r)"},
        {"sum(i > 5)", "CAST(sum(CAST(i > 5 AS integer)) AS bigint)"},
        {"total(i)", "coalesce(sum(CAST(i AS double precision)), CAST(0 AS double precision))"},
        {"avg(i)", "CAST(sum(i) AS double precision) / count(i)"},
        {"max(s)", "max(s COLLATE \"C\")"},
        {"group_concat(s)", "string_agg(s, ',')"},
        {"group_concat(i, ';')", "string_agg(CAST(i AS text), ';')"},
        {"group_concat(DISTINCT s)", "!group_concat(DISTINCT"},
        {"sum(s)", "!sum() of text"},
        {"count(*) FILTER (WHERE i > 1)", "count(*) FILTER (WHERE i > 1)"},
        {"row_number() OVER (PARTITION BY i ORDER BY s DESC)",
         "row_number() OVER (PARTITION BY i ORDER BY s COLLATE \"C\" DESC NULLS LAST)"},
        {"sum(i) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
         "CAST(sum(i) OVER (ORDER BY id NULLS FIRST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS bigint)"},
        {"lag(s, 2, 'none') OVER (ORDER BY n)", "lag(s, CAST(2 AS integer), 'none') OVER (ORDER BY lower(n COLLATE \"C\") NULLS FIRST)"},
        {"lag(s, 1, 0) OVER (ORDER BY id)", "!lag() default of text and an integer"},
        {"ntile(i) OVER ()", "!ntile() of a computed number"},
        {"max(i) OVER w", "!OVER a named window"},
    });
    CHECK(f.view("SELECT i FROM t ORDER BY s LIMIT 2, 3") ==
          "SELECT i FROM t ORDER BY s COLLATE \"C\" NULLS FIRST LIMIT 3 OFFSET 2");
    CHECK(f.view("SELECT i FROM t ORDER BY n DESC LIMIT -1 OFFSET 1") ==
          "SELECT i FROM t ORDER BY lower(n COLLATE \"C\") DESC NULLS LAST OFFSET 1");
    CHECK(f.view("SELECT s, max(i) FROM t").find("!it uses the bare column \"s\"") == 0);
    CHECK(f.view("SELECT s, max(i) FROM t GROUP BY s") == "SELECT s, max(i) FROM t GROUP BY s");
    CHECK(f.view("SELECT a.s FROM t AS a JOIN (SELECT id FROM t) ON a.id = id") ==
          "SELECT a.s FROM t AS a INNER JOIN (SELECT id FROM t) AS sqlite2pg_subquery2 ON a.id = id");
    CHECK(f.view("WITH c(x) AS (SELECT i FROM t) SELECT x + 1 AS y FROM c") ==
          "WITH c (x) AS (SELECT i FROM t) SELECT x + 1 AS y FROM c");
    CHECK(f.view("SELECT nosuch FROM t").find("cannot be resolved") != std::string::npos);
    CHECK(f.view("SELECT DISTINCT n FROM t").find("!it uses SELECT DISTINCT on a column with COLLATE NOCASE") == 0);
    CHECK(f.view("SELECT n FROM t GROUP BY n").find("!it uses GROUP BY on a column with COLLATE NOCASE") == 0);
    CHECK(f.view("SELECT i, (SELECT max(i) FROM t) AS m FROM t") == "SELECT i, (SELECT max(i) FROM t LIMIT 1) AS m FROM t");
}

TEST_CASE("translator: --compat-functions") {
    Fixture f(true);
    check(f, {
        {"substr(s, -3, 2)", "sqlite_compat.substr(s, -3, 2)"},
        {"substr(s, i)", "sqlite_compat.substr(s, i)"},
        {"CAST(s AS INTEGER)", "sqlite_compat.cast_integer(s)"},
        {"date(s, '+1 month')", "sqlite_compat.date(s, '+1 month')"},
        {"strftime('%W', s)", "sqlite_compat.strftime('%W', s)"},
        {"julianday(i)", "sqlite_compat.julianday(CAST(i AS text))"},
        {"datetime('now', '+1 month')", "sqlite_compat.datetime('now', '+1 month')"},
    });
}

TEST_CASE("translator: defaults fit the column's type (postgres-semantics.md §5.6)") {
    struct DefaultCase {
        const char* column;
        const char* expected;  ///< printed default, or "" when left out
    };
    const std::vector<DefaultCase> cases = {
        {"a TEXT DEFAULT CURRENT_TIMESTAMP", "to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS')"},
        {"a TEXT DEFAULT (datetime('now'))", "to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS')"},
        {"a TEXT DEFAULT CURRENT_TIME", "to_char(timezone('UTC', now()), 'HH24:MI:SS')"},
        {"a INTEGER DEFAULT (strftime('%s','now'))", "CAST(floor(date_part('epoch', timezone('UTC', now()))) AS bigint)"},
        {"a TEXT DEFAULT (strftime('%s','now'))", "CAST(CAST(floor(date_part('epoch', timezone('UTC', now()))) AS bigint) AS text)"},
        {"a INTEGER DEFAULT (unixepoch())", "CAST(floor(date_part('epoch', timezone('UTC', now()))) AS bigint)"},
        {"a INTEGER DEFAULT TRUE", "1"},
        {"a BOOLEAN DEFAULT 1", "TRUE"},
        {"a BOOLEAN DEFAULT FALSE", "FALSE"},
        {"a TEXT DEFAULT \"dq\"", "'dq'"},
        {"a TEXT DEFAULT abc", "'abc'"},
        {"a BLOB DEFAULT x'00ff'", "'\\x00ff'::bytea"},
        {"a INTEGER DEFAULT 0x10", "16"},
        {"a INTEGER DEFAULT '5'", "5"},
        {"a INTEGER DEFAULT 'abc'", ""},
        {"a INTEGER DEFAULT -1", "-1"},
        {"a INTEGER DEFAULT 2.0", "2"},
        {"a TEXT DEFAULT 5", "'5'"},
        {"a TEXT DEFAULT 1.5", "'1.5'"},
        {"a REAL DEFAULT 1", "1"},
        {"a TEXT DEFAULT (random())", ""},
    };
    for (const DefaultCase& c : cases) {
        std::string column = c.column;
        CAPTURE(column);
        Fixture f;
        auto stmt = parse::parse_statement(std::string("CREATE TABLE d(") + c.column + ")", SourceLoc{});
        auto& def = std::get<ast::CreateTable>(stmt.node).columns[0];
        passes::ColumnInfo col;
        col.def = def;
        std::string type = def.type ? def.type->name : "";
        col.pg_type = type == "INTEGER" ? pg::Type::Bigint
                      : type == "REAL"  ? pg::Type::DoublePrecision
                      : type == "BLOB"  ? pg::Type::Bytea
                      : type == "BOOLEAN" ? pg::Type::Boolean
                                          : pg::Type::Text;
        ast::ExprPtr expr;
        for (auto& con : def.constraints)
            if (auto* d = std::get_if<ast::DefaultConstraint>(&con.kind)) expr = d->expr;
        std::string why;
        ast::ExprPtr out = passes::translate_default(expr, col, f.ctx, why);
        CHECK((out ? emit::print_expr(*out) : std::string()) == c.expected);
        if (!out) CHECK(!why.empty());
    }
}
