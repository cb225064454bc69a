// Names of the objects a conversion creates (postgres-semantics.md §4): the registry's rules, and whole
// conversions of real `sqlite3 .dump` output whose user names collide with PostgreSQL's generated ones.
#include <doctest/doctest.h>

#include <string>

#include "convert_testing.hpp"
#include "passes/name_registry.hpp"
#include "pg/identifiers.hpp"

using sqlite2pg::passes::NameRegistry;
using sqlite2pg::testing::contains;
using sqlite2pg::testing::convert_text;

TEST_CASE("NameRegistry: relation names get PostgreSQL's numeric suffix when taken") {
    NameRegistry names;
    CHECK(names.claim("t") == "t");
    CHECK(names.claim("t") == "t1");
    CHECK(names.claim("t") == "t2");
    CHECK(names.taken("t1"));
    CHECK_FALSE(names.taken("T"));  // names are already folded; "T" would be a different, quoted name
    CHECK(names.claim("Ä") == "Ä");
    CHECK(names.claim("ä") == "ä");  // SQLite folds ASCII only: two tables
}

TEST_CASE("NameRegistry: suffixed long names stay within 63 bytes and distinct") {
    NameRegistry names;
    const std::string long_name(70, 'x');
    const std::string first = names.claim(long_name);
    const std::string second = names.claim(long_name);
    CHECK(first.size() <= sqlite2pg::pg::kMaxIdentifierBytes);
    CHECK(second.size() <= sqlite2pg::pg::kMaxIdentifierBytes);
    CHECK(first != second);
    // A 63-byte name plus a suffix must be shortened again rather than truncated by PostgreSQL.
    const std::string exact(63, 'y');
    CHECK(names.claim(exact) == exact);
    const std::string again = names.claim(exact);
    CHECK(again.size() <= sqlite2pg::pg::kMaxIdentifierBytes);
    CHECK(again != exact);
}

TEST_CASE("NameRegistry: constraint names are unique per table, key names also schema-wide") {
    NameRegistry names;
    CHECK(names.claim("pk") == "pk");                    // a table named pk
    CHECK(names.claim_key("a", "pk") == "pk1");          // a key takes a relation name
    CHECK(names.claim_constraint("a", "pk1") == "pk11"); // a CHECK may not repeat a's key name
    CHECK(names.claim_constraint("b", "pk1") == "pk1");  // but another table's CHECK may
    CHECK(names.claim_constraint("a", "c1") == "c1");
    CHECK(names.claim_constraint("a", "c1") == "c11");   // two CHECKs named c1 in one SQLite table
    names.reserve_constraint("a", "a_x_not_null");
    CHECK(names.claim_constraint("a", "a_x_not_null") == "a_x_not_null1");
}

TEST_CASE("names: user objects named like PostgreSQL's generated names keep their names") {
    // sqlite3 .dump output of a database with tables t_pkey, t_id_seq and u_email_key created before the
    // tables whose key, sequence and unique constraint PostgreSQL would give those names.
    const std::string script = convert_text(
        "PRAGMA foreign_keys=OFF;\n"
        "BEGIN TRANSACTION;\n"
        "CREATE TABLE t_pkey(a INT);\n"
        "CREATE TABLE t_id_seq(a INT);\n"
        "CREATE TABLE u_email_key(a INT);\n"
        "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);\n"
        "INSERT INTO t VALUES(1,'x');\n"
        "CREATE TABLE u(id INTEGER PRIMARY KEY, email TEXT UNIQUE);\n"
        "CREATE INDEX t_v_key ON t(v);\n"
        "COMMIT;\n");
    CHECK(contains(script, "CREATE TABLE t_pkey ("));
    CHECK(contains(script, "CREATE TABLE t_id_seq ("));
    CHECK(contains(script, "CREATE TABLE u_email_key ("));
    CHECK(contains(script, "ALTER TABLE t ADD CONSTRAINT t_pkey1 PRIMARY KEY (id);"));
    CHECK(contains(script, "(SEQUENCE NAME t_id_seq1)"));
    CHECK(contains(script, "ALTER TABLE u ADD CONSTRAINT u_email_key1 UNIQUE (email);"));
    CHECK(contains(script, "CREATE INDEX t_v_key ON t"));
}

TEST_CASE("names: repeated SQLite constraint names become distinct PostgreSQL names") {
    const std::string script = convert_text(
        "PRAGMA foreign_keys=OFF;\n"
        "BEGIN TRANSACTION;\n"
        "CREATE TABLE a(x INT, CONSTRAINT pk PRIMARY KEY(x), CONSTRAINT c1 CHECK (x > 0), CONSTRAINT c1 CHECK (x < 9));\n"
        "CREATE TABLE b(x INT, CONSTRAINT pk PRIMARY KEY(x), CONSTRAINT c1 CHECK (x > 0));\n"
        "CREATE TABLE \"Ä\"(x INT, CONSTRAINT pk PRIMARY KEY(x));\n"
        "CREATE TABLE \"ä\"(x INT);\n"
        "COMMIT;\n");
    CHECK(contains(script, "ALTER TABLE a ADD CONSTRAINT pk PRIMARY KEY (x);"));
    CHECK(contains(script, "ALTER TABLE b ADD CONSTRAINT pk1 PRIMARY KEY (x);"));
    CHECK(contains(script, "ALTER TABLE \"Ä\" ADD CONSTRAINT pk2 PRIMARY KEY (x);"));
    CHECK(contains(script, "CREATE TABLE \"ä\" ("));
    CHECK(contains(script, "ALTER TABLE a ADD CONSTRAINT c1 CHECK"));
    CHECK(contains(script, "ALTER TABLE a ADD CONSTRAINT c11 CHECK"));
    CHECK(contains(script, "ALTER TABLE b ADD CONSTRAINT c1 CHECK"));
}

TEST_CASE("names: long names are shortened, unique and UTF-8 safe; empty names are made up") {
    const std::string long_a = std::string(60, 'l') + "_alpha";
    const std::string long_b = std::string(60, 'l') + "_beta";
    std::string o_umlauts;
    for (int i = 0; i < 40; ++i) o_umlauts += "ö";
    const std::string script = convert_text("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n"
                                            "CREATE TABLE " + long_a + "(x INT);\n"
                                            "CREATE TABLE " + long_b + "(x INT);\n"
                                            "CREATE TABLE \"" + o_umlauts + "\"(\"\" INT, y INT);\n"
                                            "COMMIT;\n");
    const std::string short_a = sqlite2pg::pg::shorten_identifier(long_a);
    const std::string short_b = sqlite2pg::pg::shorten_identifier(long_b);
    CHECK(short_a != short_b);
    CHECK(contains(script, "CREATE TABLE " + short_a + " ("));
    CHECK(contains(script, "CREATE TABLE " + short_b + " ("));
    const std::string short_o = sqlite2pg::pg::shorten_identifier(o_umlauts);
    CHECK(short_o.size() <= 63);
    CHECK(short_o.substr(0, 54) == o_umlauts.substr(0, 54));  // 27 whole characters
    CHECK(contains(script, "CREATE TABLE \"" + short_o + "\" ("));
    CHECK(contains(script, "column_1 bigint"));
}
