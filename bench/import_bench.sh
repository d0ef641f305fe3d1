#!/usr/bin/env bash
# Import speed against the sqlite3 shell's plain `.import` of the same file (same machine, same
# run, alternating, so machine noise hits both). Peak memory from GNU time.
#   bench/import_bench.sh [ROWS] [RUNS]        defaults: 1000000 rows, 3 runs each
# Needs: a dev build (cmake --preset dev && cmake --build --preset dev), sqlite3, GNU time.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
runs="${2:-3}"
bin="$top/build/dev"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install sqlite3 time)" >&2; exit 1; }
done
[ -x "$bin/app/supportlens" ] && [ -x "$bin/bench/bench_generate" ] || {
  echo "build first: cmake --preset dev && cmake --build --preset dev" >&2; exit 1; }

csv="$work/zendesk.csv"
"$bin/bench/bench_generate" zendesk "$rows" "$csv"
echo "file: $rows rows, $(du -m "$csv" | cut -f1) MB (Zendesk ticket export from the generator)"
cat "$csv" >/dev/null # both sides start with the file in the page cache

measure() { # prints "seconds peakKB"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/time"
}

sqlite_times=(); ours_times=(); ours_mem=()
for i in $(seq "$runs"); do
  rm -f "$work/baseline.db" "$work/ours.sqlite"*
  read -r s _ < <(measure sqlite3 "$work/baseline.db" ".import --csv $csv tickets")
  rm -f "$work/ours.sqlite"*
  read -r o m < <(measure "$bin/app/supportlens" import --db "$work/ours.sqlite" --timezone UTC "$csv")
  echo "run $i: sqlite3 .import ${s}s   supportlens import ${o}s (peak $((m / 1024)) MB)"
  sqlite_times+=("$s"); ours_times+=("$o"); ours_mem+=("$m")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms=$(median "${sqlite_times[@]}"); mo=$(median "${ours_times[@]}"); mm=$(median "${ours_mem[@]}")
echo "median: sqlite3 .import ${ms}s, supportlens import ${mo}s, ratio $(awk -v a="$mo" -v b="$ms" 'BEGIN {printf "%.2f", a / b}'), peak $((mm / 1024)) MB"
