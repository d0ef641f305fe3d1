#!/usr/bin/env bash
# Two builds of SupportLens side by side on the same machine, in one session, alternating: the
# way to show that a change kept (or bought) its speed, as a ratio rather than an absolute figure
# from another day or another CPU.
#   bench/compare_builds.sh BEFORE_BUILD AFTER_BUILD [ROWS] [RUNS]   defaults: 1000000 rows, 3 runs
# Each BUILD is a build directory (for BEFORE, e.g. a worktree of the older commit built with the
# same preset: git worktree add ../before COMMIT && cmake --preset ci -S ../before && cmake --build
# --preset ci ...). Prints, per step, each run's wall time and peak memory and the ratio of the
# medians (after / before), with the CPU, the core count and the load average.
set -euo pipefail
before="${1:?usage: compare_builds.sh BEFORE_BUILD AFTER_BUILD [ROWS] [RUNS]}"
after="${2:?usage: compare_builds.sh BEFORE_BUILD AFTER_BUILD [ROWS] [RUNS]}"
rows="${3:-1000000}"
runs="${4:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$after/bench/bench_generate" zendesk "$rows" "$work/zendesk.csv"
echo "file: $rows rows, $(( $(stat -c %s "$work/zendesk.csv") / 1048576 )) MB"
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null; cat "$work/time"; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
compare() { # name, then the command with BUILD standing for the build directory
  local name="$1"; shift
  : > "$work/before.times"; : > "$work/after.times"
  for i in $(seq "$runs"); do
    for side in before after; do
      local build; build="$([ "$side" = before ] && echo "$before" || echo "$after")"
      [ -n "${PREPARE:-}" ] && eval "$PREPARE"
      local result; result="$(measure "${@//BUILD/$build}")"
      echo "$result" | cut -d' ' -f1 >> "$work/$side.times"
      echo "  $name run $i $side: ${result% *} s, peak $(( ${result#* } / 1024 )) MB (load $(cut -d' ' -f1 /proc/loadavg))"
    done
  done
  local b a; b="$(median < "$work/before.times")"; a="$(median < "$work/after.times")"
  echo "$name: median before ${b} s, after ${a} s, ratio $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a / b}')"
}
PREPARE='rm -f "$work/db.sqlite"' compare import BUILD/app/supportlens import --db "$work/db.sqlite" --timezone UTC "$work/zendesk.csv"
# The metrics of a database imported by the newer build (the schema is the same); the first run
# builds and caches the snapshot, so it is done once before the timed runs.
"$after/app/supportlens" metrics --db "$work/db.sqlite" --timezone UTC >/dev/null
PREPARE='' compare metrics BUILD/app/supportlens metrics --db "$work/db.sqlite" --from 2025-11-01 --to 2025-11-30 --timezone UTC --by agent --compare
# The in-process dashboard query, alternating too: its p95 over 100 random filters per run.
for i in $(seq "$runs"); do
  for side in before after; do
    build="$([ "$side" = before ] && echo "$before" || echo "$after")"
    line="$("$build/bench/bench_metrics" "$work/db.sqlite" 2025-11-30 | grep 'over 100 random filters')"
    echo "  bench_metrics run $i $side: ${line#*filters: } (load $(cut -d' ' -f1 /proc/loadavg))"
    echo "$line" | sed -E 's/.*p95 ([0-9.]+) ms.*/\1/' >> "$work/$side.p95"
  done
done
echo "bench_metrics p95: median before $(median < "$work/before.p95") ms, after $(median < "$work/after.p95") ms, ratio $(awk -v a="$(median < "$work/after.p95")" -v b="$(median < "$work/before.p95")" 'BEGIN {printf "%.3f", a / b}')"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
