#!/usr/bin/env bash
# Rebuilds docs/report.png: the report of examples/ as headless Chromium draws it.
#   scripts/report-screenshot.sh
# Needs Debian's chromium (apt-get install chromium). The page loads nothing from the network.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/stance report -q examples/ -o "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size=1280,1250 \
  --screenshot="$PWD/docs/report.png" "file://$work/report.html" 2>/dev/null
echo "docs/report.png"
