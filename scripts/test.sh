#!/usr/bin/env bash
# Every test: Rust (unit, integration through the binary, doctests), the browser tests (headless
# Chromium, Debian's package) and the Python package's tests (tests/python.rs builds it into a
# virtual environment under target/). Installs Chromium when it is missing and this user may.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -q && apt-get install -y -q chromium
  else
    echo "test.sh: chromium is missing (apt-get install chromium); the browser tests will say they skipped" >&2
  fi
fi
cargo test --release "$@"
