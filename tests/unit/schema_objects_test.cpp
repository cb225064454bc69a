// Schema objects in the script: SQLite's collations (postgres-semantics.md §5.5), keys over long values (§3.8),
// key collisions after type unification (§5.4), foreign keys (§5.2), generated columns (§6.4), rowids (§2).
// Round trips (fixtures/roundtrip/schema_*.sql with probes) prove the behaviour in PostgreSQL; these pin the forms.
#include <doctest/doctest.h>

#include <string>

#include "convert_testing.hpp"

using sqlite2pg::testing::contains;
using sqlite2pg::testing::convert_text;

namespace {

std::string dump_of(const std::string& body) {
    return "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n" + body + "COMMIT;\n";
}

}  // namespace

TEST_CASE("collations: text columns compare bytes; NOCASE and RTRIM keys get emulating unique indexes") {
    const std::string script = convert_text(dump_of(
        "CREATE TABLE p(id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE UNIQUE, code TEXT COLLATE RTRIM UNIQUE, "
        "n INT COLLATE NOCASE UNIQUE, b TEXT);\n"
        "INSERT INTO p VALUES(1,'Bob','a ',1,'x');\n"));
    CHECK(contains(script, "name text COLLATE \"C\""));
    CHECK(contains(script, "b text COLLATE \"C\""));
    CHECK(contains(script, "n bigint,"));
    CHECK(contains(script, "ALTER TABLE p ADD CONSTRAINT p_name_key UNIQUE (name);"));
    CHECK(contains(script, "CREATE UNIQUE INDEX p_name_nocase ON p (lower(name COLLATE \"C\"));"));
    CHECK(contains(script, "CREATE UNIQUE INDEX p_code_rtrim ON p (rtrim(code, ' '));"));
    CHECK_FALSE(contains(script, "p_n_nocase"));  // integers are not text: NOCASE changes nothing
}

TEST_CASE("collations: index keys and partial-index predicates under NOCASE") {
    const std::string script = convert_text(dump_of(
        "CREATE TABLE p(id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE, tag TEXT, s TEXT COLLATE NOCASE);\n"
        "CREATE INDEX ix_name ON p(name DESC);\n"
        "CREATE UNIQUE INDEX ux_tag ON p(tag COLLATE NOCASE) WHERE s = 'Active';\n"
        "CREATE INDEX ix_bin ON p(name COLLATE BINARY);\n"));
    CHECK(contains(script, "CREATE INDEX ix_name ON p (lower(name COLLATE \"C\") DESC NULLS LAST);"));
    CHECK(contains(script, "CREATE UNIQUE INDEX ux_tag ON p (lower(tag COLLATE \"C\") NULLS FIRST) WHERE "
                           "lower(s COLLATE \"C\") = lower('Active' COLLATE \"C\");"));
    CHECK(contains(script, "CREATE INDEX ix_bin ON p (name NULLS FIRST);"));
}

TEST_CASE("collations: an unknown collation is dropped and reported") {
    // What a dump of an Android database holds; the sqlite3 CLI cannot create it without the collation.
    const std::string script = convert_text(dump_of("CREATE TABLE p(name TEXT COLLATE LOCALIZED);\n"
                                                    "CREATE INDEX ix ON p(name COLLATE UNICODE);\n"));
    CHECK(contains(script, "\"name\": COLLATE LOCALIZED dropped"));
    CHECK(contains(script, "index \"ix\": COLLATE UNICODE dropped"));
    CHECK(contains(script, "CREATE INDEX ix ON p (name NULLS FIRST);"));
}

TEST_CASE("keys: values beyond the B-tree entry limit get hash-based indexes and constraints") {
    const std::string long_value(3000, 'x');
    const std::string script = convert_text(dump_of(
        "CREATE TABLE d(id INTEGER PRIMARY KEY, body TEXT UNIQUE, k INT, UNIQUE(k, body));\n"
        "INSERT INTO d VALUES(1,'" + long_value + "',1);\n"
        "CREATE INDEX d_body ON d(body);\n"
        "CREATE INDEX d_k_body ON d(k, body);\n"));
    CHECK(contains(script, "ALTER TABLE d ADD CONSTRAINT d_body_excl EXCLUDE USING hash (body WITH =);"));
    CHECK(contains(script, "CREATE UNIQUE INDEX d_k_body_key ON d (k, md5(body));"));
    CHECK(contains(script, "CREATE INDEX d_body ON d USING hash (body);"));
    CHECK(contains(script, "CREATE INDEX d_k_body ON d (k NULLS FIRST, md5(body) NULLS FIRST);"));
}

TEST_CASE("keys: a key over values of mixed storage classes is added in a guarded block") {
    const std::string script = convert_text(dump_of("CREATE TABLE m(v UNIQUE);\n"
                                                    "INSERT INTO m VALUES(1);\n"
                                                    "INSERT INTO m VALUES('1');\n"
                                                    "CREATE TABLE c(v REFERENCES m(v));\n"));
    CHECK(contains(script, "ALTER TABLE m ADD CONSTRAINT m_v_key UNIQUE (v);\nEXCEPTION WHEN unique_violation THEN"));
    CHECK(contains(script, "EXCEPTION WHEN invalid_foreign_key THEN"));
}

TEST_CASE("foreign keys: added NOT VALID, then validated in a block that turns orphans into a WARNING") {
    const std::string script = convert_text(dump_of(
        "CREATE TABLE p(id INTEGER PRIMARY KEY);\n"
        "CREATE TABLE c(id INTEGER PRIMARY KEY, pid INT, CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES p(id) "
        "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED);\n"));
    CHECK(contains(script, "ALTER TABLE c ADD CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE "
                           "DEFERRABLE INITIALLY DEFERRED NOT VALID;"));
    CHECK(contains(script, "ALTER TABLE c VALIDATE CONSTRAINT fk_p;\nEXCEPTION WHEN foreign_key_violation"));
}

TEST_CASE("generated columns: one using another is inlined") {
    const std::string script = convert_text(dump_of("CREATE TABLE g(a INT, b INT AS (a*2), c INT AS (b+1) STORED);\n"
                                                    "INSERT INTO g VALUES(1);\n"));
    CHECK(contains(script, "c bigint GENERATED ALWAYS AS ((a * 2) + 1) STORED"));
    CHECK(contains(script, "COPY g (a) FROM stdin;"));
}

TEST_CASE("keys: a dump made with --preserve-rowids keeps rowids in the alias column, reports the others") {
    // sqlite3 DB '.dump --preserve-rowids' of a(id INTEGER PRIMARY KEY, v), b(v) and a WITHOUT ROWID table.
    const std::string script = convert_text(dump_of("CREATE TABLE a(id INTEGER PRIMARY KEY, v TEXT);\n"
                                                    "INSERT INTO a VALUES(5,'x');\n"
                                                    "CREATE TABLE b(v TEXT);\n"
                                                    "INSERT INTO b(rowid,v) VALUES(2,'z');\n"
                                                    "CREATE TABLE c(k TEXT PRIMARY KEY, v) WITHOUT ROWID;\n"
                                                    "INSERT INTO c VALUES('k',1);\n"));
    CHECK(contains(script, "COPY a (id, v) FROM stdin;\n5\tx\n\\.\n"));
    CHECK(contains(script, "COPY b (v) FROM stdin;\nz\n\\.\n"));
    CHECK(contains(script, "ALTER TABLE c ADD CONSTRAINT c_pkey PRIMARY KEY (k);"));
}
