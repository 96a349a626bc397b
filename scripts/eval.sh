#!/usr/bin/env bash
# Scores quotecheck on the PolNeAR dev split and fails when a target is missed.
#   scripts/eval.sh [GOLD]   (default ../shared/eval/polnear/dev.jsonl)
# Needs python3 and the evaluation kit in ../shared/eval (beside the project).
set -euo pipefail
cd "$(dirname "$0")/.."
gold=${1:-../shared/eval/polnear/dev.jsonl}
if [ ! -f "$gold" ]; then
  echo "eval: $gold not found; skipping the accuracy check"
  exit 0
fi
cargo build --release --locked --quiet
python3 ../shared/eval/evaluate.py --bin target/release/quotecheck --gold "$gold" --json > target/eval.json
python3 - target/eval.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
checks = [
    ("quote exact F1", r["quote_exact_strict"]["F1"], 90),
    ("speaker overlap accuracy", r["speaker_overlap_acc"], 95),
    ("speaker exact accuracy", r["speaker_exact_acc"], 85),
    ("cue exact accuracy", r["cue_exact_acc"], 90),
    ("joint F1", r["joint_exact_overlap"]["F1"], 85),
]
failed = 0
for name, value, target in checks:
    ok = value is not None and value >= target
    failed += not ok
    print(f"eval: {name:26s} {value:6.2f}  (target >= {target})  {'ok' if ok else 'MISSED'}")
sys.exit(1 if failed else 0)
PY
