#!/usr/bin/env bash
# Cascade Monte Carlo throughput, side by side in one run: entente against the plain-Python
# reference of the same rules (benches/cascade_reference.py), on the same compiled crisis.
#
#   bash benches/cascade.sh            # RUNS=5 entente runs and 3 Python runs per crisis
#
# For each crisis it first checks that the two give the same answers: the deterministic sides are
# equal, and every actor's Monte Carlo probability agrees within 4 combined standard errors. Then it
# reports trials per second (medians) and the ratios: entente on two threads and on one, each against
# the one-threaded Python reference. Needs python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
BIN=target/release/entente
RUNS=${RUNS:-5}
PY_RUNS=${PY_RUNS:-3}
RUST_TRIALS=${RUST_TRIALS:-10000000}
PY_TRIALS=${PY_TRIALS:-200000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "machine: $(nproc) cores; $(rustc --version); $(python3 --version)"
for crisis in "PRK KOR korean-peninsula" "USA PRK korean-peninsula" "RUS EST EST"; do
  set -- $crisis
  args=(cascade --attacker "$1" --target "$2" --at "$3")
  "$BIN" "${args[@]}" --trials 0 --export-engine "$tmp/engine.json" --format json > "$tmp/det.json"
  python3 benches/cascade_reference.py "$tmp/engine.json" --deterministic > "$tmp/pydet.json"
  "$BIN" "${args[@]}" --trials 1000000 --seed 7 --format json > "$tmp/mc.json"
  python3 benches/cascade_reference.py "$tmp/engine.json" --trials "$PY_TRIALS" --seed 7 > "$tmp/py.json"
  python3 - "$tmp" <<'PY'
import json, math, sys
t = sys.argv[1]
det = json.load(open(f"{t}/det.json"))["cascade"]
py = json.load(open(f"{t}/pydet.json"))
assert sorted(det["aggressor_side"]) == py["aggressor"] and sorted(det["defending_side"]) == py["defender"], (det, py)
mc = json.load(open(f"{t}/mc.json"))["monte_carlo"]
ref = json.load(open(f"{t}/py.json"))
n1, n2 = mc["trials"], ref["trials"]
rs = {a["actor"]: a for a in mc["actors"]}
names = set(rs) | set(ref["actors"])
worst = 0.0
for name in names:
    for k in ("p_aggressor", "p_defender"):
        p1 = rs.get(name, {}).get(k, 0.0)
        p2 = ref["actors"].get(name, {}).get(k, 0.0)
        p = (p1 * n1 + p2 * n2) / (n1 + n2)
        se = math.sqrt(max(p * (1 - p), 1e-12) * (1 / n1 + 1 / n2))
        z = abs(p1 - p2) / se if se > 0 else 0.0
        worst = max(worst, z)
        assert z < 4 or abs(p1 - p2) < 1e-9, (name, k, p1, p2, z)
print(f"  same answers: sides equal; {len(names)} actors' probabilities agree (largest |z| = {worst:.2f})")
PY
  rust=$(for _ in $(seq "$RUNS"); do "$BIN" "${args[@]}" --trials "$RUST_TRIALS" --timing --format json 2>&1 >/dev/null | sed -E 's/.*: ([0-9,]+) trials\/s.*/\1/' | tr -d ,; done | median)
  rust1=$(for _ in $(seq "$RUNS"); do "$BIN" "${args[@]}" --trials "$RUST_TRIALS" --threads 1 --timing --format json 2>&1 >/dev/null | sed -E 's/.*: ([0-9,]+) trials\/s.*/\1/' | tr -d ,; done | median)
  py=$(for _ in $(seq "$PY_RUNS"); do python3 benches/cascade_reference.py "$tmp/engine.json" --trials "$PY_TRIALS" --seed 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["trials_per_second"])'; done | median)
  python3 -c "print(f'  {\"$1 attacks $2 at $3\":40s} entente 2 threads {float($rust):>12,.0f} trials/s ({float($rust)/float($py):4.0f}x), 1 thread {float($rust1):>12,.0f} trials/s ({float($rust1)/float($py):4.0f}x); python 1 thread {float($py):>9,.0f} trials/s')"
done
