#!/usr/bin/env bash
# The README's picture of the audit page (docs/audit-seeds.png): the seeds' audit rendered
# by headless Chromium, 1100 × 1150 pixels, quantised with pngquant to stay small.
# Needs a release build, chromium and pngquant (Debian: apt-get install chromium pngquant).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/release/quotecheck --isolated audit --format html -o "$tmp/seeds.html" tests/fixtures
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" \
  --window-size=1100,1150 --screenshot="$tmp/shot.png" "file://$tmp/seeds.html" 2>/dev/null
pngquant --quality 60-85 --speed 1 --force -o docs/audit-seeds.png "$tmp/shot.png"
ls -l docs/audit-seeds.png
