#!/usr/bin/env python3
"""Round trip of one fixture through sqlite2pg into a real PostgreSQL server.

    roundtrip.py --converter BIN --sandbox DIR --case NAME
    roundtrip.py --converter BIN --sandbox DIR --case-syntax-error NAME
    roundtrip.py --converter BIN --sandbox DIR --case-era DUMPDIR

--case: build a SQLite database from fixtures/roundtrip/NAME.sql with the sqlite3 CLI (or copy
fixtures/corpus/NAME.db), dump it with `sqlite3 DB .dump`, convert it with
`BIN DUMP -o OUT.sql --report REPORT.json`, load OUT.sql with `psql -v ON_ERROR_STOP=1` into a fresh
database of the sandbox (tools/pg-sandbox; DIR/env says where it listens), then compare every value of
every table by meaning under its PostgreSQL type, check that identity columns continue after the
ids SQLite used, and that every view returns the same rows as in SQLite (or is reported as left out).
Extra converter options for a case go in fixtures/roundtrip/NAME.options (e.g. --compat-functions).
When fixtures/roundtrip/NAME.probes.sql exists, its writes are then replayed against both databases
(see RoundTrip.run_probes for the format) and every table and view is compared again: constraints,
indexes and triggers must behave alike.

--case-syntax-error: put a syntax error in the middle of NAME's dump, expect the converter to fail
with a located diagnostic, and check that loading whatever it wrote leaves the database empty.

--case-era: convert every dump in DUMPDIR (fixtures/dump-eras/<version>/) as it is and compare it with the
database it means (see run_era_directory).

Standard library only. Exit status 0 when every check passes, 1 otherwise.
"""

import argparse
import collections
import datetime
import decimal
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INT64_MAX = 9223372036854775807
# Exact decimal arithmetic for numeric columns (normalize() rounds to the context's precision).
DEC = decimal.Context(prec=100000, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config",  # fts5
                   "_segments", "_segdir", "_stat",                      # fts3/4
                   "_node", "_rowid", "_parent")                         # rtree
NULL = "N"  # canonical NULL; no other canonical value is "N"


class Failure(Exception):
    pass


def qident(name):
    return '"' + name.replace('"', '""') + '"'


def qliteral(text):
    return "'" + text.replace("'", "''") + "'"


def log(msg=""):
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------------------
# Running things

def run(cmd, what, stdin=None, check=True, stdout=None):
    """Run cmd; on failure (check) raise Failure with its output."""
    proc = subprocess.run(cmd, stdin=stdin, stdout=stdout if stdout is not None else subprocess.PIPE,
                          stderr=subprocess.PIPE)
    if check and proc.returncode != 0:
        out = proc.stdout.decode("utf-8", "replace") if proc.stdout else ""
        raise Failure(f"{what} failed (exit {proc.returncode}): {' '.join(map(str, cmd))}\n"
                      f"{out[-4000:]}{proc.stderr.decode('utf-8', 'replace')[-8000:]}")
    return proc


class Postgres:
    def __init__(self, sandbox):
        env_file = os.path.join(sandbox, "env")
        if not os.path.exists(env_file):
            raise Failure(f"no {env_file}: start the sandbox with tools/pg-sandbox start {sandbox}")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        with open(env_file) as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#") and "=" in line:
                    key, value = line.split("=", 1)
                    env[key.removeprefix("export ").strip()] = value.strip()
        env["PGCONNECT_TIMEOUT"] = "20"
        self.env = env

    def psql(self, db, *args, check=True, what="psql"):
        cmd = ["psql", "-X", "-q", "-d", db, *args]
        proc = subprocess.run(cmd, env=self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and proc.returncode != 0:
            raise Failure(f"{what} failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                          f"{proc.stderr.decode('utf-8', 'replace')[-8000:]}")
        return proc

    def query(self, db, sql):
        """Run one query, return its output (unaligned, tuples only) as text."""
        proc = self.psql(db, "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql, what="query")
        return proc.stdout.decode("utf-8")

    def query_json(self, db, sql):
        """Rows of sql as a list of dicts (through json_agg, so any name survives)."""
        out = self.query(db, f"SELECT coalesce(json_agg(row_to_json(q)), '[]') FROM ({sql}) q")
        return json.loads(out)

    def create_db(self, name):
        self.psql("postgres", "-v", "ON_ERROR_STOP=1", "-c", f"DROP DATABASE IF EXISTS {qident(name)}",
                  what="drop database")
        self.psql("postgres", "-v", "ON_ERROR_STOP=1", "-c",
                  f"CREATE DATABASE {qident(name)} TEMPLATE template0 ENCODING 'UTF8'",
                  what="create database")

    def drop_db(self, name):
        self.psql("postgres", "-c", f"DROP DATABASE IF EXISTS {qident(name)}", check=False)


# ---------------------------------------------------------------------------------------------------
# Fixtures → SQLite database → dump → converted script

def prepare_workdir(workdir, prefix):
    """The directory for a run's artefacts: `workdir` emptied, or a new temporary directory."""
    if not workdir:
        return tempfile.mkdtemp(prefix=prefix)
    work = os.path.abspath(workdir)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    return work


def make_database(fixtures, name, work):
    db = os.path.join(work, f"{name}.db")
    script = os.path.join(fixtures, "roundtrip", f"{name}.sql")
    corpus = os.path.join(fixtures, "corpus", f"{name}.db")
    if os.path.exists(script):
        with open(script, "rb") as f:
            run(["sqlite3", "-bail", db], f"sqlite3 {script}", stdin=f)
    elif os.path.exists(corpus):
        shutil.copyfile(corpus, db)
    else:
        raise Failure(f"no fixture {script} or {corpus}")
    return db


def make_dump(db, work, name):
    dump = os.path.join(work, f"{name}.dump")
    with open(dump, "wb") as f:
        run(["sqlite3", db, ".dump"], "sqlite3 .dump", stdout=f)
    return dump


def user_tables(con):
    """SQLite user tables: no sqlite_* tables, no virtual tables, no shadow tables of virtual tables."""
    rows = con.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").fetchall()
    names = [r[0].decode() if isinstance(r[0], bytes) else r[0] for r in rows]
    sqls = {n: (r[1].decode("utf-8", "replace") if isinstance(r[1], bytes) else (r[1] or ""))
            for n, r in zip(names, rows)}
    virtual = {n for n in names if re.match(r"\s*CREATE\s+VIRTUAL\s+TABLE", sqls[n], re.I)}
    kinds = {}
    try:  # SQLite >= 3.37 knows shadow tables when their module is compiled in
        for r in con.execute("PRAGMA main.table_list"):
            kinds[r[1].decode() if isinstance(r[1], bytes) else r[1]] = \
                r[2].decode() if isinstance(r[2], bytes) else r[2]
    except sqlite3.Error:
        pass
    result = []
    for n in names:
        if n.lower().startswith("sqlite_") or n in virtual or kinds.get(n) in ("shadow", "virtual"):
            continue
        if any(n.lower() == (v + s).lower() for v in virtual for s in SHADOW_SUFFIXES):
            continue
        result.append(n)
    return result


# ---------------------------------------------------------------------------------------------------
# Canonical values: one string per value, equal on both sides exactly when the values mean the same.

INT_TYPES = {"bigint", "integer", "smallint"}
FLOAT_TYPES = {"double precision", "real"}
TEXT_TYPES = {"text", "character varying", "character", "name", "citext"}
TEMPORAL = ("timestamp", "timestamptz", "date", "time")


def category(base_type):
    if base_type in INT_TYPES:
        return "int"
    if base_type in FLOAT_TYPES:
        return "float"
    if base_type == "numeric":
        return "numeric"
    if base_type == "boolean":
        return "bool"
    if base_type in TEXT_TYPES:
        return "text"
    if base_type == "bytea":
        return "bytea"
    if base_type == "timestamp without time zone":
        return "timestamp"
    if base_type == "timestamp with time zone":
        return "timestamptz"
    if base_type == "date":
        return "date"
    if base_type == "time without time zone":
        return "time"
    return "other"  # compared as text: json keeps its text, uuid prints one canonical form


def pg_expr(cat, base_type, col):
    x = qident(col)
    if cat in ("int", "numeric"):
        e = f"{x}::text"
    elif cat == "float":
        e = f"encode(float8send({x}::float8), 'hex')"
    elif cat == "bool":
        e = f"CASE {x} WHEN true THEN 't' WHEN false THEN 'f' END"
    elif cat == "bytea":
        e = f"encode({x}, 'hex')"
    elif cat == "timestamptz":
        e = f"({x} AT TIME ZONE 'UTC')::text"
    elif cat in ("timestamp", "date", "time"):
        e = f"{x}::text"
    else:  # text, other
        e = f"encode(convert_to({x}::text, 'UTF8'), 'hex')"
    return f"coalesce({e}, '{NULL}')"


# Date/time text by meaning, read strictly: the ISO forms both SQLite's date functions and PostgreSQL read
# alike. Words ('now', 'epoch'), hour 24, second 60, invalid dates and year 0 do not parse, so a column typed
# although it holds them fails the comparison; fractions keep every digit (rounding to microseconds shows).
DATETIME_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
                         r"(Z|[+-]\d{2}:\d{2})?)?")
TIME_RE = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?")


def fraction(digits):
    digits = (digits or "").rstrip("0")
    return "." + digits if digits else ""


def canon_datetime(text, cat):
    """'YYYY-MM-DD HH:MM:SS[.f]' (UTC for timestamptz: a value without offset is taken as UTC), or None."""
    m = DATETIME_RE.fullmatch(text)
    if not m:
        return None
    y, mo, d, h, mi, sec, frac, off = m.groups()
    if h is None and cat == "date":
        try:
            return datetime.date(int(y), int(mo), int(d)).isoformat()
        except ValueError:
            return None
    if cat == "date" or (off is not None and cat != "timestamptz"):
        return None  # a time in a date, an offset in a timestamp: PostgreSQL would drop it
    try:
        t = datetime.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0))
    except ValueError:
        return None
    if off and off != "Z":
        sign = 1 if off[0] == "+" else -1
        t -= sign * datetime.timedelta(hours=int(off[1:3]), minutes=int(off[4:6]))
    return (f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}"
            + fraction(frac))


def canon_time(text):
    m = TIME_RE.fullmatch(text)
    if not m:
        return None
    h, mi, sec, frac = m.groups()
    try:
        t = datetime.time(int(h), int(mi), int(sec or 0))
    except ValueError:
        return None
    return t.strftime("%H:%M:%S") + fraction(frac)


def canon_temporal(cat, text):
    return canon_time(text) if cat == "time" else canon_datetime(text, cat)


def canon_decimal(d):
    if d.is_nan():
        return "NaN"
    if d.is_infinite():
        return "Infinity" if d > 0 else "-Infinity"
    d = DEC.normalize(d)
    return str(d) if d != 0 else "0"


def pg_canon(cat, raw):
    """Finish the canonical form of a value fetched from PostgreSQL."""
    if raw == NULL:
        return NULL
    if cat == "numeric":
        return canon_decimal(decimal.Decimal(raw))
    if cat in TEMPORAL:
        value = canon_temporal(cat, raw)
        return value if value is not None else "pg-text:" + raw
    return raw


def mismatch(kind, value, cat):
    """A canonical form that can never equal a PostgreSQL value: the SQLite value has no exact meaning in
    this column type."""
    return f"<sqlite {kind} {value!r} cannot be {cat}>"


SPECIAL_REALS = {"inf": "Infinity", "-inf": "-Infinity", "nan": "NaN"}


def real_forms(v):
    """A finite real's shortest digits that read back as exactly v, laid out both ways: (sign, fixed, exponent
    form, decimal exponent). A fixed integral value shows every digit of the exact value (2^63 →
    9223372036854775808); the exponent has at least two digits."""
    sign, digit_tuple, exp = decimal.Decimal(repr(v)).normalize(DEC).as_tuple()
    ds = "".join(map(str, digit_tuple))
    n = len(ds)
    e10 = exp + n - 1
    if ds == "0":
        return "-" if sign else "", "0", "0", 0
    if exp >= 0:
        fixed = str(int(abs(v)))
    elif -exp < n:
        fixed = ds[:n + exp] + "." + ds[n + exp:]
    else:
        fixed = "0." + "0" * (-exp - n) + ds
    sci = ds[0] + ("." + ds[1:] if n > 1 else "") + "e" + ("+" if e10 >= 0 else "-") + f"{abs(e10):02d}"
    return "-" if sign else "", fixed, sci, e10


def real_as_text(v):
    """A real as the converter writes it into numeric and double precision columns (C++ std::to_chars):
    fixed or exponent form, whichever is shorter (fixed on a tie)."""
    if repr(v) in SPECIAL_REALS:
        return SPECIAL_REALS[repr(v)]
    sign, fixed, sci, _ = real_forms(v)
    return sign + (fixed if len(fixed) <= len(sci) else sci)


def real_in_text(v):
    """A real stored in a text or bytea column, as PostgreSQL's float8 output prints it: with an exponent
    when the decimal exponent is below -4 or 15 and above, else fixed; with '.0' when that reads as an
    integer."""
    if repr(v) in SPECIAL_REALS:
        return SPECIAL_REALS[repr(v)]
    sign, fixed, sci, e10 = real_forms(v)
    t = sign + (sci if e10 < -4 or e10 >= 15 else fixed)
    return t if any(c in t for c in ".e") else t + ".0"


def sqlite_canon(cat, kind, v):
    """Canonical form of a SQLite value (kind = typeof()) for a column of category cat."""
    if kind == "null":
        return NULL
    if kind == "text" or kind == "blob":
        v = bytes(v)
    if cat == "int":
        return str(v) if kind == "integer" else mismatch(kind, v, "an integer")
    if cat == "float":
        if kind == "real":
            return struct.pack(">d", v).hex()
        if kind == "integer" and int(float(v)) == v:
            return struct.pack(">d", float(v)).hex()
        return mismatch(kind, v, "a double")
    if cat == "numeric":
        if kind == "integer":
            return canon_decimal(decimal.Decimal(v))
        if kind == "real":
            return canon_decimal(decimal.Decimal(real_as_text(v)))
        return mismatch(kind, v, "numeric")
    if cat == "bool":
        if kind == "integer" and v in (0, 1):
            return "t" if v else "f"
        return mismatch(kind, v, "a boolean")
    if cat == "bytea":  # a unified column (postgres-semantics.md §1.4): numbers are their text bytes
        if kind in ("blob", "text"):
            return v.hex()
        return (str(v) if kind == "integer" else real_in_text(v)).encode().hex()
    # text-like: text, other, and the date/time types
    if kind == "text":
        b = v
    elif kind == "integer":
        b = str(v).encode()
    elif kind == "real":
        b = real_in_text(v).encode()
    elif cat in ("text", "other"):  # a blob in a unified text column: its bytes, valid UTF-8 (§1.4)
        b = v
    else:
        return mismatch(kind, v, "text")
    if cat in TEMPORAL:
        if kind != "text":
            return mismatch(kind, v, cat)
        value = canon_temporal(cat, b.decode("utf-8", "surrogateescape"))
        return value if value is not None else mismatch(kind, v, cat)
    return b.hex()


def computed_number(cat, value):
    """A view's computed float or numeric value, to 12 significant digits. SQL leaves the order in which an
    aggregate adds its inputs unspecified, so sum(real) differs in the last bits between two plans of the
    same query, and PostgreSQL sums numeric inputs exactly where SQLite rounds every step."""
    if value == NULL or value.startswith("<sqlite"):
        return value
    if cat == "float" and re.fullmatch(r"[0-9a-f]{16}", value):
        return f"{struct.unpack('>d', bytes.fromhex(value))[0]:.12g}"
    if cat == "numeric":
        try:
            return f"{float(decimal.Decimal(value)):.12g}"
        except (decimal.InvalidOperation, OverflowError):
            return value
    return value


def show(cat, value):
    """A readable rendering of a canonical value for failure messages."""
    if value == NULL or value.startswith("<sqlite"):
        return "NULL" if value == NULL else value
    if cat in ("text", "other", "bytea") and re.fullmatch(r"[0-9a-f]*", value):
        b = bytes.fromhex(value)
        text = b.decode("utf-8", "backslashreplace")
        short = text if len(text) <= 60 else text[:60] + f"…({len(b)} bytes)"
        return f"{short!r}" if cat != "bytea" else f"\\x{value[:40]}{'…' if len(value) > 40 else ''}" \
                                                    f" ({len(b)} bytes)"
    if cat == "float" and re.fullmatch(r"[0-9a-f]{16}", value):
        return f"{struct.unpack('>d', bytes.fromhex(value))[0]!r}[{value}]"
    return value


# ---------------------------------------------------------------------------------------------------
# The round trip

PG_COLUMNS_SQL = """
SELECT a.attnum AS num, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, NULL) AS base_type,
       a.attgenerated <> '' AS generated,
       pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
WHERE n.nspname = {schema} AND c.relname = {table} AND c.relkind IN {kinds}
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
"""


class RoundTrip:
    def __init__(self, args):
        self.args = args
        self.pg = Postgres(args.sandbox)
        self.failures = []

    def fail(self, msg):
        self.failures.append(msg)
        log("FAIL " + msg)

    def run_case(self, name, work):
        db = make_database(self.args.fixtures, name, work)
        dump = make_dump(db, work, name)
        out = os.path.join(work, f"{name}.pg.sql")
        report_path = os.path.join(work, f"{name}.report.json")
        # fixtures/roundtrip/NAME.options: extra converter options, whitespace-separated (e.g. --compat-functions).
        options_path = os.path.join(self.args.fixtures, "roundtrip", f"{name}.options")
        options = open(options_path, encoding="utf-8").read().split() if os.path.exists(options_path) else []
        conv = run([self.args.converter, dump, "-o", out, "--report", report_path] + options, "conversion")
        if conv.stderr:
            log(conv.stderr.decode("utf-8", "replace").rstrip())
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)

        pgdb = self.db_name(name)
        self.pgdb = pgdb
        self.pg.create_db(pgdb)
        self.pg.psql(pgdb, "-v", "ON_ERROR_STOP=1", "-f", out, what=f"loading {out}")

        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        con.text_factory = bytes
        sqlite_tables = user_tables(con)
        seqs = {}
        if con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'").fetchone():
            for tname, seq in con.execute("SELECT name, seq FROM sqlite_sequence"):
                seqs[tname.decode("utf-8", "surrogateescape")] = seq

        tables = report.get("tables")
        if not isinstance(tables, list):
            raise Failure(f"{report_path}: no \"tables\" list")
        reported = {t["sqlite_name"] for t in tables}
        for t in sqlite_tables:
            if t not in reported:
                self.fail(f"SQLite table {t!r} is missing from the report (and so from the check)")
        for t in tables:
            self.check_table(con, t, seqs)
        self.check_views(con, report)
        check_virtual_tables(self, con, report)
        con.close()

        probes = os.path.join(self.args.fixtures, "roundtrip", f"{name}.probes.sql")
        if os.path.exists(probes):
            self.run_probes(db, probes)
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            con.text_factory = bytes
            for t in tables:
                self.check_table(con, t, seqs, after_writes=True)
            self.check_views(con, report, after_writes=True)
            con.close()
        return pgdb

    def db_name(self, name):
        return ("rt_" + re.sub(r"[^a-z0-9_]", "_", name.lower()))[:50] + f"_{os.getpid()}"

    def check_table(self, con, t, seqs, after_writes=False):
        """Compare every value of one reported table. after_writes: the probes have written to both
        databases since the load, so the report's row count and the key high-water marks no longer apply."""
        sname, pname, schema = t["sqlite_name"], t["pg_name"], t.get("pg_schema") or "public"
        label = ("after probes: " if after_writes else "") + f"{sname!r} -> {qident(schema)}.{qident(pname)}"
        exists = con.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                             (sname,)).fetchone()
        if not exists:
            self.fail(f"{label}: the report names a table SQLite does not have")
            return
        pg_cols = self.pg.query_json(self.pgdb, PG_COLUMNS_SQL.format(schema=qliteral(schema),
                                                                      table=qliteral(pname), kinds="('r', 'p')"))
        if not pg_cols:
            self.fail(f"{label}: no such table in PostgreSQL")
            return
        pg_by_name = {c["name"]: c for c in pg_cols}
        columns = t["columns"]
        ok = True

        # Every SQLite column is described, every PostgreSQL column is described, types agree.
        try:
            sqlite_cols = [r[1].decode("utf-8", "surrogateescape")
                           for r in con.execute(f"PRAGMA main.table_xinfo({qident(sname)})") if r[6] != 1]
        except sqlite3.DatabaseError as e:
            # A partial dump (`.dump ft`) can declare a virtual table without its shadow tables: SQLite
            # itself then cannot read it, so there are no rows to compare.
            if t.get("rows", 0) != 0:
                self.fail(f"{label}: SQLite cannot read it ({e}), yet the report says it has {t['rows']} rows")
            else:
                log(f"ok   {label}: SQLite itself cannot read it ({e}); PostgreSQL has the empty table")
            return
        described = {c["sqlite_name"] for c in columns}
        for c in sqlite_cols:
            if c not in described:
                self.fail(f"{label}: SQLite column {c!r} is missing from the report")
                ok = False
        for c in pg_cols:
            if c["name"] not in {col["pg_name"] for col in columns}:
                self.fail(f"{label}: PostgreSQL column {c['name']!r} is not in the report")
                ok = False
        cats = []
        for col in columns:
            pgc = pg_by_name.get(col["pg_name"])
            if pgc is None:
                self.fail(f"{label}: column {col['pg_name']!r} (SQLite {col['sqlite_name']!r}) "
                          f"is not in PostgreSQL")
                return
            if col.get("pg_type") is not None and not self.same_type(col["pg_type"], pgc["type"]):
                self.fail(f"{label}: column {col['pg_name']!r}: the report says {col['pg_type']}, "
                          f"PostgreSQL has {pgc['type']}")
                ok = False
            if bool(col.get("identity")) != (pgc["sequence"] is not None):
                self.fail(f"{label}: column {col['pg_name']!r}: report identity={col.get('identity')}, "
                          f"PostgreSQL sequence={pgc['sequence']}")
                ok = False
            cats.append(category(pgc["base_type"]))

        # Values.
        select = ", ".join(f"typeof({qident(c['sqlite_name'])}), {qident(c['sqlite_name'])}"
                           for c in columns)
        sqlite_rows = []
        ids = collections.defaultdict(list)
        for r in con.execute(f"SELECT {select} FROM main.{qident(sname)}"):
            row = []
            for i, cat in enumerate(cats):
                kind = r[2 * i].decode()
                v = r[2 * i + 1]
                row.append(sqlite_canon(cat, kind, v))
                if columns[i].get("identity") and kind == "integer":
                    ids[i].append(v)
            sqlite_rows.append(tuple(row))

        pg_select = ", ".join(pg_expr(cat, pg_by_name[c["pg_name"]]["base_type"], c["pg_name"])
                              for c, cat in zip(columns, cats))
        if not columns:
            pg_select = "'row'"
        out = self.pg.query(self.pgdb, f"COPY (SELECT {pg_select} FROM {qident(schema)}.{qident(pname)})"
                                       f" TO STDOUT")
        pg_rows = []
        for line in out.split("\n")[:-1]:
            fields = line.split("\t") if columns else []
            pg_rows.append(tuple(pg_canon(cat, f) for cat, f in zip(cats, fields)))

        if not after_writes and "rows" in t and t["rows"] != len(sqlite_rows):
            self.fail(f"{label}: the report says {t['rows']} rows, SQLite has {len(sqlite_rows)}")
            ok = False
        ok &= self.compare_rows(label, [c["pg_name"] for c in columns], cats, sqlite_rows, pg_rows)

        # Keys continue.
        for i, col in enumerate(columns):
            if not after_writes and col.get("identity") and pg_by_name[col["pg_name"]]["sequence"] is not None:
                ok &= self.check_identity(label, schema, pname, col, ids[i], seqs.get(sname))

        if ok:
            gen = [c["pg_name"] for c in columns if pg_by_name[c["pg_name"]]["generated"]]
            log(f"ok   {label}: {len(pg_rows)} rows x {len(columns)} columns equal"
                + (f" (generated: {', '.join(gen)})" if gen else ""))

    def compare_rows(self, label, names, cats, sqlite_rows, pg_rows):
        """Compare two multisets of canonical rows (order ignored); report the differences. True if equal."""
        ok = True
        if len(sqlite_rows) != len(pg_rows):
            self.fail(f"{label}: {len(sqlite_rows)} rows in SQLite, {len(pg_rows)} in PostgreSQL")
            ok = False
        sqlite_rows.sort()
        pg_rows.sort()
        if sqlite_rows != pg_rows:
            ok = False
            only_sqlite = collections.Counter(sqlite_rows) - collections.Counter(pg_rows)
            only_pg = collections.Counter(pg_rows) - collections.Counter(sqlite_rows)
            bad_cols = set()
            for a, b in zip(sorted(only_sqlite.elements()), sorted(only_pg.elements())):
                bad_cols |= {names[i] for i in range(len(names)) if a[i] != b[i]}
            msg = [f"{label}: {sum(only_sqlite.values())} SQLite rows have no equal PostgreSQL row, "
                   f"{sum(only_pg.values())} PostgreSQL rows have no equal SQLite row"
                   + (f" (differing columns, roughly: {', '.join(sorted(bad_cols))})" if bad_cols else "")]
            for side, rows in (("only in SQLite", only_sqlite), ("only in PostgreSQL", only_pg)):
                for row in sorted(rows.elements())[:5]:
                    msg.append(f"    {side}: (" + ", ".join(
                        f"{n}={show(cat, v)}" for n, cat, v in zip(names, cats, row)) + ")")
            self.fail("\n".join(msg))
        return ok

    def check_views(self, con, report, after_writes=False):
        """Every SQLite view exists in PostgreSQL and returns the same rows (by meaning, order ignored), or
        the report says why it was left out."""
        schema = next((t.get("pg_schema") for t in report.get("tables", []) if t.get("pg_schema")), "public")
        skipped = " ".join(d.get("object", "") for d in report.get("decisions", [])
                           if d.get("kind", "").endswith("skipped"))
        for (raw_name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name"):
            vname = raw_name.decode("utf-8", "surrogateescape")
            pname = re.sub(r"[A-Z]", lambda m: m.group(0).lower(), vname)
            label = ("after probes: " if after_writes else "") + f"view {vname!r} -> {qident(schema)}.{qident(pname)}"
            pg_cols = self.pg.query_json(self.pgdb, PG_COLUMNS_SQL.format(
                schema=qliteral(schema), table=qliteral(pname), kinds="('v', 'm')"))
            if not pg_cols:
                if f'view "{vname}"' in skipped:
                    if not after_writes:
                        log(f"ok   {label}: left out, and the report says why")
                else:
                    self.fail(f"{label}: not in PostgreSQL and not reported as left out")
                continue
            try:
                n = len(con.execute(f"SELECT * FROM main.{qident(vname)} LIMIT 0").description)
            except sqlite3.Error as e:
                log(f"ok   {label}: SQLite itself cannot run the view ({e}); not compared")
                continue
            if n != len(pg_cols):
                self.fail(f"{label}: {n} columns in SQLite, {len(pg_cols)} in PostgreSQL")
                continue
            aliases = [f"c{i}" for i in range(n)]
            cats = [category(c["base_type"]) for c in pg_cols]
            sqlite_rows = []
            for r in con.execute(f"WITH q({', '.join(aliases)}) AS (SELECT * FROM main.{qident(vname)}) "
                                 f"SELECT {', '.join(f'typeof({a}), {a}' for a in aliases)} FROM q"):
                sqlite_rows.append(tuple(sqlite_canon(cat, r[2 * i].decode(), r[2 * i + 1])
                                         for i, cat in enumerate(cats)))
            pg_select = ", ".join(pg_expr(cat, c["base_type"], c["name"]) for c, cat in zip(pg_cols, cats))
            out = self.pg.query(self.pgdb, f"COPY (SELECT {pg_select} FROM {qident(schema)}.{qident(pname)})"
                                           f" TO STDOUT")
            pg_rows = [tuple(pg_canon(cat, f) for cat, f in zip(cats, line.split("\t")))
                       for line in out.split("\n")[:-1]]
            sqlite_rows = [tuple(computed_number(c, v) for c, v in zip(cats, r)) for r in sqlite_rows]
            pg_rows = [tuple(computed_number(c, v) for c, v in zip(cats, r)) for r in pg_rows]
            if self.compare_rows(label, [c["name"] for c in pg_cols], cats, sqlite_rows, pg_rows):
                log(f"ok   {label}: {len(pg_rows)} rows x {n} columns equal")

    def run_probes(self, db, path):
        """Replay the writes of a probes file against both databases. The file is SQL that both dialects
        accept, in blocks each introduced by a line
            -- expect: ok              every statement of the block succeeds in both
            -- expect: error [TEXT]    the block fails in both (with TEXT in both messages, if given)
            -- expect: same            one query; both return the same rows (order ignored unless ORDER BY)
        SQLite runs with foreign_keys=ON, as applications that declare foreign keys do."""
        blocks = []
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                m = re.match(r"--\s*expect:\s*(ok|error|same)\b\s*(.*)$", line.strip())
                if m:
                    blocks.append((lineno, m.group(1), m.group(2).strip(), []))
                elif blocks:
                    blocks[-1][3].append(line)
                elif line.strip() and not line.strip().startswith("--"):
                    raise Failure(f"{path}:{lineno}: SQL before the first '-- expect:' line")
        con = sqlite3.connect(db, isolation_level=None)
        con.execute("PRAGMA foreign_keys = ON")
        for lineno, expect, text, lines in blocks:
            sql = "".join(lines).strip()
            where = f"probe {os.path.basename(path)}:{lineno}"
            if expect == "same":
                self.probe_same(con, where, sql)
                continue
            try:
                con.executescript(sql)
                sqlite_error = None
            except sqlite3.Error as e:
                sqlite_error = str(e)
            proc = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.pgdb],
                                  input=sql.encode(), env=self.pg.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            pg_error = proc.stderr.decode("utf-8", "replace").strip() if proc.returncode != 0 else None
            problems = []
            for side, err in (("SQLite", sqlite_error), ("PostgreSQL", pg_error)):
                if expect == "ok" and err is not None:
                    problems.append(f"{side} failed: {err}")
                elif expect == "error" and err is None:
                    problems.append(f"{side} accepted it")
                elif expect == "error" and text and text not in err:
                    problems.append(f"{side}'s error does not say {text!r}: {err}")
            if problems:
                self.fail(f"{where} (expect {expect}{' ' + text if text else ''}): " + "; ".join(problems)
                          + f"\n    {sql[:300]}")
            else:
                log(f"ok   {where}: {expect} in both")
        con.close()

    def probe_same(self, con, where, sql):
        """One query in both databases; the rows must be equal (numbers by value, booleans as 0/1)."""
        def norm(v):
            if isinstance(v, bool):
                return int(v)
            if isinstance(v, float) and v.is_integer():
                return int(v)
            if isinstance(v, bytes):
                return v.decode("utf-8", "surrogateescape")
            return v
        query = "\n".join(l for l in sql.splitlines() if not l.strip().startswith("--")).rstrip().rstrip(";")
        try:
            sqlite_rows = [tuple(norm(v) for v in r) for r in con.execute(query).fetchall()]
            pg_rows = [tuple(norm(v) for v in r.values())
                       for r in self.pg.query_json(self.pgdb, query)]
        except (sqlite3.Error, Failure) as e:
            self.fail(f"{where}: the query failed: {e}\n    {query[:300]}")
            return
        if not re.search(r"\border\s+by\b", query, re.I):
            sqlite_rows.sort(key=repr)
            pg_rows.sort(key=repr)
        if sqlite_rows != pg_rows:
            self.fail(f"{where}: different rows\n    SQLite:     {sqlite_rows[:10]}\n"
                      f"    PostgreSQL: {pg_rows[:10]}\n    {query[:300]}")
        else:
            log(f"ok   {where}: same {len(pg_rows)} rows in both")

    def same_type(self, reported, actual):
        if reported == actual:
            return True
        try:
            out = self.pg.query(self.pgdb, f"SELECT format_type(to_regtype({qliteral(reported)}), NULL), "
                                           f"format_type(to_regtype({qliteral(actual)}), NULL)")
        except Failure:
            return False
        a, b = out.strip().split("|")
        return a != "" and a == b

    def check_identity(self, label, schema, table, col, ids, seq):
        used = max([*ids, *([seq] if seq is not None else [])], default=None)
        sqlite_next = "none (full)" if used == INT64_MAX else (used + 1 if used is not None else 1)
        rel = qliteral(f"{qident(schema)}.{qident(table)}")
        sequence = self.pg.query(self.pgdb, f"SELECT pg_get_serial_sequence({rel}, "
                                            f"{qliteral(col['pg_name'])})").strip()
        # nextval is never rolled back: remember the sequence's state and put it back afterwards, so that
        # the probes (and the application) see the sequence exactly as the script left it.
        state = self.pg.query(self.pgdb, f"SELECT last_value, is_called FROM {sequence}").strip().split("|")
        proc = self.pg.psql(self.pgdb, "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c",
                            f"SELECT nextval({qliteral(sequence)})", check=False)
        self.pg.query(self.pgdb, f"SELECT setval({qliteral(sequence)}, {state[0]}, {state[1] == 't'})")
        err = proc.stderr.decode("utf-8", "replace").strip()
        what = f"{label}: column {col['pg_name']!r}: max id {max(ids) if ids else None}, sqlite_sequence {seq}"
        if used == INT64_MAX:
            if proc.returncode != 0 and "reached maximum value" in err:
                log(f"ok   {what}: nextval reached the maximum value, as SQLite would")
                return True
            self.fail(f"{what}: expected nextval to fail with 'reached maximum value', got "
                      f"{proc.stdout.decode().strip() or err}")
            return False
        if proc.returncode != 0:
            self.fail(f"{what}: nextval failed: {err}")
            return False
        nv = int(proc.stdout.decode().split()[0])
        if nv >= 1 and (used is None or nv > used):
            log(f"ok   {what}: next id {nv} (SQLite's would be {sqlite_next})")
            return True
        self.fail(f"{what}: next id {nv} would collide (SQLite's next id: {sqlite_next}; must be > "
                  f"{used} and >= 1)")
        return False

    # -----------------------------------------------------------------------------------------------
    def run_syntax_error(self, name, work):
        db = make_database(self.args.fixtures, name, work)
        dump = make_dump(db, work, name)
        with open(dump, "rb") as f:
            lines = f.read().split(b"\n")
        # Statement boundaries: after line i when the statement accumulated so far is complete.
        boundaries, acc = [], ""
        for i, line in enumerate(lines):
            acc += line.decode("utf-8", "surrogateescape") + "\n"
            if sqlite3.complete_statement(acc):
                boundaries.append(i + 1)
                acc = ""
        if not boundaries:
            raise Failure(f"{dump}: no statement boundary found")
        at = min(boundaries, key=lambda b: abs(b - len(lines) // 2))
        bad = "INSERT INTO t VALUES(1,,2);"
        bad_line, bad_col = at + 1, bad.index(",,") + 2
        broken = os.path.join(work, f"{name}.broken.dump")
        with open(broken, "wb") as f:
            f.write(b"\n".join(lines[:at] + [bad.encode()] + lines[at:]))
        log(f"inserted {bad!r} as line {bad_line} of {broken} (bad token at column {bad_col})")

        out = os.path.join(work, f"{name}.broken.pg.sql")
        report_path = os.path.join(work, f"{name}.broken.report.json")
        proc = run([self.args.converter, broken, "-o", out, "--report", report_path], "conversion",
                   check=False)
        stderr = proc.stderr.decode("utf-8", "replace")
        log("converter stderr:\n" + "\n".join("    " + l for l in stderr.splitlines()[:10]))
        if proc.returncode != 1:
            self.fail(f"converter exit status {proc.returncode}, expected 1")
        err_lines = stderr.splitlines()
        want = re.escape(broken) + rf":{bad_line}:{bad_col}: error: "
        first = next((i for i, l in enumerate(err_lines) if re.match(want, l)), None)
        if first is None:
            self.fail(f"no diagnostic line matching ^{broken}:{bad_line}:{bad_col}: error: ")
        elif first != 0:
            self.fail(f"the located error is line {first + 1} of stderr, not the first")
        if first is not None:
            src = err_lines[first + 1] if first + 1 < len(err_lines) else ""
            caret = err_lines[first + 2] if first + 2 < len(err_lines) else ""
            pos = src.find(bad)
            if pos < 0:
                self.fail(f"the diagnostic is not followed by the source line: {src!r}")
            elif caret.find("^") != pos + bad_col - 1:
                self.fail(f"the caret is not under column {bad_col}:\n    {src}\n    {caret}")

        if not os.path.exists(out):
            log(f"ok   no output file was written ({out}): nothing to load")
        else:
            for stop in ("0", "1"):
                pgdb = self.db_name(name + "_broken" + stop)
                self.pg.create_db(pgdb)
                self.pg.psql(pgdb, "-v", f"ON_ERROR_STOP={stop}", "-f", out, check=False)
                objects = self.pg.query_json(pgdb, """
                    SELECT n.nspname, c.relname, c.relkind FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                      AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
                    UNION ALL
                    SELECT n.nspname, p.proname, 'function' FROM pg_proc p
                    JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')""")
                if objects:
                    self.fail(f"loading the partial output {out} (ON_ERROR_STOP={stop}) left "
                              f"{len(objects)} objects in database {pgdb}, e.g. {objects[:5]}")
                else:
                    log(f"ok   partial output loaded with ON_ERROR_STOP={stop}: database still empty")
                    self.pg.drop_db(pgdb)


# ---------------------------------------------------------------------------------------------------
# Era dumps: dumps written by one SQLite version (fixtures/dump-eras/<version>/, real) or by hand from
# dump-format.md (fixtures/dump-eras/handmade/), each beside the database it means.

def run_era_directory(rt, directory, work):
    """--case-era DIR or DIR/NAME.dump: for every DIR/NAME.dump (or the one given), the database it means
    is DIR/NAME.ref.db (copied) or is built from DIR/NAME.expected.sql by the sqlite3 CLI. The dump is
    converted as it is (never re-dumped), loaded, and every value of every table and view compared by meaning with that database
    (RoundTrip.check_table, RoundTrip.check_views, check_virtual_tables).
    Optional companions:
      NAME.schema  a schema-only dump of the same database, passed as --schema-from (--data-only dumps);
      NAME.expect  lines `args: …` (more converter arguments), `exit: N` (expected exit status; when not
                   0 nothing is loaded and no database is needed), `stderr: REGEX` (some stderr line must
                   match), `# …` comments.
    Returns the names of the dumps checked."""
    directory = os.path.abspath(directory)
    if os.path.isfile(directory) and directory.endswith(".dump"):  # one dump of the directory
        directory, name = os.path.split(directory)
        names = [name[:-len(".dump")]]
    else:
        names = sorted(f[:-len(".dump")] for f in os.listdir(directory) if f.endswith(".dump"))
    if not names:
        raise Failure(f"no *.dump in {directory}")
    for name in names:
        log(f"== {os.path.basename(directory)}/{name}")
        before = len(rt.failures)
        try:
            era_case(rt, directory, name, work)
        except Failure as e:
            rt.fail(f"{name}: {e}")
        if len(rt.failures) == before and rt.pgdb and not rt.args.keep:
            rt.pg.drop_db(rt.pgdb)
    return names


def era_expectations(path):
    expect = {"args": [], "exit": 0, "stderr": []}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                key, _, value = line.strip().partition(":")
                value = value.strip()
                if key == "args":
                    expect["args"] += value.split()
                elif key == "exit":
                    expect["exit"] = int(value)
                elif key == "stderr":
                    expect["stderr"].append(value)
                elif key and not key.startswith("#"):
                    raise Failure(f"{path}: unknown line {line.strip()!r}")
    return expect


def era_case(rt, directory, name, work):
    dump = os.path.join(directory, f"{name}.dump")
    ref, script = (os.path.join(directory, f"{name}{ext}") for ext in (".ref.db", ".expected.sql"))
    db = os.path.join(work, f"{name}.db")
    if os.path.exists(db):
        os.remove(db)
    expect = era_expectations(os.path.join(directory, f"{name}.expect"))
    if os.path.exists(ref):
        shutil.copyfile(ref, db)
    elif os.path.exists(script):
        with open(script, "rb") as f:
            run(["sqlite3", "-bail", db], f"sqlite3 {script}", stdin=f)
    elif expect["exit"] == 0:
        raise Failure(f"{dump} has neither {ref} nor {script} beside it")
    args = list(expect["args"])
    schema = os.path.join(directory, f"{name}.schema")
    if os.path.exists(schema):
        args += ["--schema-from", schema]
    out = os.path.join(work, f"{name}.pg.sql")
    report_path = os.path.join(work, f"{name}.report.json")
    conv = run([rt.args.converter, dump, "-o", out, "--report", report_path, *args], "conversion",
               check=expect["exit"] == 0)
    stderr = conv.stderr.decode("utf-8", "replace")
    if stderr:
        log(stderr.rstrip())
    if conv.returncode != expect["exit"]:
        rt.fail(f"{name}: converter exit status {conv.returncode}, expected {expect['exit']}")
    for pattern in expect["stderr"]:
        if not any(re.search(pattern, line) for line in stderr.splitlines()):
            rt.fail(f"{name}: no stderr line matches {pattern!r}")
        else:
            log(f"ok   stderr has {pattern!r}")
    if expect["exit"] != 0:
        return
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    rt.pgdb = rt.db_name(f"{os.path.basename(directory)}_{name}")
    rt.pg.create_db(rt.pgdb)
    rt.pg.psql(rt.pgdb, "-v", "ON_ERROR_STOP=1", "-f", out, what=f"loading {out}")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.text_factory = bytes
    seqs = {}
    if con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'").fetchone():
        for tname, seq in con.execute("SELECT name, seq FROM sqlite_sequence"):
            seqs[tname.decode("utf-8", "surrogateescape")] = seq
    reported = {t["sqlite_name"] for t in report["tables"]}
    for t in user_tables(con):
        if t not in reported:
            rt.fail(f"{name}: SQLite table {t!r} is missing from the report (and so from the check)")
    for t in report["tables"]:
        rt.check_table(con, t, seqs)
    rt.check_views(con, report)
    check_virtual_tables(rt, con, report)
    con.close()


# ---------------------------------------------------------------------------------------------------
# Virtual tables: each FTS/rtree table is converted (its rows are then compared by check_table, which
# reads the virtual table itself: SELECT rowid, * FROM ft) or reported as left out, and each converted
# full-text table answers word searches exactly as SQLite's MATCH does, through its GIN index.

FTS_MODULES = ("fts3", "fts4", "fts5")
CONVERTIBLE_MODULES = FTS_MODULES + ("rtree", "rtree_i32")
GIN_EXPR_SQL = """SELECT pg_get_expr(i.indexprs, i.indrelid) AS expr, c.relname AS name
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
WHERE i.indrelid = {table}::regclass AND a.amname = 'gin'"""


def check_virtual_tables(rt, con, report):
    converted = {t["sqlite_name"]: t for t in report["tables"]}
    reported = {d["object"] for d in report["decisions"]
                if d["kind"] in ("object-skipped", "virtual-table-converted")}
    for name, sql in con.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
                                 "AND sql LIKE 'CREATE VIRTUAL TABLE%'"):
        name, sql = name.decode(), sql.decode()
        module = re.search(r"\busing\s+(\w+)", sql, re.I).group(1).lower()
        # content=tbl (external content): the text is tbl's, found through content_rowid (default rowid).
        external = re.search(r"\bcontent\s*=\s*'?(\w+)", sql, re.I)
        if name in converted:
            if module in FTS_MODULES:
                check_text_search(rt, con, name, converted[name], "rowid")
        elif f'virtual table "{name}"' not in reported:
            rt.fail(f"virtual table {name!r} ({module}) is neither converted nor reported as left out")
        elif module in FTS_MODULES and external and external.group(1) in converted:
            key = re.search(r"\bcontent_rowid\s*=\s*'?(\w+)", sql, re.I)
            check_text_search(rt, con, name, converted[external.group(1)], key.group(1) if key else "rowid")
        elif module in CONVERTIBLE_MODULES and not re.search(r"\bcontent\s*=\s*''", sql, re.I) \
                and sqlite_can_read(con, name):
            rt.fail(f"virtual table {name!r} ({module}) holds its own data but was left out")
        else:
            log(f"ok   virtual table {name!r} ({module}) reported as left out")


def sqlite_can_read(con, name):
    """False for a virtual table SQLite itself cannot open (a partial dump without its shadow tables)."""
    try:
        con.execute(f"SELECT 1 FROM main.{qident(name)} LIMIT 0")
        return True
    except sqlite3.DatabaseError:
        return False


def check_text_search(rt, con, name, table, rowid_name):
    """Every word of the table's text finds the same rows in PostgreSQL, through the GIN index, as MATCH.
    `table` is the converted table holding the text (the FTS table's own, or its external content table)."""
    pname = table["pg_name"]
    # The rowid is a column of that name, or (external content without content_rowid) the rowid alias.
    rowid = next((c["pg_name"] for c in table["columns"] if c["sqlite_name"].lower() == rowid_name.lower()),
                 next((c["pg_name"] for c in table["columns"] if c.get("identity")), None))
    if rowid is None:
        rt.fail(f"full-text table {name!r}: no column of {pname!r} holds its rowid")
        return
    indexes = rt.pg.query_json(rt.pgdb, GIN_EXPR_SQL.format(table=qliteral(qident(pname))))
    if len(indexes) != 1:
        rt.fail(f"full-text table {name!r}: {len(indexes)} GIN indexes in PostgreSQL, expected 1")
        return
    expr = indexes[0]["expr"]
    config = re.match(r"to_tsvector\('(\w+)'::regconfig", expr).group(1)
    words = set()
    try:
        con.execute(f"SELECT * FROM {qident(name)} LIMIT 0")
    except sqlite3.DatabaseError as e:  # declared without its shadow tables (a partial dump)
        log(f"ok   full-text table {name!r}: SQLite itself cannot read it ({e}); no search to compare")
        return
    for row in con.execute(f"SELECT * FROM {qident(name)}"):
        for v in row:
            if isinstance(v, bytes):
                words |= {w.lower() for w in re.findall(rb"[A-Za-z0-9]+", v)}
    words = sorted(w.decode() for w in words)[:60]
    # All words in one PostgreSQL query: word → the rowids it finds.
    pg_found = {r["word"]: sorted(r["ids"]) for r in rt.pg.query_json(rt.pgdb, (
        f"SELECT w.probe_word__ AS word, coalesce(array_agg(t.{qident(rowid)}) FILTER (WHERE t.{qident(rowid)} IS NOT NULL), "
        f"'{{}}') AS ids FROM unnest(ARRAY[{', '.join(qliteral(w) for w in words) or 'NULL'}]::text[]) AS w(probe_word__) "
        f"LEFT JOIN {qident(pname)} t ON {expr.replace(chr(10), ' ')} @@ plainto_tsquery({qliteral(config)}, w.probe_word__) "
        f"GROUP BY w.probe_word__"))} if words else {}
    found = 0
    for word in words:
        want = sorted(r[0] for r in con.execute(
            f"SELECT rowid FROM {qident(name)} WHERE {qident(name)} MATCH ?", ('"' + word + '"',)))
        got = pg_found.get(word)
        if want != got:
            rt.fail(f"full-text table {name!r}: {word!r} matches rows {want} in SQLite, {got} in PostgreSQL")
            return
        found += bool(want)
    plan = rt.pg.query(rt.pgdb, f"SET enable_seqscan = off; EXPLAIN SELECT 1 FROM {qident(pname)} "
                                f"WHERE {expr} @@ plainto_tsquery({qliteral(config)}, 'x')")
    if indexes[0]["name"] not in plan:
        rt.fail(f"full-text table {name!r}: a text search does not use the GIN index:\n{plan}")
        return
    if words and not found:
        rt.fail(f"full-text table {name!r}: no word of its text is found by MATCH; nothing was checked")
        return
    log(f"ok   full-text table {name!r}: {len(words)} words find the same rows as MATCH, "
        f"through index {indexes[0]['name']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--converter", required=True)
    ap.add_argument("--sandbox", required=True, help="directory of a running tools/pg-sandbox")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--case", help="round trip of fixtures/roundtrip/NAME.sql or fixtures/corpus/NAME.db")
    mode.add_argument("--case-syntax-error", metavar="NAME",
                      help="a syntax error in NAME's dump must fail cleanly and load nothing")
    mode.add_argument("--case-era", metavar="DIR",
                      help="every DIR/NAME.dump (or one DIR/NAME.dump) against the database it means "
                           "(see run_era_directory)")
    ap.add_argument("--fixtures", default=os.path.join(REPO, "fixtures"))
    ap.add_argument("--workdir", help="directory for artefacts (emptied first; default: a new tempdir)")
    ap.add_argument("--keep", action="store_true", help="keep artefacts and the database on success")
    args = ap.parse_args()
    args.converter = os.path.abspath(args.converter)

    name = args.case or args.case_syntax_error or \
        (args.case_era and "era-" + os.path.basename(args.case_era.rstrip("/")))
    work = prepare_workdir(args.workdir, f"roundtrip-{name}-")

    rt = RoundTrip(args)
    rt.pgdb = None
    try:
        if args.case:
            rt.run_case(name, work)
        elif args.case_era:
            run_era_directory(rt, args.case_era, work)
        else:
            rt.run_syntax_error(name, work)
    except Failure as e:
        rt.fail(str(e))
    if rt.failures:
        log(f"FAILED: {name}: {len(rt.failures)} problem(s). Artefacts kept in {work}"
            + (f"; PostgreSQL database {rt.pgdb!r} kept in the sandbox (env: {args.sandbox}/env)"
               if rt.pgdb else ""))
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
        if rt.pgdb:
            rt.pg.drop_db(rt.pgdb)
    log(f"PASSED: {'syntax error in ' if args.case_syntax_error else ''}{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
