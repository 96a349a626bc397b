#!/usr/bin/env bash
# The Spark audit of the BASIL corpus must be byte-identical to the single-machine audit.
#
#   examples/spark/test.sh [CORPUS.jsonl]
#
# Installs pyspark in a virtual environment (target/spark-venv; needs Java 17 and PyPI),
# builds quotecheck, runs `quotecheck audit --format json` on the corpus, runs
# examples/spark/audit.py on it with spark-submit in local[2], and compares the two reports
# byte for byte. Then feeds the driver a corpus with one malformed line and checks that the
# Spark job fails. Prints the wall-clock time of both runs.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="${1:-$root/../shared/corpus/basil/articles.jsonl}"
venv="$root/target/spark-venv"
work="$root/target/spark-test"

command -v java >/dev/null || { echo "spark test: java not found (Spark needs Java 17)" >&2; exit 1; }
if [ ! -x "$venv/bin/spark-submit" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'pyspark==3.5.*'
fi
export PATH="$venv/bin:$PATH"
export PYSPARK_PYTHON="$venv/bin/python"

(cd "$root" && cargo build --release --locked --quiet)
bin="$root/target/release/quotecheck"
rm -rf "$work" && mkdir -p "$work"
log4j="$work/log4j2.properties"
printf '%s\n' 'rootLogger.level = error' 'rootLogger.appenderRef.stderr.ref = console' \
    'appender.console.type = Console' 'appender.console.name = console' \
    'appender.console.target = SYSTEM_ERR' 'appender.console.layout.type = PatternLayout' \
    'appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n' > "$log4j"

spark() {
    # Run from an empty directory: the binary reaches the tasks only through --files.
    (cd "$work" && spark-submit --master 'local[2]' \
        --driver-java-options "-Dlog4j2.configurationFile=file:$log4j" \
        --files "$bin" "$root/examples/spark/audit.py" "$@")
}

t0=$(date +%s%N)
"$bin" --isolated audit --format json "$corpus" > "$work/single.json"
t1=$(date +%s%N)
spark "$corpus" "$work/out" --partitions 4
t2=$(date +%s%N)
cat "$work"/out/report/part-*.txt > "$work/spark.json"

if cmp "$work/single.json" "$work/spark.json"; then
    echo "spark test: identical reports ($(wc -c < "$work/single.json") bytes," \
        "$(grep -c '"story":' "$work/single.json") stories)"
else
    echo "spark test: the Spark report differs from the single-machine report" >&2
    diff <(head -c 2000 "$work/single.json") <(head -c 2000 "$work/spark.json") >&2 || true
    exit 1
fi
echo "spark test: single machine $(( (t1 - t0) / 1000000 )) ms," \
    "Spark local[2] $(( (t2 - t1) / 1000000 )) ms (with JVM start)"

# A malformed line must fail the job, not vanish from the report.
{ head -n 5 "$corpus"; echo '{"id": "broken", "text": '; } > "$work/broken.jsonl"
if spark "$work/broken.jsonl" "$work/out-broken" > "$work/broken.log" 2>&1; then
    echo "spark test: a malformed line did not fail the Spark job" >&2
    exit 1
fi
grep -q "Subprocess exited with status 2" "$work/broken.log" || {
    echo "spark test: the job failed for another reason:" >&2
    tail -n 20 "$work/broken.log" >&2
    exit 1
}
echo "spark test: a malformed line fails the job (quotecheck exit 2)"
