#!/usr/bin/env bash
# sqlite2pg in a pipeline: `| head` ends it quietly and early, --progress draws its line, --quiet is silent.
# Usage: pipes_test.sh SQLITE2PG WORKDIR
set -euo pipefail
bin=$1
work=$2
mkdir -p "$work"
db=$work/pipes.db
dump=$work/pipes.dump
rm -f "$db"
# One table of ~40 MB of dump: with --type-window all its rows are staged until the table ends.
sqlite3 "$db" "CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000)
  INSERT INTO t SELECT i, hex(randomblob(40)) FROM n;"
sqlite3 "$db" .dump >"$dump"
fail() { echo "FAIL: $*" >&2; exit 1; }

# | head: the first lines come, then the converter stops on its own (status 141, SIGPIPE) with nothing on
# stderr — long before it would have read the whole table.
set +o pipefail
"$bin" --type-window all "$dump" 2>"$work/head.err" | head -n 1 >"$work/head.out"
statuses=("${PIPESTATUS[@]}")
set -o pipefail
first=$(cat "$work/head.out")
[[ $first == "-- PostgreSQL script written by sqlite2pg"* ]] || fail "first line: $first"
[[ ${statuses[0]} == 141 ]] || fail "status ${statuses[0]}, expected 141 (SIGPIPE)"
[[ ! -s $work/head.err ]] || fail "stderr not empty: $(cat "$work/head.err")"

# The same with SIGPIPE ignored by the parent: EPIPE, still quiet.
set +o pipefail
( trap '' PIPE; "$bin" "$dump" 2>"$work/head2.err" | head -n 1 >/dev/null; echo "${PIPESTATUS[0]}" >"$work/head2.status" )
set -o pipefail
[[ $(cat "$work/head2.status") == 141 ]] || fail "SIGPIPE ignored: status $(cat "$work/head2.status")"
[[ ! -s $work/head2.err ]] || fail "SIGPIPE ignored: stderr not empty: $(cat "$work/head2.err")"

# --progress: a line with bytes of the known size, rows, tables, MB/s, redrawn with \r, ended by \n.
"$bin" --progress "$dump" -o /dev/null 2>"$work/progress.err"
grep -q $'\r'"sqlite2pg: .* MB of .* MB (100%), 400000 rows, 1 tables, .* MB/s" "$work/progress.err" ||
  fail "no progress line: $(cat -v "$work/progress.err")"
# Not a terminal and no --progress: no progress line, but the summary.
"$bin" "$dump" -o /dev/null 2>"$work/plain.err"
! grep -q $'\r' "$work/plain.err" || fail "progress drawn without a terminal"
grep -q "^sqlite2pg: 1 tables, 400000 rows" "$work/plain.err" || fail "no summary: $(cat "$work/plain.err")"
# --quiet: nothing at all.
"$bin" --quiet "$dump" -o /dev/null 2>"$work/quiet.err"
[[ ! -s $work/quiet.err ]] || fail "--quiet printed: $(cat "$work/quiet.err")"
# Rows flow while their table is still being read: with half of the dump written and the input still open,
# the CREATE TABLE and the rows past the type window (8 MiB) are already out. Then the rest: the script is
# the one the whole file gives.
rm -f "$work/in.fifo"
mkfifo "$work/in.fifo"
"$bin" --quiet "$work/in.fifo" -o "$work/flow.sql" &
converter=$!
exec 3>"$work/in.fifo"
head -n 200000 "$dump" >&3
rows_out=0
for _ in $(seq 300); do
  rows_out=$(grep -c $'^[0-9]*\t' "$work/flow.sql" || true)
  ((rows_out >= 50000)) && break
  sleep 0.1
done
((rows_out >= 50000)) || fail "only $rows_out rows written while the input is open"
kill -0 "$converter" || fail "the converter ended before its input did"
tail -n +200001 "$dump" >&3
exec 3>&-
wait "$converter" || fail "the converter failed"
"$bin" --quiet "$dump" -o "$work/whole.sql"
diff <(tail -n +2 "$work/flow.sql") <(tail -n +2 "$work/whole.sql") >/dev/null || fail "streamed script differs"
# Standard input that is a regular file (`sqlite2pg < app.dump`) has one read position: the second thread,
# which reads a file by its path, is not used, and the script is the one the path gives. So is it on one thread.
"$bin" --quiet <"$dump" >"$work/stdin.sql"
diff <(tail -n +2 "$work/stdin.sql") <(tail -n +2 "$work/whole.sql") >/dev/null || fail "standard input from a file: script differs"
"$bin" --quiet --single-thread "$dump" -o "$work/single.sql"
cmp -s "$work/single.sql" "$work/whole.sql" || fail "--single-thread: script differs"
echo "pipes: ok"
