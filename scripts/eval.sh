#!/usr/bin/env bash
# Scores quotecheck on every labelled set beside the project and fails when a floor is missed:
#   PolNeAR dev and train (quote spans, speakers, cues), the GGT names (resolved speaker
#   names) and the BASIL audit gold (speakers, speech, links, finding precision).
#   scripts/eval.sh
# Needs python3 and the evaluation kit in ../shared/eval (beside the project). A set that is
# not there is skipped with a message. The floors guard against regressions; the README's
# Accuracy section gives the figures and the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=../shared/eval
if [ ! -d "$eval_dir" ]; then
  echo "eval: $eval_dir not found; skipping the accuracy check"
  exit 0
fi
cargo build --release --locked --quiet
bin=target/release/quotecheck
out=target/eval
mkdir -p "$out"
for split in dev train; do
  gold=$eval_dir/polnear/$split.jsonl
  [ -f "$gold" ] && python3 $eval_dir/evaluate.py --bin $bin --gold "$gold" --json > "$out/$split.json" &
done
[ -f $eval_dir/ggt/dev.jsonl ] &&
  python3 $eval_dir/evaluate.py --bin $bin --gold $eval_dir/ggt/dev.jsonl --json > "$out/ggt.json" &
if [ -f $eval_dir/audit/basil.gold.jsonl ] && [ -f ../shared/corpus/basil/articles.jsonl ]; then
  python3 $eval_dir/audit/score_audit.py score $eval_dir/audit/basil.gold.jsonl \
    ../shared/corpus/basil/articles.jsonl --bin $bin --json > "$out/basil.json" &
fi
wait
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(name):
    p = os.path.join(out, name + ".json")
    if not os.path.exists(p) or os.path.getsize(p) == 0:
        print(f"eval: {name}: not scored (its gold is not beside the project)")
        return None
    return json.load(open(p))
# (label, how to read it, floor on dev, floor on train)
polnear = [
    ("quote exact F1", lambda r: r["quote_exact_strict"]["F1"], 95, 95),
    ("speaker exact accuracy", lambda r: r["speaker_exact_acc"], 95, 93.5),
    ("speaker overlap accuracy", lambda r: r["speaker_overlap_acc"], 97.5, 98),
    ("cue exact accuracy", lambda r: r["cue_exact_acc"], 91.5, 91),
    ("joint F1", lambda r: r["joint_exact_overlap"]["F1"], 93, 93),
]
failed = 0
def check(name, value, floor):
    global failed
    ok = value is not None and value >= floor
    failed += not ok
    print(f"eval: {name:34s} {value:6.2f}  (floor {floor})  {'ok' if ok else 'MISSED'}")
dev, train = load("dev"), load("train")
for label, get, f_dev, f_train in polnear:
    if dev:
        check(f"dev   {label}", get(dev), f_dev)
    if train:
        check(f"train {label}", get(train), f_train)
    if dev and train:
        # Rules that generalise score alike on both sets: the gap is gated too.
        gap = get(train) - get(dev)
        ok = abs(gap) <= 1.5
        failed += not ok
        print(f"eval: {'  train - dev':34s} {gap:+6.2f}  (within 1.5)  {'ok' if ok else 'MISSED'}")
ggt = load("ggt")
if ggt:
    check("GGT resolved speaker names", ggt["speaker_name_acc"], 95)
basil = load("basil")
if basil:
    check("BASIL audit speaker accuracy", basil["speaker_acc"], 92)
    check("BASIL audit appearances that are speech", basil["speech_precision"], 99)
    check("BASIL audit serious findings precision", basil["serious_precision"], 90)
    check("BASIL audit link precision", basil["link_precision"], 92)
    check("BASIL audit link recall", basil["link_recall"], 85)
    truncation = basil["findings"].get("truncation", {}).get("precision")
    check("BASIL audit truncation precision", truncation, 95)
sys.exit(1 if failed else 0)
PY
