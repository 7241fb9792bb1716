#!/usr/bin/env bash
# The event store's dyad query, pushed down or not, beside DuckDB on the same store.
#
# Generates FILES GDELT files of SIZE each from the shared export, ingests them into a store, then
# times (median of RUNS, page cache warm):
#   - `events series --store S --dyad USA CHN --by day` (dates and dyad pushed down: row groups
#     skipped by statistics, the day volumes read from the date column alone);
#   - the same with `--code 0,1,2` (every code kept, so the same series, but a filter beyond dates
#     turns the pushdown off: every row is decoded) — the output must be identical;
#   - DuckDB (threads stated) computing the same day volumes and the dyad's day × QuadClass counts
#     over `read_parquet('S/**/*.parquet')`, in-process (Python start-up not timed); its dyad total
#     must equal entente's.
#
#   bash benches/store.sh            # FILES=8 SIZE=64M RUNS=5 BENCH_DIR=target/bench-store
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(cd "${ENTENTE_DATA:-../shared/data}" && pwd)
FILES=${FILES:-8}
SIZE=${SIZE:-64M}
RUNS=${RUNS:-5}
DIR=${BENCH_DIR:-target/bench-store}
python3 -c 'import duckdb' 2>/dev/null || python3 -m pip install --quiet duckdb
cargo build --release -q
BIN=target/release/entente
rm -rf "$DIR"
mkdir -p "$DIR/in"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT
for i in $(seq 1 "$FILES"); do
  "$BIN" events generate --from "$DATA/gdelt/20180101000000.export.CSV" --size "$SIZE" --seed "$i" \
    --out "$DIR/in/2019$(printf %02d "$i")01000000.export.CSV"
done
STORE="$DIR/store"
"$BIN" events ingest "$DIR/in" --store "$STORE" --threads 2 | head -1
echo "machine: $(nproc) cores; $(rustc --version); duckdb $(python3 -c 'import duckdb; print(duckdb.__version__)')"
echo "store: $(du -sh "$STORE" | cut -f1), $(find "$STORE" -name '*.parquet' | wc -l) parts"

median() { python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.3f}")' "$@"; }
timed() { # seconds of one run of the command, its JSON to $OUT
  python3 -c 'import subprocess, sys, time; t = time.perf_counter(); subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "w"), check=True); print(f"{time.perf_counter() - t:.3f}")' "$@"
}
Q=(--format json events series --store "$STORE" --dyad USA CHN --by day)
push=() full=()
for _ in $(seq 1 "$RUNS"); do
  push+=("$(timed "$DIR/push.json" "$BIN" "${Q[@]}")")
  full+=("$(timed "$DIR/full.json" "$BIN" "${Q[@]}" --code 0,1,2)")
done
python3 - "$DIR/push.json" "$DIR/full.json" <<'EOF'
import json, sys
p, f = (json.load(open(x)) for x in sys.argv[1:])
assert p["series"] == f["series"], "pushed down and full scans differ"
s = p["store_scan"]
print(f"pushdown scan: {s['row_groups_read']} row groups decoded, {s['row_groups_skipped']} skipped; "
      f"{s['rows_decoded']} rows decoded for {s['rows_kept']} kept; {s['dates_decoded']} dates for the volume")
print(f"full scan: {f['store_scan']['rows_decoded']} rows decoded")
EOF
tot=$(python3 -c 'import json, sys; print(sum(c["events"] for c in json.load(open(sys.argv[1]))["series"][0]["cells"]))' "$DIR/push.json")
duck=$(python3 - "$STORE" "$RUNS" "$tot" <<'EOF'
import duckdb, statistics, sys, time
store, runs, want = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = duckdb.connect()
con.execute("SET threads = 2")
glob = f"read_parquet('{store}/**/*.parquet')"
ts = []
for _ in range(runs):
    t = time.perf_counter()
    vol = con.execute(f"SELECT date, count(*) FROM {glob} GROUP BY date").fetchall()
    dy = con.execute(f"""SELECT date, quad_class, count(*) FROM {glob}
        WHERE (source_country = 'USA' AND target_country = 'CHN')
           OR (source_country = 'CHN' AND target_country = 'USA') GROUP BY ALL""").fetchall()
    ts.append(time.perf_counter() - t)
got = sum(r[2] for r in dy)
assert got == want, (got, want)
print(f"{statistics.median(ts):.3f}")
EOF
)
mp=$(median "${push[@]}") mf=$(median "${full[@]}")
echo "entente series --store, pushdown (2 threads available; the scan is 1 thread): ${mp} s  (runs: ${push[*]})"
echo "entente series --store, full scan (--code 0,1,2):                            ${mf} s  (runs: ${full[*]})"
echo "DuckDB, same volumes and dyad counts (SET threads = 2):                      ${duck} s"
python3 -c "import sys; p, f, d = map(float, sys.argv[1:]); print(f'pushdown vs full: {f / p:.2f}x; DuckDB / entente pushdown: {d / p:.2f}x')" "$mp" "$mf" "$duck"
