#!/usr/bin/env bash
# Builds the Debian package from a build directory, installs it with apt-get, runs the installed
# binary headless (version, a demo database, metrics from it), and removes the package again.
#   packaging/test-deb.sh [BUILD_DIR]      default: build/ci
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$top/build/ci}"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

echo "==> Packaging ($build)"
(cd "$build" && rm -f supportlens_*.deb && cpack -G DEB >/dev/null)
deb="$(ls "$build"/supportlens_*.deb)"
dpkg-deb --info "$deb" | sed -n 's/^ *Depends:/    Depends:/p'

work="$(mktemp -d)"
trap 'rm -rf "$work"; as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q supportlens >/dev/null 2>&1 || true' EXIT
echo "==> Installing $deb"
cp "$deb" "$work/"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$work/$(basename "$deb")" >/dev/null

echo "==> Running the installed binary"
[ "$(command -v supportlens)" = /usr/bin/supportlens ]
supportlens --version
supportlens demo --db "$work/demo.sqlite" --tickets 2000 >/dev/null
metrics="$(supportlens metrics --db "$work/demo.sqlite" --format json)"
grep -q '"tickets_created"' <<<"$metrics"
# The PDF report paints with fonts but must not need a display.
last_month="$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m-01)"
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM supportlens report --db "$work/demo.sqlite" \
    --from "$last_month" --to "$(date -u -d "$(date -u +%Y-%m-01) -1 day" +%Y-%m-%d)" --out "$work/report.pdf" >/dev/null
[ "$(head -c 4 "$work/report.pdf")" = "%PDF" ]
test -f /usr/share/applications/supportlens.desktop
test -f /usr/share/icons/hicolor/scalable/apps/supportlens.svg
test -f /usr/share/man/man1/supportlens.1.gz

echo "==> Removing"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q supportlens >/dev/null
! command -v supportlens >/dev/null
echo "==> The package installs, runs and removes cleanly"
