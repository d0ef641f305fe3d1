#!/usr/bin/env bash
# `supportlens metrics --by agent --compare` as a whole process against the sqlite3 shell running
# the equivalent SQL (bench/metrics_equivalent.sql) over the same database, alternating; then the
# in-process dashboard query (bench_metrics).
#   bench/metrics_bench.sh [ROWS] [RUNS]        defaults: 1000000 rows, 3 runs each
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
runs="${2:-3}"
bin="$top/build/dev"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin/bench/bench_generate" zendesk "$rows" "$work/zendesk.csv"
"$bin/app/supportlens" import --db "$work/db.sqlite" --timezone UTC "$work/zendesk.csv" >/dev/null
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null; cut -d' ' -f1 "$work/time"; }
peak() { cut -d' ' -f2 "$work/time"; }
# The first metrics run after an import builds the in-memory snapshot from the tickets table and
# stores it in the database (snapshot_cache); every later run reads that. Both are reported.
first=$(measure "$bin/app/supportlens" metrics --db "$work/db.sqlite" --from 2025-11-01 --to 2025-11-30 \
          --timezone UTC --by agent --compare)
echo "first run after the import (builds and caches the snapshot): ${first}s, peak $(( $(peak) / 1024 )) MB"
for i in $(seq "$runs"); do
  s=$(measure sqlite3 "$work/db.sqlite" ".read $top/bench/metrics_equivalent.sql")
  o=$(measure "$bin/app/supportlens" metrics --db "$work/db.sqlite" --from 2025-11-01 --to 2025-11-30 \
        --timezone UTC --by agent --compare)
  echo "run $i: sqlite3 equivalent SQL ${s}s   supportlens metrics ${o}s (peak $(( $(peak) / 1024 )) MB)   ratio $(awk -v a="$o" -v b="$s" 'BEGIN {printf "%.3f", a / b}')"
done
"$bin/bench/bench_metrics" "$work/db.sqlite" 2025-11-30
