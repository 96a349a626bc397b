"""Audit a corpus of news articles on Apache Spark with quotecheck.

quotecheck stays a stdin -> stdout filter; Spark moves the data between four steps, each a
SELECT TRANSFORM over the shipped binary:

  1. extract      article JSON Lines -> one record per article (quotes with ids and keys,
                  and the text, so the audit needs nothing else)        [per line, any order]
  2. fingerprint  record -> KEY<TAB>RECORD, KEY naming the record's story  [per line]
  3. audit        records grouped by KEY (DISTRIBUTE BY) -> one part per story
  4. merge        all parts, in one task -> the report (a sorted union of stories)

Because families never cross stories and the merge is a sorted union, the report is
byte-identical to `quotecheck audit --format json` on one machine, whatever the number of
partitions or the order the rows arrive in.

    spark-submit --master 'local[2]' --files target/release/quotecheck \\
        examples/spark/audit.py INPUT.jsonl OUTDIR [--partitions N] [--format json]

The report is written to OUTDIR/report (one text file); the parts to OUTDIR/parts.
quotecheck exits non-zero on a malformed line, and Spark then fails the task and the job,
instead of dropping the row.
"""

import argparse
import os
import shutil
import sys
import time

from pyspark.sql import SparkSession

# The field delimiter must be written out: without ROW FORMAT, Spark's non-Hive
# TRANSFORM separates fields with \u0001, and the key would not be split from the record.
ROW_FORMAT = "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'"


def transform(columns, command, out_columns, source):
    """A SELECT TRANSFORM that pipes `columns` through `./quotecheck command`."""
    return f"""
        SELECT TRANSFORM({columns}) {ROW_FORMAT}
        USING './quotecheck {command}'
        AS ({out_columns}) {ROW_FORMAT}
        FROM {source}"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="articles as JSON Lines (id, text or html, outlet, story, ...)")
    ap.add_argument("outdir", help="where to write parts/ and report/")
    ap.add_argument("--partitions", type=int, default=0,
                    help="partitions for extract and audit (default: Spark's parallelism)")
    ap.add_argument("--format", default="json", choices=["json", "jsonl", "text"],
                    help="report format, as `quotecheck audit --format`")
    ap.add_argument("--group-by", default=None,
                    help="JSON Lines field naming the story (default: story)")
    ap.add_argument("--config", default=None,
                    help="a quotecheck.toml shipped with --files (default: built-in settings)")
    args = ap.parse_args()

    spark = (SparkSession.builder.appName("quotecheck-audit")
             .config("spark.ui.enabled", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    parts_n = args.partitions or spark.sparkContext.defaultParallelism
    spark.conf.set("spark.sql.shuffle.partitions", str(parts_n))

    settings = f"--config ./{os.path.basename(args.config)}" if args.config else "--isolated"
    group = f" --group-by {args.group_by}" if args.group_by else ""
    started = time.time()

    # 1. Extract: one record per article line. Any split of the input gives the same records.
    spark.read.text(args.input).repartition(parts_n).createOrReplaceTempView("articles")
    spark.sql(transform("value", f"{settings} extract --format jsonl --with-text{group} -",
                        "record STRING", "articles")).createOrReplaceTempView("records")

    # 2. Fingerprint: the blocking key of each record.
    spark.sql(transform("record", f"{settings} fingerprint -", "key STRING, record STRING",
                        "records")).createOrReplaceTempView("keyed")

    # 3. Audit each group of records that share a key: a story never spans two tasks.
    spark.sql(transform(
        "key, record", f"{settings} audit --records --format parts{group} -", "part STRING",
        "(SELECT key, record FROM keyed DISTRIBUTE BY key SORT BY key)",
    )).createOrReplaceTempView("parts")
    parts_dir = os.path.join(args.outdir, "parts")
    spark.table("parts").write.mode("overwrite").text(parts_dir)

    # 4. Merge every part in one task; its lines are the report, in order.
    spark.read.text(parts_dir).coalesce(1).createOrReplaceTempView("all_parts")
    report = spark.sql(transform("value", f"{settings} merge --format {args.format} --color never -",
                                 "line STRING", "all_parts"))
    report_dir = os.path.join(args.outdir, "report")
    report.coalesce(1).write.mode("overwrite").text(report_dir)

    print(f"quotecheck on Spark: {parts_n} partitions, {time.time() - started:.1f} s; "
          f"report in {report_dir}", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
