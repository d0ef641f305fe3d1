#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what the build needs, builds, then
#   setup.sh demo   opens the window on the built-in demo data
#   setup.sh test   runs every test (this is what .ci/run calls)
#   setup.sh build  only builds
# Uses sudo for apt-get when not run as root. Safe to run again: installs only what is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/.." && pwd)"
action="${1:-demo}"

case "$action" in
  demo|test|build) ;;
  *) echo "usage: $0 demo|test|build" >&2; exit 2 ;;
esac

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  local wanted=() missing=()
  mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$here/build-deps.txt")
  if [ "$action" = test ]; then # the fuzzers need clang's libFuzzer runtime; the tests call tools
    mapfile -t -O "${#wanted[@]}" wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$here/fuzz-deps.txt" "$here/test-deps.txt")
  fi
  if [ "$action" = demo ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    wanted+=(xvfb xauth) # no display: the window opens in a virtual one
  fi
  for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> Installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

build() {
  local preset="$1"
  echo "==> Building ($preset)"
  cmake --preset "$preset" -S "$top" >/dev/null
  cmake --build --preset "$preset"
}

install_packages
cd "$top"
case "$action" in
  build)
    build dev
    ;;
  demo)
    build dev
    echo "==> Opening SupportLens on the demo data"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      echo "    (no display found: running inside Xvfb; set DISPLAY to use your own)"
      exec xvfb-run -a -s "-screen 0 1600x1000x24" "$top/build/dev/app/supportlens" --demo
    fi
    exec "$top/build/dev/app/supportlens" --demo
    ;;
  test)
    # 1. The release build with warnings as errors, and every test.
    build ci
    echo "==> Running the tests"
    ctest --preset ci
    # 2. The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
    build asan
    echo "==> Running the tests under ASan+UBSan"
    ctest --preset asan # (sanitizer options and the leak suppressions: CMakePresets.json)
    # 3. Each fuzz target for a bounded time (tests/fuzz/README.md: how to run longer).
    echo "==> Fuzzing, ${SUPPORTLENS_FUZZ_SECONDS:-60} s per target"
    bash "$top/tests/fuzz/run.sh" "${SUPPORTLENS_FUZZ_SECONDS:-60}"
    # 4. The Debian package: built, installed with apt-get, run, removed.
    bash "$here/test-deb.sh" "$top/build/ci"
    ;;
esac
