#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 into build/fuzz, builds their seed corpora, and
# runs each target for SECONDS (default 60), one after the other.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     TARGET: fuzz_csvreader fuzz_sniffing
#                                                       fuzz_valueparsers fuzz_ticketmapper
#
# Exit 1 when any target crashed, leaked, timed out, ran out of memory or got a sanitizer
# report (the target and the reproducer are printed), 2 on bad usage or a missing tool.
# Inputs found to add coverage are kept in build/fuzz/corpus/TARGET for the next run.
# Needs the packages of packaging/build-deps.txt and packaging/fuzz-deps.txt.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
build="$top/build/fuzz"
shared="$top/../shared/data"
all_targets=(fuzz_csvreader fuzz_sniffing fuzz_valueparsers fuzz_ticketmapper)

seconds="${1:-60}"
[ "$#" -gt 0 ] && shift
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [SECONDS] [TARGET...]" >&2
  exit 2
fi
targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  if [[ ! " ${all_targets[*]} " =~ " $target " ]]; then
    echo "unknown target $target (known: ${all_targets[*]})" >&2
    exit 2
  fi
done

cxx="${SL_FUZZ_CXX:-clang++-14}"
if ! command -v "$cxx" >/dev/null; then
  echo "$cxx not found: install the packages in packaging/fuzz-deps.txt" >&2
  exit 2
fi
# Readable stack traces when llvm-14 is there (clang-14 recommends it).
if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi

echo "==> Building the fuzz targets in $build"
mkdir -p "$build"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$(command -v "$cxx")" \
  -DSUPPORTLENS_FUZZ=ON -DSUPPORTLENS_BUILD_TESTS=OFF -DSUPPORTLENS_BUILD_BENCH=OFF >"$build/configure.log" 2>&1 \
  || { cat "$build/configure.log" >&2; exit 2; }
cmake --build "$build" --target fuzzers -j "$(nproc)" || exit 2

# --- seed corpora, rebuilt on every run from the fixtures and ../shared (never copied into the repo)
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{fuzz_csvreader,fuzz_sniffing,fuzz_valueparsers,fuzz_ticketmapper}

csv_sources=()
while IFS= read -r -d '' file; do csv_sources+=("$file"); done \
  < <(find "$top/tests/fixtures" -type f -size -200k -print0 | sort -z)
if [ -d "$shared" ]; then
  while IFS= read -r -d '' file; do csv_sources+=("$file"); done \
    < <(find "$shared" -type f -name '*.csv' -print0 | sort -z)
else
  echo "    ($shared not found: seeding from tests/fixtures only)"
fi

seed_name() { # a flat, unique file name for a source path
  local relative="${1#"$top/"}"
  relative="${relative#"$shared/"}"
  printf '%s' "$relative" | tr -c 'A-Za-z0-9._-' '_'
}

for file in "${csv_sources[@]}"; do
  name="$(seed_name "$file")"
  # The start of a big export says all a seed needs to; libFuzzer grows the rest.
  head -c 16384 "$file" >"$seeds/fuzz_csvreader/$name"
  # fuzz_sniffing: first byte = knobs (0x04: sniff everything; 0xE4: forced '|', 5 preview rows)
  { printf '\x04'; head -c 16384 "$file"; } >"$seeds/fuzz_sniffing/$name"
  { printf '\xE4'; head -c 4096 "$file"; } >"$seeds/fuzz_sniffing/$name.forced"
  # fuzz_ticketmapper: first byte = knobs (bits 0-1 time zone, 2-4 forced profile; 0 = UTC, auto)
  { printf '\x00'; head -n 40 "$file" | head -c 16384; } >"$seeds/fuzz_ticketmapper/$name"
  # fuzz_valueparsers: one cell per line
  head -n 40 "$file" | head -c 8192 | tr ',;\t|"' '\n\n\n\n\n' | grep -av '^$' | head -c 4096 \
    >"$seeds/fuzz_valueparsers/$name"
done
# The import fixtures under each time zone and forced profile.
for file in "$top"/tests/fixtures/import/*.csv; do
  name="$(seed_name "$file")"
  for knobs in 05 0A 0F 11 16; do
    { printf "\\x$knobs"; cat "$file"; } >"$seeds/fuzz_ticketmapper/$name.$knobs"
  done
done
if [ -d "$here/seeds" ]; then
  for dir in "$here"/seeds/*/; do
    cp "$dir"* "$seeds/$(basename "$dir")/" 2>/dev/null
  done
fi

dicts="$build/dicts"
mkdir -p "$dicts"
cp "$here/csv.dict" "$dicts/fuzz_csvreader.dict"
cp "$here/csv.dict" "$dicts/fuzz_sniffing.dict"
cp "$here/valueparsers.dict" "$dicts/fuzz_valueparsers.dict"
cat "$here/csv.dict" "$here/valueparsers.dict" "$here/ticketmapper.dict" >"$dicts/fuzz_ticketmapper.dict"

declare -A max_len=([fuzz_csvreader]=8192 [fuzz_sniffing]=8192 [fuzz_valueparsers]=1024 [fuzz_ticketmapper]=8192)

# --- run
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
failed=()
summary=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  log="$build/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "==> $target for ${seconds}s (log: $log)"
  "$build/tests/fuzz/$target" "$corpus" "$seeds/$target" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="${max_len[$target]}" \
    -dict="$dicts/$target.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  # libFuzzer's exit code catches crashes, leaks, timeouts and OOMs; the log catches a sanitizer
  # report that somehow did not stop it.
  if [ "$status" -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SL_FUZZ_CHECK failed' "$log"; then
    reproducer="$(grep -oE '(Test unit written to|artifact_prefix.*Test unit written to) [^ ]+' "$log" | tail -1 | awk '{print $NF}')"
    echo "!!! $target FAILED (exit $status): $(grep -m1 -E 'ERROR:|runtime error:|SL_FUZZ_CHECK failed|timeout' "$log")"
    echo "    reproducer: ${reproducer:-none written, see $log}"
    [ -n "$reproducer" ] && echo "    replay:     $build/tests/fuzz/$target $reproducer"
    failed+=("$target")
  fi
  runs="$(grep -oE 'stat::number_of_executed_units:[[:space:]]+[0-9]+' "$log" | awk '{print $2}')"
  per_second="$(grep -oE 'stat::average_exec_per_sec:[[:space:]]+[0-9]+' "$log" | awk '{print $2}')"
  edges="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')"
  summary+=("$(printf '%-20s %12s runs %8s exec/s %7s edges' "$target" "${runs:-?}" "${per_second:-?}" "${edges:-?}")")
done

echo "==> Summary"
printf '    %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "No crash, leak, timeout or sanitizer report."
