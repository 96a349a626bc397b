#!/usr/bin/env bash
# output-hashes.sh [BIN]: the sha256 of every output a refactoring must leave unchanged, one
# line each (hash, name, exit code), for the seeds, BASIL and Reuters (../shared), the saved
# pages and standard input. Compare two builds with
#   diff <(scripts/output-hashes.sh old/quotecheck) <(scripts/output-hashes.sh target/release/quotecheck)
set -u
cd "$(dirname "$0")/.."
BIN=${1:-target/release/quotecheck}
S=../shared/corpus
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

run() {
  local name=$1; shift
  "$BIN" "$@" > "$TMP/out" 2> /dev/null
  local rc=$?
  printf '%s  %s  exit %s\n' "$(sha256sum < "$TMP/out" | cut -d' ' -f1)" "$name" "$rc"
}
piped() {
  local name=$1 input=$2; shift 2
  "$BIN" "$@" < "$input" > "$TMP/out" 2> /dev/null
  local rc=$?
  printf '%s  %s  exit %s\n' "$(sha256sum < "$TMP/out" | cut -d' ' -f1)" "$name" "$rc"
}

for f in text json jsonl; do
  run "seeds extract --format $f" extract --format "$f" "$S/seeds/"
  run "basil extract --format $f" extract --format "$f" "$S/basil/articles.jsonl"
done
run "seeds extract --format jsonl --with-text" extract --format jsonl --with-text "$S/seeds/"
run "basil extract --format json --with-text" extract --format json --with-text "$S/basil/articles.jsonl"
for f in text json jsonl parts; do
  run "seeds audit --format $f" audit --format "$f" "$S/seeds/"
  run "basil audit --format $f" audit --format "$f" "$S/basil/articles.jsonl"
done
run "reuters extract --format jsonl" extract --format jsonl "$S/reuters21578/articles.jsonl"
"$BIN" extract --format jsonl --with-text "$S/basil/articles.jsonl" > "$TMP/records.jsonl" 2> /dev/null
"$BIN" audit --format parts "$S/basil/articles.jsonl" > "$TMP/parts.jsonl" 2> /dev/null
run "basil fingerprint" fingerprint "$TMP/records.jsonl"
run "basil audit --records --format json" audit --records --format json "$TMP/records.jsonl"
run "basil merge --format json" merge --format json "$TMP/parts.jsonl"
run "basil merge --format text" merge --format text "$TMP/parts.jsonl"
run "pages extract --format json" extract --format json tests/pages/
run "pages audit --format json" audit --format json tests/pages/
piped "stdin text extract --format json" "$S/seeds/004_dbadbda89d79b732.txt" extract --format json -
piped "stdin html extract --format json" tests/pages/000_8e19547a2dfce686.html extract --format json -
head -5 "$S/basil/articles.jsonl" > "$TMP/five.jsonl"
piped "stdin jsonl audit --format json" "$TMP/five.jsonl" audit --format json -
run "explain" explain
run "explain truncation" explain truncation
run "config" --isolated config
