#!/usr/bin/env bash
# The window's speed on 1,000,000 generated Zendesk tickets: first paint of the Overview after
# the database opens, and filter change -> every visible widget painted (p50/p95 over random
# filters), measured inside a real MainWindow (bench_window, offscreen). The database is made
# once in build/benchdata/n1m.sqlite (generate, import, one `metrics` run to cache the snapshot,
# as a user's database is after its first opening) and reused.
#   bench/window_bench.sh [BUILD_DIR [FILTERS [RUNS]]]   defaults: build/dev, 100 filters, 3 runs
# Targets: first paint <= 1.5 s, filter change p95 <= 100 ms. The machine is shared: note the
# load average printed with each run.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$top/build/dev}"
filters="${2:-100}"
runs="${3:-3}"
data="$top/build/benchdata"
if [ ! -f "$data/n1m.sqlite" ]; then
  mkdir -p "$data"
  "$bin/bench/bench_generate" zendesk 1000000 "$data/zendesk1m.csv"
  "$bin/app/supportlens" import --db "$data/n1m.sqlite" --timezone UTC "$data/zendesk1m.csv" >/dev/null
  "$bin/app/supportlens" metrics --db "$data/n1m.sqlite" --timezone UTC >/dev/null # builds and caches the snapshot
  rm -f "$data/zendesk1m.csv"
fi
for run in $(seq "$runs"); do
  echo "run $run (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  QT_QPA_PLATFORM=offscreen "$bin/bench/bench_window" "$data/n1m.sqlite" "$filters" "$run" 2>/dev/null
done
