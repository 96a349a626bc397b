#!/bin/sh
# Seeds the fuzz corpora with the test fixtures (fuzz/corpus is not committed).
# Run from anywhere: fuzz/seed.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
for target in extract pipeline audit html; do
    dir="$root/fuzz/corpus/$target"
    mkdir -p "$dir"
    n=0
    for f in "$root"/tests/fixtures/*.txt "$root"/tests/pages/*.html; do
        [ -e "$f" ] || continue # no fixtures: the glob stayed unexpanded
        cp "$f" "$dir/"
        n=$((n + 1))
    done
    echo "fuzz/corpus/$target: $n seed file(s)"
done
