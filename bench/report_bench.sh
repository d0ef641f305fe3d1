#!/usr/bin/env bash
# `supportlens report` as a whole process over a million tickets: open the database, load the
# snapshot, run every query of the report and paint the PDF. Best of RUNS (after one warm-up
# run, which builds and caches the snapshot as the first `metrics` run after an import does).
#   bench/report_bench.sh [BUILD_DIR] [RUNS]     defaults: build/dev (`cmake --preset dev`, optimised), 3 runs
# The data: build/benchdata/n1m.sqlite when present (copied, so the run never writes into it),
# else one million generated Zendesk tickets imported into a scratch database.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$top/build/dev}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -f "$top/build/benchdata/n1m.sqlite" ]]; then
  cp "$top/build/benchdata/n1m.sqlite" "$work/db.sqlite"
else
  "$bin/bench/bench_generate" zendesk 1000000 "$work/zendesk.csv"
  "$bin/app/supportlens" import --db "$work/db.sqlite" --timezone UTC "$work/zendesk.csv" >/dev/null
  rm -f "$work/zendesk.csv"
fi
# The last whole month of the data.
last=$(sqlite3 "$work/db.sqlite" "select date(max(created_at), 'unixepoch', 'start of month', '-1 month') from tickets")
from="$last"
to=$(sqlite3 "$work/db.sqlite" "select date('$last', '+1 month', '-1 day')")
report() {
  env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/time -f "%e %M" -o "$work/time" \
    "$bin/app/supportlens" report --db "$work/db.sqlite" --from "$from" --to "$to" --timezone UTC \
    --out "$work/report.pdf" "$@" >"$work/out"
}
report
echo "warm-up (builds and caches the snapshot): $(cut -d' ' -f1 "$work/time")s; $(cat "$work/out")"
best=""
for i in $(seq "$runs"); do
  report
  t=$(cut -d' ' -f1 "$work/time")
  echo "run $i: ${t}s, peak $(( $(cut -d' ' -f2 "$work/time") / 1024 )) MB"
  if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN {exit !(a < b)}'; then best="$t"; fi
done
pages=$(pdfinfo "$work/report.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "report $from to $to, ${pages:-?} pages, 1M tickets: best of $runs ${best}s (target <= 2 s)"
