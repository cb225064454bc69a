#!/usr/bin/env python3
"""Round trip of one case with converter options, or of a hand-made dump taken as it is.

    variant.py --converter BIN --sandbox DIR --case NAME [--dump FILE] [--option OPT]... [--workdir DIR]

Runs roundtrip.py's check (load, every value compared by meaning under its PostgreSQL type) with two
changes: each --option is added to the converter's command line (e.g. --option=--cast=datetime=timestamptz),
and with --dump the given file is converted as it is instead of a fresh `sqlite3 .dump` (the SQLite database
the values are compared with is built from that same file by the sqlite3 CLI). Hand-made dumps use this:
their statements come in an order `.dump` never writes (rows of a table after other tables).
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roundtrip  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--converter", required=True)
    ap.add_argument("--sandbox", required=True)
    ap.add_argument("--case", required=True, help="a name for the case (the fixture name without --dump)")
    ap.add_argument("--dump", help="a dump file converted as it is")
    ap.add_argument("--option", action="append", default=[], help="a converter option (repeatable)")
    ap.add_argument("--fixtures", default=os.path.join(roundtrip.REPO, "fixtures"))
    ap.add_argument("--workdir")
    args = ap.parse_args()
    args.converter = os.path.abspath(args.converter)

    plain_run = roundtrip.run

    def run_with_options(cmd, what, **kw):
        if what == "conversion":
            cmd = [*cmd, *args.option]
        return plain_run(cmd, what, **kw)

    roundtrip.run = run_with_options
    if args.dump:
        dump_file = os.path.abspath(args.dump)

        def make_database(fixtures, name, work):
            db = os.path.join(work, f"{name}.db")
            with open(dump_file, "rb") as f:
                plain_run(["sqlite3", "-bail", db], f"sqlite3 {dump_file}", stdin=f)
            return db

        roundtrip.make_database = make_database
        roundtrip.make_dump = lambda db, work, name: dump_file

    work = roundtrip.prepare_workdir(args.workdir, f"variant-{args.case}-")
    rt = roundtrip.RoundTrip(args)
    rt.pgdb = None
    try:
        rt.run_case(args.case, work)
    except roundtrip.Failure as e:
        rt.fail(str(e))
    if rt.failures:
        roundtrip.log(f"FAILED: {args.case} {' '.join(args.option)}: {len(rt.failures)} problem(s). "
                      f"Artefacts kept in {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    if rt.pgdb:
        rt.pg.drop_db(rt.pgdb)
    roundtrip.log(f"PASSED: {args.case} {' '.join(args.option)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
