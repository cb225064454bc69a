#!/usr/bin/env python3
"""Round trip of one fixture through `sqlite2pg --split DIR` and `DIR/load.sh -j N`.

    split_roundtrip.py --converter BIN --sandbox DIR --case NAME [--jobs 4] [--workdir W]

The fixture is built and dumped as by roundtrip.py, converted with `BIN DUMP --split OUT --report R`,
loaded into a fresh database with `OUT/load.sh -j N` (the data files in N parallel sessions), and then
checked exactly as roundtrip.py checks a single-script load: every value of every table by meaning, the
column types against the report, identity columns continuing after SQLite's ids. It also checks that the
directory holds one data file per table with rows and that load.sh refuses to load it twice.
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roundtrip  # noqa: E402  (the checks are shared)
from roundtrip import Failure, log, run, user_tables  # noqa: E402


class SplitRoundTrip(roundtrip.RoundTrip):
    def run_split_case(self, name, work, jobs):
        db = roundtrip.make_database(self.args.fixtures, name, work)
        dump = roundtrip.make_dump(db, work, name)
        out = os.path.join(work, f"{name}.split")
        report_path = os.path.join(work, f"{name}.report.json")
        run([self.args.converter, "--quiet", dump, "--split", out, "--report", report_path], "conversion")
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        tables = report.get("tables")
        if not isinstance(tables, list):
            raise Failure(f"{report_path}: no \"tables\" list")
        data_files = sorted(os.listdir(os.path.join(out, "data")))
        with_rows = [t for t in tables if t.get("rows")]
        if len(data_files) != len(with_rows):
            self.fail(f"{len(data_files)} data files for {len(with_rows)} tables with rows")

        pgdb = self.db_name(name)
        self.pgdb = pgdb
        self.pg.create_db(pgdb)
        load = [os.path.join(out, "load.sh"), "-j", str(jobs), "-d", pgdb]
        proc = subprocess.run(load, env=self.pg.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            raise Failure(f"load.sh failed (exit {proc.returncode}):\n{proc.stderr.decode('utf-8', 'replace')[-4000:]}")
        again = subprocess.run(load, env=self.pg.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if again.returncode != 1 or b"pre-data.sql failed" not in again.stderr:
            self.fail(f"loading twice: exit {again.returncode}, expected 1 and a message naming pre-data.sql")

        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        con.text_factory = bytes
        seqs = {}
        if con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'").fetchone():
            for tname, seq in con.execute("SELECT name, seq FROM sqlite_sequence"):
                seqs[tname.decode("utf-8", "surrogateescape")] = seq
        reported = {t["sqlite_name"] for t in tables}
        for t in user_tables(con):
            if t not in reported:
                self.fail(f"SQLite table {t!r} is missing from the report (and so from the check)")
        for t in tables:
            self.check_table(con, t, seqs)
        con.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--converter", required=True)
    ap.add_argument("--sandbox", required=True, help="directory of a running tools/pg-sandbox")
    ap.add_argument("--case", required=True, help="fixtures/roundtrip/NAME.sql or fixtures/corpus/NAME.db")
    ap.add_argument("--jobs", type=int, default=4, help="load.sh -j (default 4)")
    ap.add_argument("--fixtures", default=os.path.join(roundtrip.REPO, "fixtures"))
    ap.add_argument("--workdir", help="directory for artefacts (emptied first; default: a new tempdir)")
    args = ap.parse_args()
    args.converter = os.path.abspath(args.converter)
    work = roundtrip.prepare_workdir(args.workdir, f"split-{args.case}-")
    rt = SplitRoundTrip(args)
    rt.pgdb = None
    try:
        rt.run_split_case(args.case, work, args.jobs)
    except Failure as e:
        rt.fail(str(e))
    if rt.failures:
        log(f"FAILED: --split {args.case}: {len(rt.failures)} problem(s). Artefacts kept in {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    rt.pg.drop_db(rt.pgdb)
    log(f"PASSED: --split -j {args.jobs} {args.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
