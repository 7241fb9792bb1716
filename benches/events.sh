#!/usr/bin/env bash
# Whole-file GDELT aggregation — directed dyad x month x QuadClass: events and Goldstein tenths —
# side by side in one run on the same generated file: `entente events aggregate`, polars (scan_csv +
# group_by, default and streaming engines) and DuckDB (read_csv + GROUP BY). Checks the group
# checksums are identical, then reports throughput with the file in the page cache (median of RUNS
# runs each). Then the zipped file: entente streaming the zip against unzip-then-polars. Then peak
# memory of entente on the file and on 4x the data.
#
#   bash benches/events.sh            # SIZE=2G RUNS=3 BENCH_DIR=target/bench-events by default
#
# Needs python3 (installs polars and duckdb with pip if missing), zip and unzip. Generated data is
# written under BENCH_DIR and removed at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(cd "${ENTENTE_DATA:-../shared/data}" && pwd)
SIZE=${SIZE:-2G}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-target/bench-events}
python3 -c 'import polars, duckdb' 2>/dev/null || python3 -m pip install --quiet polars duckdb
cargo build --release -q
BIN=target/release/entente
mkdir -p "$DIR"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT
FILE="$DIR/gen.export.CSV"
"$BIN" events generate --from "$DATA/gdelt/20180101000000.export.CSV" --size "$SIZE" --out "$FILE"
MB=$(python3 -c "import os; print(os.path.getsize('$FILE') / 1e6)")
echo "machine: $(nproc) cores; $(rustc --version); $(python3 --version);" \
  "polars $(python3 -c 'import polars; print(polars.__version__)');" \
  "duckdb $(python3 -c 'import duckdb; print(duckdb.__version__)')"
echo "file: $FILE, $MB MB"
cat "$FILE" >/dev/null # into the page cache

median() { python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.3f}")' "$@"; }
entente_secs() { # prints the seconds entente reports for the query; $3: extra flags (--threads 1)
  "$BIN" events aggregate "$1" --by month --out "$2" --timing ${3:-} 2>&1 | sed -n 's/.* in \([0-9.]*\) s:.*/\1/p'
}
floor_secs() { # the floor: counting the file's lines, one thread, page cache warm
  python3 -c 'import subprocess, sys, time; t = time.perf_counter(); subprocess.run(["wc", "-l", sys.argv[1]], stdout=subprocess.DEVNULL, check=True); print(f"{time.perf_counter() - t:.3f}")' "$1"
}

# Threads: entente 2 (its default, one per core) and 1; polars and DuckDB their defaults (all
# cores: 2 here); the floor, wc -l, 1.
echo "threads: entente 2 and 1 (entente-1t); polars and duckdb their default, $(nproc); wc -l 1"
declare -A times
engines="entente entente-1t polars polars-streaming duckdb"
for run in $(seq "$RUNS"); do
  s=$(floor_secs "$FILE")
  times[wc-l]="${times[wc-l]:-} $s"
  echo "  run $run: wc-l $s s"
  for e in $engines; do
    out="$DIR/$e.csv"
    if [ "$e" = entente ]; then
      s=$(entente_secs "$FILE" "$out")
    elif [ "$e" = entente-1t ]; then
      s=$(entente_secs "$FILE" "$out" "--threads 1")
    else
      s=$(python3 benches/events_peers.py "$e" "$FILE" "$out" | awk '{print $2}')
    fi
    times[$e]="${times[$e]:-} $s"
    echo "  run $run: $e $s s"
  done
done
echo "group checksums (sorted rows, sha256):"
for e in $engines; do
  echo "  $e $(tail -n +2 "$DIR/$e.csv" | LC_ALL=C sort | sha256sum | cut -c1-16) ($(($(wc -l <"$DIR/$e.csv") - 1)) groups)"
done
sums=$(for e in $engines; do tail -n +2 "$DIR/$e.csv" | LC_ALL=C sort | sha256sum; done | sort -u | wc -l)
[ "$sums" = 1 ] || { echo "FAIL: the engines disagree"; exit 1; }
echo "plain file, median of $RUNS (page cache warm):"
ent=$(median ${times[entente]})
for e in $engines; do
  m=$(median ${times[$e]})
  python3 -c "print(f'  {\"$e\":17} {$m:7.3f} s {$MB / $m:7.0f} MB/s   entente is {$m / $ent:.2f}x faster')"
done
fl=$(median ${times[wc-l]})
e1=$(median ${times[entente-1t]})
python3 -c "print(f'  {\"wc -l (floor)\":17} {$fl:7.3f} s {$MB / $fl:7.0f} MB/s   entente takes {$ent / $fl:.2f}x the floor (2 threads), entente-1t {$e1 / $fl:.2f}x (1 thread against 1)')"

ZIP="$DIR/gen.export.CSV.zip"
(cd "$DIR" && zip -q gen.export.CSV.zip gen.export.CSV)
ZMB=$(python3 -c "import os; print(os.path.getsize('$ZIP') / 1e6)")
echo "zipped: $ZIP, $ZMB MB ($MB MB inside)"
cat "$ZIP" >/dev/null
zt="" ; pt=""
for run in $(seq "$RUNS"); do
  s=$(entente_secs "$ZIP" "$DIR/entente-zip.csv"); zt="$zt $s"
  p=$(python3 benches/events_peers.py unzip-polars "$ZIP" "$DIR/unzip-polars.csv" | awk '{print $2}'); pt="$pt $p"
  echo "  run $run: entente $s s, unzip-then-polars $p s"
done
cmp -s <(tail -n +2 "$DIR/entente-zip.csv" | LC_ALL=C sort) <(tail -n +2 "$DIR/unzip-polars.csv" | LC_ALL=C sort) \
  || { echo "FAIL: zipped results disagree"; exit 1; }
cmp -s "$DIR/entente-zip.csv" "$DIR/entente.csv" || { echo "FAIL: zip and plain differ"; exit 1; }
zm=$(median $zt); pm=$(median $pt)
python3 -c "print(f'  zipped, median of $RUNS: entente {$zm:.3f} s ({$MB / $zm:.0f} MB/s of CSV), unzip-then-polars {$pm:.3f} s: entente is {$pm / $zm:.2f}x faster')"
rm -f "$ZIP"

echo "peak memory (entente events aggregate, 2 threads):"
rss() { /usr/bin/time -f "%M" "$BIN" events aggregate "$@" --by month --out "$DIR/mem.csv" 2>&1 | tail -1; }
one=$(rss "$FILE")
# 4x the data, as one file and as four.
FOUR="$DIR/gen4.export.CSV"
"$BIN" events generate --from "$DATA/gdelt/20180101000000.export.CSV" --seed 4 \
  --size "$(python3 -c "import os; print(4 * os.path.getsize('$FILE'))")" --out "$FOUR"
four=$(rss "$FOUR")
rm -f "$FOUR"
for i in 2 3 4; do ln -f "$FILE" "$DIR/copy$i.export.CSV"; done
files=$(rss "$FILE" "$DIR"/copy{2,3,4}.export.CSV)
python3 -c "print(f'  1x ($MB MB): {$one / 1024:.0f} MB peak RSS; 4x in one file: {$four / 1024:.0f} MB (ratio {$four / $one:.2f}); 4x in four files: {$files / 1024:.0f} MB (ratio {$files / $one:.2f})')"
