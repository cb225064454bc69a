#!/usr/bin/env python3
"""Regenerates the committed seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/) from the fixtures.

    tests/fuzz/make_corpus.py

Seeds: whole small dumps (fixtures/dumps, fixtures/dump-eras, and the dumps of fixtures/roundtrip/*.sql made
with the sqlite3 CLI) for the splitter and the pipeline (the pipeline's first byte selects options, see
fuzz_pipeline.cpp); their INSERT statements for the fast path; their other statements for the parser.
Files are named by the SHA-1 of their content, as libFuzzer names what it adds. Standard library only.
"""

import glob
import hashlib
import os
import sqlite3
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MAX_DUMP = 8192        # bytes: small seeds keep the fuzzer fast
MAX_STATEMENT = 2048
INSERTS_PER_DUMP = 20  # a table's rows look alike: the first few of each dump are enough


def dumps():
    files = sorted(glob.glob(os.path.join(REPO, "fixtures", "dumps", "*.dump")) +
                   glob.glob(os.path.join(REPO, "fixtures", "dump-eras", "*", "*.dump")))
    for path in files:
        with open(path, "rb") as f:
            yield f.read()
    for script in sorted(glob.glob(os.path.join(REPO, "fixtures", "roundtrip", "*.sql"))):
        if script.endswith(".probes.sql"):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "x.db")
            with open(script, "rb") as f:
                subprocess.run(["sqlite3", "-bail", db], stdin=f, check=True, capture_output=True)
            yield subprocess.run(["sqlite3", db, ".dump"], check=True, capture_output=True).stdout


def statements(dump):
    """Splits a dump with SQLite's own sqlite3_complete() rule (through Python's sqlite3 module)."""
    text = dump.decode("utf-8", "replace")
    current = ""
    for line in text.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            yield current.strip().encode("utf-8")
            current = ""


def write(target, data):
    directory = os.path.join(HERE, "corpus", target)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def main():
    for target in ("splitter", "fast_path", "parser", "pipeline"):
        for old in glob.glob(os.path.join(HERE, "corpus", target, "*")):
            os.remove(old)
    for n, dump in enumerate(dumps()):
        if len(dump) <= MAX_DUMP:
            write("splitter", dump)
            # Option byte: COPY/INSERT rows, --strict, --report, --schema, varied across seeds.
            write("pipeline", bytes([n % 16]) + dump)
        inserts = 0
        for stmt in statements(dump):
            if len(stmt) > MAX_STATEMENT:
                continue
            if stmt[:6].upper() != b"INSERT":
                write("parser", stmt)
            elif inserts < INSERTS_PER_DUMP:
                write("fast_path", stmt)
                inserts += 1
    # A few INSERTs for the parser too, so that the fold of the full parser's INSERT is reached.
    for stmt in (b"INSERT INTO t VALUES(1,'a',X'00',NULL,1.5e10,-0.0);",
                 b"INSERT INTO \"t\"(a,[b c]) VALUES(replace('a\\nb','\\n',char(10)),unistr('\\u00e9'));"):
        write("parser", stmt)


if __name__ == "__main__":
    main()
