#!/usr/bin/env bash
# Fails when a C++ file of the project is not as .clang-format writes it.
#   check_format.sh SOURCE_DIR [FILE...]   (no FILE: every tracked .cpp and .h)
# The files written before the check existed are listed in format-legacy.txt and skipped; a file
# leaves the list when it is next reformatted (clang-format -i FILE, then delete its line), and
# a new file is checked from its first commit. So the check only ever widens.
set -euo pipefail
top="${1:?usage: check_format.sh SOURCE_DIR [FILE...]}"
shift
cd "$top"
clang_format="$(command -v clang-format-14 || command -v clang-format || true)"
if [ -z "$clang_format" ]; then
  echo "clang-format is not installed (packaging/test-deps.txt lists it)" >&2
  exit 1
fi
legacy="tests/style/format-legacy.txt"
checked=0
failed=()
while IFS= read -r file; do
  if grep -qxF "$file" "$legacy"; then
    continue
  fi
  checked=$((checked + 1))
  if ! "$clang_format" --dry-run -Werror "$file" >/dev/null 2>&1; then
    failed+=("$file")
  fi
done < <(if [ "$#" -gt 0 ]; then printf '%s\n' "$@"; else
           git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' | grep -v -e '^tests/layers/fixtures/' -e '^tests/style/fixtures/'
         fi)
# A listed file that is formatted now, or gone, should leave the list.
stale=()
[ "$#" -gt 0 ] || while IFS= read -r file; do
  [ -z "$file" ] && continue
  if [ ! -f "$file" ] || "$clang_format" --dry-run -Werror "$file" >/dev/null 2>&1; then
    stale+=("$file")
  fi
done < "$legacy"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "Not formatted as .clang-format says (run: $clang_format -i FILE):"
  printf '  %s\n' "${failed[@]}"
fi
if [ "${#stale[@]}" -gt 0 ]; then
  echo "Formatted or gone, so to be removed from $legacy:"
  printf '  %s\n' "${stale[@]}"
fi
if [ "${#failed[@]}" -gt 0 ] || [ "${#stale[@]}" -gt 0 ]; then
  exit 1
fi
echo "check_format: $checked files as .clang-format writes them ($(grep -c . "$legacy") older ones not yet)"
