#!/usr/bin/env bash
# Fails when clang-tidy (.clang-tidy's checks) warns on a C++ source changed since the commit in
# tidy-base.txt, or on the files given.
#   check_tidy.sh SOURCE_DIR BUILD_DIR [FILE...]
# BUILD_DIR holds compile_commands.json (every preset writes one). The whole tree is not checked
# on every run: clang-tidy takes 5-20 s a file, so a full pass is run by hand
# (run-clang-tidy -p build/ci) and its commit then written to tidy-base.txt; every change after
# it is checked here, in the test command.
set -euo pipefail
top="${1:?usage: check_tidy.sh SOURCE_DIR BUILD_DIR [FILE...]}"
build="${2:?usage: check_tidy.sh SOURCE_DIR BUILD_DIR [FILE...]}"
shift 2
cd "$top"
clang_tidy="$(command -v clang-tidy-14 || command -v clang-tidy || true)"
if [ -z "$clang_tidy" ]; then
  echo "clang-tidy is not installed (packaging/test-deps.txt lists it)" >&2
  exit 1
fi
if [ ! -f "$build/compile_commands.json" ]; then
  echo "$build/compile_commands.json is missing: configure with a preset first" >&2
  exit 1
fi
files=()
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  base="$(tr -d '[:space:]' < tests/style/tidy-base.txt)"
  if git cat-file -e "$base^{commit}" 2>/dev/null; then
    changed() { git diff --name-only --diff-filter=d "$base" -- 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp'; }
  else
    echo "tidy-base.txt names $base, which this clone does not have (a shallow clone?): checking the last commit's files"
    changed() { git diff-tree --no-commit-id --name-only --diff-filter=d -r HEAD -- 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp'; }
  fi
  mapfile -t files < <({ changed
                         git ls-files --others --exclude-standard -- 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp'; } | sort -u)
fi
if [ "${#files[@]}" -eq 0 ]; then
  echo "check_tidy: no source changed since $(tr -d '[:space:]' < tests/style/tidy-base.txt | cut -c1-12)"
  exit 0
fi
failed=0
for file in "${files[@]}"; do
  if ! output="$("$clang_tidy" -p "$build" --quiet --warnings-as-errors='*' "$file" 2>/dev/null)"; then
    failed=1
    echo "$output" | grep -E "(warning|error):" || echo "$file: clang-tidy failed"
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "clang-tidy found the above in ${#files[@]} changed files"
  exit 1
fi
echo "check_tidy: ${#files[@]} changed files pass .clang-tidy"
