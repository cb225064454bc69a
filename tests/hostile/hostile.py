#!/usr/bin/env python3
"""Hostile inputs: each is converted correctly or refused with FILE:LINE:COL and exit status 1, and a failed
conversion's output applies nothing when loaded.

    hostile.py --converter BIN --sandbox DIR [--case NAME ...] [--workdir DIR]

The inputs are generated here, at test time (none is committed): real `sqlite3 .dump` output that is then
truncated, given a byte order mark, re-encoded as UTF-16, given CRLF line endings or made huge, plus binary
garbage, unterminated quotes and comments, a 100 MB statement, 10 000 tables, tables of 1 600 and 2 000
columns and names of 10 000 bytes.

A case that must convert is loaded into a fresh database of the sandbox (tools/pg-sandbox) and every table
is compared with what SQLite holds: the database the dump was made from, or the database the sqlite3 CLI
builds from the hostile dump itself (so a CR inside a quoted string is data exactly when SQLite says so).
A case that must fail is checked for its exit status, its `FILE:LINE:COL: error: … [id]` line, and then its
partial output is loaded into a database holding a sentinel table: afterwards the database must be exactly
as before (with and without ON_ERROR_STOP). A good script loaded twice must fail the second time and leave
the database as the first load left it; a good script cut at any point before its COMMIT applies nothing.

Standard library only (plus the round-trip harness's Postgres helper). Exit status 0 when every check passes.
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "roundtrip"))
from roundtrip import Failure, Postgres, prepare_workdir, qident  # noqa: E402

# A small database with every storage class, non-ASCII text (with a character outside the BMP, which
# UTF-16 spells as a surrogate pair), text with CR and LF, and a view: the base of most cases.
BASE_SQL = """
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, data BLOB, note TEXT);
INSERT INTO item VALUES(1, 'plain', 1.5, X'00FF10', NULL);
INSERT INTO item VALUES(2, 'héllo ✓ 😀', -0.25, NULL, 'line1' || char(13) || char(10) || 'line2');
INSERT INTO item VALUES(3, 'it''s', 1e300, X'', 'tab' || char(9) || 'bs\\');
CREATE TABLE tag(item_id INTEGER REFERENCES item(id), tag TEXT, UNIQUE(item_id, tag));
INSERT INTO tag VALUES(1, 'a'), (2, 'b'), (2, 'ü');
CREATE INDEX tag_by_tag ON tag(tag);
CREATE VIEW cheap AS SELECT id, name FROM item WHERE price < 2;
"""

SENTINEL = "CREATE TABLE sentinel(x integer); INSERT INTO sentinel VALUES (42);"


def log(msg=""):
    print(msg, flush=True)


class Hostile:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.pg = Postgres(args.sandbox)
        self.failures = []
        self.databases = []

    def fail(self, msg):
        log(f"FAIL {msg}")
        self.failures.append(msg)

    # -- making inputs -------------------------------------------------------------------------------

    def path(self, name):
        return os.path.join(self.work, name)

    def sqlite_db(self, name, sql):
        db = self.path(name + ".db")
        if os.path.exists(db):
            os.remove(db)
        proc = subprocess.run(["sqlite3", "-bail", db], input=sql.encode(), capture_output=True)
        if proc.returncode != 0:
            raise Failure(f"sqlite3 could not build {db}: {proc.stderr.decode()}")
        return db

    def dump_of(self, db):
        return subprocess.run(["sqlite3", db, ".dump"], capture_output=True, check=True).stdout

    def write(self, name, data):
        p = self.path(name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    # -- running the converter ------------------------------------------------------------------------

    def convert(self, dump_path, *options):
        out = dump_path + ".pg.sql"
        report = dump_path + ".report.json"
        cmd = [self.args.converter, dump_path, "-o", out, "--report", report, *options]
        proc = subprocess.run(cmd, capture_output=True)
        return proc.returncode, proc.stderr.decode("utf-8", "replace"), out

    def expect_converts(self, label, dump_path, *options):
        status, stderr, out = self.convert(dump_path, *options)
        if status != 0:
            self.fail(f"{label}: exit status {status}, expected 0:\n{stderr[-3000:]}")
            return None, stderr
        log(f"ok   {label}: converted (exit 0)")
        return out, stderr

    def expect_refused(self, label, dump_path, line, column, diag_id, *options, status=1):
        """The converter must exit with `status`, its stderr must start with dump:LINE:COL: error: … [id]
        (line/column None: any), and loading its partial output must apply nothing."""
        got, stderr, out = self.convert(dump_path, *options)
        if got != status:
            self.fail(f"{label}: exit status {got}, expected {status}:\n{stderr[-3000:]}")
            return
        first = stderr.splitlines()[0] if stderr else ""
        where = (str(line) if line is not None else r"\d+") + ":" + (str(column) if column is not None else r"\d+")
        pattern = re.escape(dump_path) + ":" + where + r": error: .+ \[" + re.escape(diag_id) + r"\]$"
        if not re.match(pattern, first):
            self.fail(f"{label}: first stderr line {first!r} does not match {pattern!r}")
            return
        if "internal error" in stderr:
            self.fail(f"{label}: internal error in stderr:\n{stderr}")
        log(f"ok   {label}: refused (exit {status}): {first[len(dump_path):][:120]}")
        if os.path.exists(out):
            self.expect_applies_nothing(label, out)

    # -- loading ------------------------------------------------------------------------------------

    def fresh_db(self, label):
        name = "hostile_" + re.sub(r"[^a-z0-9]+", "_", label.lower())[:40]
        self.pg.create_db(name)
        self.databases.append(name)
        return name

    def load(self, db, script, stop="1"):
        return self.pg.psql(db, "-v", f"ON_ERROR_STOP={stop}", "-f", script, check=False)

    def snapshot(self, db):
        """Every user object, and the sentinel's rows: what must not change when nothing is applied."""
        objects = self.pg.query(db, """
            SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' ORDER BY 1)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'""")
        functions = self.pg.query(db, """
            SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')""")
        schemas = self.pg.query(db, "SELECT string_agg(nspname, ',' ORDER BY 1) FROM pg_namespace")
        rows = self.pg.query(db, "SELECT string_agg(x::text, ',' ORDER BY x) FROM sentinel") \
            if "public.sentinel:r" in objects else ""
        return objects, functions, schemas, rows

    def expect_applies_nothing(self, label, script):
        for stop in ("1", "0"):
            db = self.fresh_db(f"{label}_nothing{stop}")
            self.pg.psql(db, "-v", "ON_ERROR_STOP=1", "-c", SENTINEL, what="sentinel")
            before = self.snapshot(db)
            self.load(db, script, stop)
            after = self.snapshot(db)
            if before != after:
                self.fail(f"{label}: loading the failed conversion's output {script} (ON_ERROR_STOP={stop}) "
                          f"changed the database:\n  before {before}\n  after  {after}")
                return
        log(f"ok   {label}: its output applies nothing (with and without ON_ERROR_STOP)")

    def expect_loads_as(self, label, script, sqlite_db, schema="public"):
        """Loads script into a fresh database and compares every table with sqlite_db's."""
        db = self.fresh_db(label)
        proc = self.load(db, script)
        if proc.returncode != 0:
            self.fail(f"{label}: psql failed to load {script}:\n{proc.stderr.decode('utf-8', 'replace')[-3000:]}")
            return None
        con = sqlite3.connect(sqlite_db)
        con.text_factory = bytes
        tables = [r[0].decode() for r in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for t in tables:
            want = sorted(tuple(canon(v) for v in row) for row in con.execute(f"SELECT * FROM {qident(t)}"))
            cols = [r[1].decode() for r in con.execute(f"PRAGMA table_info({qident(t)})")]
            pg_table = qident(schema) + "." + qident(t.lower())
            select = ", ".join(f"{qident(c.lower())}::text" for c in cols)
            got_rows = self.pg.query_json(db, f"SELECT {select} FROM {pg_table}")
            got = sorted(tuple(canon_pg(v) for v in r.values()) for r in got_rows)
            if got != want:
                self.fail(f"{label}: table {t}: PostgreSQL holds {got[:3]}…, SQLite {want[:3]}…")
                return db
        log(f"ok   {label}: loaded, {len(tables)} tables equal to SQLite's")
        return db

    # -- the cases ------------------------------------------------------------------------------------

    def base(self):
        db = self.sqlite_db("base", BASE_SQL)
        return db, self.dump_of(db)

    def case_truncated(self):
        db, dump = self.base()
        lines = dump.split(b"\n")
        assert lines[-2] == b"COMMIT;", lines[-3:]
        # Cut between statements: no COMMIT. sqlite3 itself would roll such a dump back.
        no_commit = self.write("no_commit.dump", b"\n".join(lines[:-2]) + b"\n")
        self.expect_refused("truncated before COMMIT", no_commit, 2, 1, "no-commit")
        # Cut inside a statement (no ';'), inside a string literal, inside a quoted identifier.
        insert_at = next(i for i, l in enumerate(lines) if l.startswith(b"INSERT INTO tag"))
        cut = lines[insert_at]
        mid_statement = self.write("mid_statement.dump", b"\n".join(lines[:insert_at] + [cut[:-1]]))
        self.expect_refused("truncated inside a statement", mid_statement, insert_at + 1, 1,
                            "unterminated-statement")
        text_at = next(i for i, l in enumerate(lines) if b"'plain'" in l)
        quote_col = lines[text_at].index(b"'plain'") + 1
        mid_string = self.write("mid_string.dump", b"\n".join(lines[:text_at] + [lines[text_at][:quote_col + 2]]))
        self.expect_refused("truncated inside a string", mid_string, text_at + 1, quote_col, "unterminated-string")
        ident = self.write("mid_ident.dump", b"\n".join(lines[:text_at]) + b'\nCREATE TABLE "unfinished')
        self.expect_refused("truncated inside a quoted identifier", ident, text_at + 1, 14, "unterminated-identifier")
        comment = self.write("mid_comment.dump", b"\n".join(lines[:text_at]) + b"\n/* a comment that never ends\n")
        self.expect_refused("truncated inside a comment", comment, text_at + 1, 1, "unterminated-comment")

    def case_bom(self):
        db, dump = self.base()
        p = self.write("bom.dump", b"\xef\xbb\xbf" + dump)
        out, _ = self.expect_converts("UTF-8 BOM", p)
        if out:
            self.expect_loads_as("UTF-8 BOM", out, db)

    def case_utf16(self):
        db, dump = self.base()
        text = dump.decode("utf-8")
        for label, data in (("UTF-16LE", b"\xff\xfe" + text.encode("utf-16-le")),
                            ("UTF-16BE", b"\xfe\xff" + text.encode("utf-16-be")),
                            ("UTF-16LE CRLF", b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))):
            p = self.write(label.replace(" ", "_") + ".dump", data)
            out, stderr = self.expect_converts(label, p)
            if out:
                if label.split()[0] not in stderr:
                    self.fail(f"{label}: the summary does not say the input was decoded:\n{stderr}")
                self.expect_loads_as(label, out, db)
        # Invalid UTF-16: a lone high surrogate on line 2, and an odd number of bytes.
        lone = b"\xff\xfe" + "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;".encode("utf-16-le") + b"\x00\xd8A\x00"
        self.expect_refused("UTF-16 lone surrogate", self.write("utf16_lone.dump", lone), 2, 19, "invalid-utf16")
        odd = b"\xff\xfe" + text.encode("utf-16-le") + b"\x0a"
        self.expect_refused("UTF-16 odd length", self.write("utf16_odd.dump", odd), None, None, "invalid-utf16")

    def case_crlf(self):
        db, dump = self.base()
        p = self.write("crlf.dump", dump.replace(b"\n", b"\r\n"))
        out, _ = self.expect_converts("CRLF line endings", p)
        if out:
            self.expect_loads_as("CRLF line endings", out, db)
        # Inside a quoted string, a CR before an LF is read as the sqlite3 shell reads the same file (it drops
        # it); a lone CR is data. The reference is the database the sqlite3 CLI builds from these bytes.
        raw = (b"PRAGMA foreign_keys=OFF;\r\nBEGIN TRANSACTION;\r\nCREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT);"
               b"\r\nINSERT INTO t VALUES(1,'two\r\nlines');\r\nINSERT INTO t VALUES(2,'cr\ronly');\r\nCOMMIT;\r\n")
        p = self.write("crlf_in_values.dump", raw)
        ref = self.path("crlf_in_values.db")
        if os.path.exists(ref):
            os.remove(ref)
        with open(p, "rb") as f:
            subprocess.run(["sqlite3", "-bail", ref], stdin=f, check=True, capture_output=True)
        out, _ = self.expect_converts("CR inside quoted values", p)
        if out:
            self.expect_loads_as("CR inside quoted values", out, ref)

    def case_garbage(self):
        rng = random.Random(7)
        for n in range(3):
            data = bytes(rng.randrange(256) for _ in range(4096))
            p = self.write(f"garbage{n}.dump", data)
            status, stderr, out = self.convert(p)
            first = stderr.splitlines()[0] if stderr else ""
            if status != 1 or not re.match(re.escape(p) + r":\d+:\d+: error: .+ \[[a-z0-9-]+\]$", first):
                self.fail(f"binary garbage {n}: exit {status}, first stderr line {first!r}")
            else:
                log(f"ok   binary garbage {n}: refused: {first[len(p):][:100]}")
                if os.path.exists(out):
                    self.expect_applies_nothing(f"garbage{n}", out)
        # Garbage in the middle of a real dump, after a table's rows were written.
        db, dump = self.base()
        lines = dump.split(b"\n")
        at = next(i for i, l in enumerate(lines) if l.startswith(b"CREATE TABLE tag"))
        p = self.write("garbage_middle.dump", b"\n".join(lines[:at] + [b"\x00\x01\xfe garbage;"] + lines[at:]))
        self.expect_refused("garbage in the middle", p, at + 1, 1, "syntax-error")
        # Garbage among a table's rows while they flow (--type-window 1: the CREATE TABLE and the first rows
        # are already written, the COPY block is open).
        at = next(i for i, l in enumerate(lines) if l.startswith(b"INSERT INTO item")) + 2
        p = self.write("garbage_mid_table.dump", b"\n".join(lines[:at] + [b"\x00\x01\xfe garbage;"] + lines[at:]))
        status, _, out = self.convert(p, "--type-window", "1")
        if status == 1 and os.path.exists(out) and b"COPY item" not in open(out, "rb").read():
            self.fail("garbage among flowing rows: no rows of item were written before the error")
        self.expect_refused("garbage among a table's flowing rows", p, at + 1, 1, "syntax-error", "--type-window", "1")

    def case_strict(self):
        # A lossy decision (here: a CHECK using a JSON function, which is left out) under --strict.
        db = self.sqlite_db("strict", "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT CHECK (json_valid(b)));"
                                      "INSERT INTO t VALUES(1,'[1]');"
                                      "CREATE TABLE u(c TEXT); INSERT INTO u VALUES('row');")
        p = self.write("strict.dump", self.dump_of(db))
        got, stderr, out = self.convert(p, "--strict")
        if got != 3:
            self.fail(f"--strict: exit {got}, expected 3:\n{stderr}")
        else:
            log(f"ok   --strict refusal: exit 3: {stderr.splitlines()[0][:120]}")
            self.expect_applies_nothing("strict", out)

    def case_twice(self):
        db, dump = self.base()
        p = self.write("twice.dump", dump)
        out, _ = self.expect_converts("loaded twice", p)
        if not out:
            return
        pgdb = self.expect_loads_as("loaded twice", out, db)
        if not pgdb:
            return
        before = self.snapshot(pgdb)
        contents = self.pg.query(pgdb, "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM item t")
        proc = self.load(pgdb, out)
        after = self.snapshot(pgdb)
        again = self.pg.query(pgdb, "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM item t")
        if proc.returncode == 0:
            self.fail("loaded twice: the second load succeeded; it must fail")
        elif before != after or contents != again:
            self.fail(f"loaded twice: the second load changed the database:\n  {before}\n  {after}")
        else:
            log("ok   loaded twice: the second load fails and changes nothing")
        # A script cut anywhere before its COMMIT (the converter killed, a full disk) applies nothing.
        with open(out, "rb") as f:
            script = f.read()
        commit = script.index(b"\nCOMMIT;")
        copy = script.index(b"FROM stdin;\n")
        for n, cut in enumerate((copy + 20, commit // 2, commit)):
            self.expect_applies_nothing(f"cut{n}", self.write(f"cut{n}.pg.sql", script[:cut]))

    def case_huge_statement(self):
        # One INSERT of about 100 MB: a single text value.
        value = ("0123456789abcdef" * 6_250_000)  # 100 000 000 bytes
        p = self.path("huge_statement.dump")
        with open(p, "w") as f:
            f.write("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE big(id INTEGER PRIMARY KEY, t TEXT);\n")
            f.write("INSERT INTO big VALUES(1,'" + value + "');\nCOMMIT;\n")
        out, _ = self.expect_converts("a 100 MB statement", p)
        if not out:
            return
        db = self.fresh_db("huge_statement")
        proc = self.load(db, out)
        if proc.returncode != 0:
            self.fail(f"a 100 MB statement: load failed: {proc.stderr.decode()[-2000:]}")
            return
        got = self.pg.query(db, "SELECT length(t), md5(t) FROM big").strip()
        want = f"{len(value)}|{hashlib.md5(value.encode()).hexdigest()}"
        if got != want:
            self.fail(f"a 100 MB statement: PostgreSQL holds {got}, expected {want}")
        else:
            log("ok   a 100 MB statement: loaded, length and md5 equal")

    def case_many_tables(self):
        n = 10_000
        sql = "".join(f"CREATE TABLE t{i}(id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t{i} VALUES({i}, 'v{i}');\n"
                      for i in range(n))
        db = self.sqlite_db("many_tables", "BEGIN;" + sql + "COMMIT;")
        p = self.write("many_tables.dump", self.dump_of(db))
        out, stderr = self.expect_converts("10 000 tables", p)
        if not out:
            return
        if f"{n} tables" not in stderr or "max_locks_per_transaction" not in stderr:
            self.fail(f"10 000 tables: the summary does not count {n} tables and mention max_locks_per_transaction:"
                      f"\n{stderr[-800:]}")
        pgdb = self.fresh_db("many_tables")
        self.pg.psql(pgdb, "-v", "ON_ERROR_STOP=1", "-c", SENTINEL, what="sentinel")
        before = self.snapshot(pgdb)
        proc = self.load(pgdb, out)
        if proc.returncode != 0:
            # A server whose lock table is too small for one transaction creating 10 000 tables (with the
            # default max_locks_per_transaction): the load must then apply nothing.
            err = proc.stderr.decode("utf-8", "replace")
            if "max_locks_per_transaction" not in err:
                self.fail(f"10 000 tables: load failed: {err[-2000:]}")
            elif self.snapshot(pgdb) != before:
                self.fail("10 000 tables: the load ran out of locks and left the database changed")
            else:
                log("ok   10 000 tables: this server's lock table is too small for one transaction; "
                    "the load failed and applied nothing")
            return
        got = self.pg.query(pgdb, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").strip()
        rows = self.pg.query(pgdb, "SELECT id, v FROM t9999").strip()
        if got != str(n + 1) or rows != "9999|v9999":
            self.fail(f"10 000 tables: PostgreSQL has {got} tables, t9999 holds {rows!r}")
        else:
            log("ok   10 000 tables: all created and loaded")

    def case_wide_tables(self):
        # PostgreSQL tables hold at most 1600 columns; SQLite's default limit is 2000.
        for width, converts in ((1600, True), (2000, False)):
            cols = ", ".join(f"c{i} TEXT" for i in range(width))
            vals = ", ".join(f"'{i}'" for i in range(width))
            db = self.sqlite_db(f"wide{width}", f"CREATE TABLE wide({cols}); INSERT INTO wide VALUES({vals});")
            p = self.write(f"wide{width}.dump", self.dump_of(db))
            label = f"a {width}-column table"
            if converts:
                out, _ = self.expect_converts(label, p)
                if out:
                    self.expect_loads_as(label, out, db)
            else:
                self.expect_refused(label, p, 3, 1, "too-many-columns")

    def case_long_names(self):
        table = "T" + "a" * 9_999
        column = "C" + "é" * 4_999 + "x"  # 10 000 bytes of UTF-8
        index = "i" * 10_000
        db = self.sqlite_db("long_names", f"""
            CREATE TABLE "{table}"(id INTEGER PRIMARY KEY, "{column}" TEXT, "{column[:-1]}y" TEXT);
            INSERT INTO "{table}" VALUES(1, 'one', 'uno');
            CREATE INDEX "{index}" ON "{table}"("{column}");""")
        p = self.write("long_names.dump", self.dump_of(db))
        out, _ = self.expect_converts("names of 10 000 bytes", p)
        if not out:
            return
        pgdb = self.fresh_db("long_names")
        proc = self.load(pgdb, out)
        if proc.returncode != 0:
            self.fail(f"names of 10 000 bytes: load failed: {proc.stderr.decode()[-2000:]}")
            return
        tables = self.pg.query_json(pgdb, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        if len(tables) != 1:
            self.fail(f"names of 10 000 bytes: tables {tables}")
            return
        name = tables[0]["tablename"]
        cols = self.pg.query_json(pgdb, f"SELECT column_name FROM information_schema.columns "
                                        f"WHERE table_name = '{name}' ORDER BY ordinal_position")
        row = self.pg.query_json(pgdb, f"SELECT * FROM {qident(name)}")
        indexes = self.pg.query(pgdb, f"SELECT count(*) FROM pg_indexes WHERE tablename = '{name}'").strip()
        if len(cols) != 3 or len({c["column_name"] for c in cols}) != 3 or \
                sorted(map(str, row[0].values())) != ["1", "one", "uno"] or indexes != "2":
            self.fail(f"names of 10 000 bytes: columns {cols}, rows {row}, {indexes} indexes")
        else:
            log(f"ok   names of 10 000 bytes: shortened to {len(name.encode())}-byte names, all distinct, loaded")


    def case_review(self):
        """--summary-only writes no script; stderr ends with the counts; every decision of the report is one
        `-- sqlite2pg:` comment in the script naming its object, dump line and reason."""
        repo = os.path.dirname(os.path.dirname(HERE))
        dumps = [self.write("review_base.dump", self.base()[1]),
                 self.write("review_chinook.dump", self.dump_of(os.path.join(repo, "fixtures", "corpus", "chinook.db"))),
                 shutil.copy(os.path.join(repo, "fixtures", "dumps", "minimal.dump"), self.path("review_minimal.dump"))]
        for dump in dumps:
            label = "review " + os.path.basename(dump)
            report_path = self.path(os.path.basename(dump) + ".summary.json")
            proc = subprocess.run([self.args.converter, "--summary-only", "--report", report_path, dump],
                                  capture_output=True)
            stderr = proc.stderr.decode("utf-8", "replace")
            if proc.returncode != 0 or proc.stdout:
                self.fail(f"{label}: --summary-only: exit {proc.returncode}, {len(proc.stdout)} bytes on stdout")
                continue
            with open(report_path) as f:
                report = json.load(f)
            lines = stderr.splitlines()
            counts = next((i for i, l in enumerate(lines) if l.startswith("sqlite2pg: ")), None)
            by_kind = {m.group(1): int(m.group(2)) for l in lines[(counts or 0) + 1:]
                       for m in [re.match(r"  ([a-z-]+): (\d+)$", l)] if m}
            summary = report["summary"]
            want = (f"sqlite2pg: {summary['tables']} tables, {summary['rows']} rows, {os.path.getsize(dump)} bytes "
                    f"read; {summary['decisions']} decisions, {summary['warnings']} warnings")
            if counts is None or not lines[counts].startswith(want) or \
                    any(not l.startswith("  ") for l in lines[counts + 1:]) or by_kind != summary["by_kind"]:
                self.fail(f"{label}: stderr does not end with the summary {want!r} and the decisions by kind "
                          f"{summary['by_kind']}:\n{stderr[-1500:]}")
                continue
            out, _ = self.expect_converts(label, dump)
            if not out:
                continue
            with open(out, encoding="utf-8", errors="replace") as f:
                comments = [l for l in f if l.startswith("-- sqlite2pg: ")]
            with open(dump + ".report.json") as f:
                decisions = json.load(f)["decisions"]
            bad = [d for d in decisions
                   if sum(d["object"] in c and f"dump line {d['line']}" in c and d["why"] in c for c in comments) != 1]
            if bad or len(comments) != len(decisions):
                self.fail(f"{label}: {len(decisions)} decisions, {len(comments)} comments; not exactly once: {bad[:3]}")
            else:
                log(f"ok   {label}: summary on stderr matches the report; each of {len(decisions)} decisions is "
                    f"one comment with its dump line")


def canon(v):
    """A SQLite value as PostgreSQL's text output of it under the converted type."""
    if v is None:
        return None
    if isinstance(v, bytes):
        return v.decode("utf-8", "surrogateescape")
    if isinstance(v, float):
        return repr(float(v))
    return str(v)


def canon_pg(v):
    if v is None:
        return None
    if v.startswith("\\x"):
        return bytes.fromhex(v[2:]).decode("utf-8", "surrogateescape")
    try:
        if re.fullmatch(r"-?[0-9.]+(e[+-]?[0-9]+)?|-?Infinity|NaN", v) and ("." in v or "e" in v):
            return repr(float(v))
    except ValueError:
        pass
    return v


CASES = ["truncated", "bom", "utf16", "crlf", "garbage", "strict", "twice", "huge_statement", "many_tables",
         "wide_tables", "long_names", "review"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--converter", required=True)
    ap.add_argument("--sandbox", required=True, help="directory of a running tools/pg-sandbox")
    ap.add_argument("--case", action="append", choices=CASES, help="run only these cases (default: all)")
    ap.add_argument("--workdir", help="directory for artefacts (emptied first; default: a new tempdir)")
    args = ap.parse_args()
    args.converter = os.path.abspath(args.converter)
    work = prepare_workdir(args.workdir, "hostile-")
    h = Hostile(args, work)
    for case in args.case or CASES:
        log(f"== {case}")
        try:
            getattr(h, "case_" + case)()
        except Failure as e:
            h.fail(f"{case}: {e}")
    if h.failures:
        log(f"FAILED: {len(h.failures)} problem(s). Artefacts kept in {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    for db in h.databases:
        h.pg.drop_db(db)
    log("PASSED: hostile inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
