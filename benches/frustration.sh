#!/usr/bin/env bash
# The exact frustration index of the 51 CoW signed networks (Doreian & Mrvar 2015, the shared
# oracle), side by side in one run: entente's combinatorial search (`alignment balance --edges
# ... --timing`: the search alone, summed over the networks) against the same problem as a binary
# programme solved by HiGHS (scripts/frustration_milp.py: `Highs.run()` alone, summed). Checks that
# the 51 optima are identical, then prints both totals and the ratio, threads stated.
#
#   bash benches/frustration.sh        # RUNS=5 (entente's runs; HiGHS runs once per thread count)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(cd "${ENTENTE_DATA:-../shared/data}" && pwd)
EDGES="$DATA/oracles/cow_signed_networks/cow_signed_edges.csv"
RUNS=${RUNS:-5}
python3 -c 'import highspy, numpy' 2>/dev/null || python3 -m pip install --quiet highspy numpy
cargo build --release -q
BIN=target/release/entente
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "machine: $(nproc) cores; $(rustc --version); HiGHS $(python3 -c 'import highspy; h = highspy.Highs(); print(h.version())' 2>/dev/null | tail -1)"
median() { python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.4f}")' "$@"; }
for threads in 1 2; do
  secs=()
  for _ in $(seq 1 "$RUNS"); do
    secs+=("$(RAYON_NUM_THREADS=$threads "$BIN" --format json alignment balance --edges "$EDGES" --timing 2>&1 >"$OUT/entente.json" | sed -n 's/.* in \([0-9.]*\) s .*/\1/p')")
  done
  python3 scripts/frustration_milp.py "$EDGES" --threads "$threads" 2>/dev/null >"$OUT/highs.jsonl"
  python3 - "$OUT/entente.json" "$OUT/highs.jsonl" "$threads" "$(median "${secs[@]}")" "${secs[*]}" <<'PY'
import json, sys
ent = {r["period"]: r for r in json.load(open(sys.argv[1]))["periods"]}
highs = [json.loads(l) for l in open(sys.argv[2]) if l.startswith("{")]
assert len(highs) == len(ent) == 51, (len(highs), len(ent))
for h in highs:
    e = ent[h["period"]]
    assert h["status"] == "Optimal" and e["optimal"], h
    assert e["frustration_index"] == h["index"], (h["period"], e["frustration_index"], h["index"])
threads, med, runs = sys.argv[3], float(sys.argv[4]), sys.argv[5]
total = sum(h["seconds"] for h in highs)
slowest = max(highs, key=lambda h: h["seconds"])
print(f"{threads} thread(s): 51 optima identical (sum {sum(h['index'] for h in highs)}, "
      f"from {min(h['index'] for h in highs)} to {max(h['index'] for h in highs)})")
print(f"  entente: {med:.4f} s (median of runs: {runs})")
print(f"  HiGHS:   {total:.2f} s (one run; slowest window {slowest['period']}: {slowest['seconds']:.2f} s)")
print(f"  ratio HiGHS / entente: {total / med:.0f}x")
PY
done
