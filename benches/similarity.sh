#!/usr/bin/env bash
# Alliance-portfolio similarity for the full directed dyad-year panel 1816–2016 (14 measures), side
# by side in one run: entente (crates/panel/benches/similarity.rs, computation only) against a
# vectorised numpy implementation of the same computation (benches/similarity_numpy.py, computation
# only), after checking that both give the same numbers. Also times the whole `entente panel` command
# (load, build, write Parquet) with its peak memory.
#
#   bash benches/similarity.sh        # needs python3; installs numpy and pyarrow with pip if missing
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(cd "${ENTENTE_DATA:-../shared/data}" && pwd)
python3 -c 'import numpy, pyarrow, threadpoolctl' 2>/dev/null || python3 -m pip install --quiet numpy pyarrow threadpoolctl
cargo build --release -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
BIN=target/release/entente
echo "machine: $(nproc) cores; $(rustc --version); $(python3 --version); numpy $(python3 -c 'import numpy; print(numpy.__version__)')"
"$BIN" --data "$DATA" panel dyad-year --directed --with atop,cow,nmc --out "$tmp/ties.parquet" 2>/dev/null
"$BIN" --data "$DATA" panel dyad-year --directed --with similarity --out "$tmp/sim.parquet" 2>/dev/null
ENTENTE_DATA="$DATA" cargo bench -q -p entente-panel --bench similarity 2>/dev/null | tee "$tmp/rust.txt"
# numpy pinned to one BLAS thread, then with its default (both cores here); threadpoolctl says which.
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 benches/similarity_numpy.py "$tmp/ties.parquet" "$tmp/sim.parquet" 3 | tee "$tmp/numpy1.txt"
python3 benches/similarity_numpy.py "$tmp/ties.parquet" "$tmp/sim.parquet" 3 | tee "$tmp/numpy2.txt"
python3 - "$tmp" <<'PY'
import re, sys
t = sys.argv[1]
rust = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"(\d) thread\(s\): median ([\d.]+)", open(f"{t}/rust.txt").read())}
for f in ("numpy1", "numpy2"):
    text = open(f"{t}/{f}.txt").read()
    py = float(re.search(r"median ([\d.]+)", text).group(1))
    threads = re.search(r"openblas (\d+) thread", text)
    for th, s in sorted(rust.items()):
        print(f"  entente {th} thread(s) vs numpy with {threads.group(1) if threads else '?'} BLAS thread(s): {py / s:.1f}x")
PY
for i in 1 2 3; do
  /usr/bin/time -f "  whole command: %e s wall, %M KB peak RSS" "$BIN" --data "$DATA" panel dyad-year --directed --with atop,nmc,similarity --out "$tmp/full.parquet" 2>&1 | grep whole
done
