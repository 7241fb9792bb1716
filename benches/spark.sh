#!/usr/bin/env bash
# The Spark path against entente on one machine, side by side in one run:
#  1. the every-dyad GDELT aggregate (directed dyad x month x QuadClass, events and Goldstein
#     tenths) of one generated file: `entente events aggregate --out X.parquet` against the
#     entente.spark job in local mode (local[N], N = the machine's cores) writing Parquet; the two
#     outputs are checked equal first;
#  2. a 1816-2016 directed dyad-year panel with ATOP: `entente panel ... --out X.parquet` against
#     `entente.panel(...).to_pandas()` in Python (through Arrow), the two checked equal.
# Medians of RUNS runs each; entente and Spark use every core (2 here).
#
#   bash benches/spark.sh            # SIZE=2G RUNS=3 BENCH_DIR=target/bench-spark by default
#
# Needs scripts/python-tests.sh's environment (target/python-venv with entente and pyspark; run the
# script once first) and Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(cd "${ENTENTE_DATA:-../shared/data}" && pwd)
SIZE=${SIZE:-2G}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-target/bench-spark}
PY=${ENTENTE_VENV:-target/python-venv}/bin/python
cargo build --release -q
BIN=target/release/entente
mkdir -p "$DIR"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT
FILE="$DIR/gen.export.CSV"
[ -f "$FILE" ] || "$BIN" events generate --from "$DATA/gdelt/20180101000000.export.CSV" --size "$SIZE" --out "$FILE"
echo "machine: $(nproc) cores; $(rustc --version); $("$PY" --version);" \
  "pyspark $("$PY" -c 'import pyspark; print(pyspark.__version__)'); $(java -version 2>&1 | head -1)"
echo "file: $FILE, $(du -m "$FILE" | cut -f1) MB"
cat "$FILE" >/dev/null # into the page cache

"$PY" - "$BIN" "$FILE" "$DIR" "$RUNS" "$DATA" <<'PYEOF'
import os, statistics, subprocess, sys, time
import pyarrow.parquet as pq
bin_, file, d, runs, data = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
os.environ["PYSPARK_PYTHON"] = sys.executable
from pyspark.sql import SparkSession
import entente
from entente import spark as jobs

cores = os.cpu_count()
spark = (SparkSession.builder.master(f"local[{cores}]").config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "8g")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")

def timed(f):
    t = time.perf_counter(); f(); return time.perf_counter() - t

ent_out, sp_out = f"{d}/entente.parquet", f"{d}/spark.parquet"
def run_entente():
    subprocess.run([bin_, "events", "aggregate", file, "--by", "month", "--out", ent_out], check=True,
                   stderr=subprocess.DEVNULL)
def run_spark():
    groups, counts = jobs.aggregate_gdelt(spark, [file], "month")
    groups.write.mode("overwrite").parquet(sp_out)
    return counts

# Equal outputs first (the timed runs below write the same files).
run_entente(); run_spark()
key = ["source", "target", "period", "quad"]
a = pq.read_table(ent_out).sort_by([(k, "ascending") for k in key])
b = pq.read_table(sp_out).sort_by([(k, "ascending") for k in key])
assert a.num_rows == b.num_rows and all(
    a.column(c).to_pylist() == b.column(c).to_pylist() for c in a.column_names), "outputs differ"
print(f"aggregate outputs equal: {a.num_rows} groups")
e = [timed(run_entente) for _ in range(runs)]
s = [timed(run_spark) for _ in range(runs)]
me, ms = statistics.median(e), statistics.median(s)
mb = os.path.getsize(file) / 1e6
print(f"events aggregate, {mb:.0f} MB, {cores} threads each: entente {me:.2f} s ({mb/me:.0f} MB/s), "
      f"Spark local[{cores}] {ms:.2f} s ({mb/ms:.0f} MB/s); entente {ms/me:.1f}x faster "
      f"(runs: entente {', '.join(f'{x:.2f}' for x in e)}; Spark {', '.join(f'{x:.2f}' for x in s)})")
spark.stop()

# The panel: CLI to Parquet against Python to pandas through Arrow.
pan = f"{d}/ddy.parquet"
def cli_panel():
    subprocess.run([bin_, "--data", data, "panel", "dyad-year", "--directed", "--from", "1816", "--to", "2016",
                    "--with", "atop", "--out", pan], check=True, stderr=subprocess.DEVNULL)
import warnings
warnings.simplefilter("ignore", entente.EntenteWarning)
holder = {}
def py_panel():
    holder["df"] = entente.panel(data, years=(1816, 2016), with_=["atop"]).to_pandas()
cli_panel(); py_panel()
theirs = pq.read_table(pan).to_pandas()
assert theirs.equals(holder["df"]), "panels differ"
print(f"panel outputs equal: {len(theirs)} directed dyad-years, {len(theirs.columns)} columns")
c = [timed(cli_panel) for _ in range(runs)]
p = [timed(py_panel) for _ in range(runs)]
print(f"panel 1816-2016 ddy + atop: CLI to Parquet {statistics.median(c):.2f} s; Python to pandas "
      f"{statistics.median(p):.2f} s (runs: CLI {', '.join(f'{x:.2f}' for x in c)}; Python {', '.join(f'{x:.2f}' for x in p)})")
PYEOF
