#!/usr/bin/env python3
"""The dyad-month aggregation of `entente events aggregate`, done by polars and by DuckDB, for
benches/events.sh.

Directed dyad (Actor1CountryCode -> Actor2CountryCode) x month of SQLDATE x QuadClass: the number of
events and the Goldstein sum in integer tenths, over rows that have both country codes. Every column
is read as text (CAMEO codes keep their leading zeros); GDELT has no quoting, so quoting is off.

    python3 benches/events_peers.py polars|polars-streaming|duckdb|unzip-polars FILE OUT.csv

Prints "<engine> <seconds>" for the query (reading and grouping, not writing OUT.csv), timed inside the
process so that interpreter start-up and imports are not counted against the peer.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

engine, path, out = sys.argv[1], sys.argv[2], sys.argv[3]


def polars_query(path, streaming):
    import polars as pl

    lf = pl.scan_csv(
        path, separator="\t", has_header=False, quote_char=None, infer_schema=False
    )
    q = (
        lf.select(
            source=pl.col("column_7"),
            target=pl.col("column_17"),
            period=pl.col("column_1").str.slice(0, 6),
            quad=pl.col("column_29"),
            g=(pl.col("column_30").cast(pl.Float64) * 10).round().cast(pl.Int64),
        )
        .filter(pl.col("source").is_not_null() & pl.col("target").is_not_null())
        .group_by(["source", "target", "period", "quad"])
        .agg(events=pl.len(), goldstein_tenths=pl.col("g").sum())
    )
    return q.collect(engine="streaming") if streaming else q.collect()


start = time.perf_counter()
if engine in ("polars", "polars-streaming"):
    df = polars_query(path, engine == "polars-streaming")
    rows = df.rows()
elif engine == "unzip-polars":
    # What a user does today with zipped exports: unpack, then scan.
    tmp = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(out)))
    try:
        subprocess.run(["unzip", "-q", "-o", path, "-d", tmp], check=True)
        (inner,) = os.listdir(tmp)
        df = polars_query(os.path.join(tmp, inner), False)
        rows = df.rows()
    finally:
        shutil.rmtree(tmp)
elif engine == "duckdb":
    import duckdb

    con = duckdb.connect()
    rows = con.execute(
        f"""
        SELECT column07, column17, substr(column01, 1, 6), column29, COUNT(*),
               CAST(SUM(CAST(column30 AS DECIMAL(6,1))) * 10 AS BIGINT)
        FROM read_csv('{path}', delim='\t', header=false, all_varchar=true, quote='', escape='')
        WHERE column07 IS NOT NULL AND column17 IS NOT NULL
        GROUP BY ALL
        """
    ).fetchall()
else:
    sys.exit(f"unknown engine {engine}")
secs = time.perf_counter() - start
with open(out, "w") as f:
    f.write("source,target,period,quad,events,goldstein_tenths\n")
    for r in rows:
        f.write(",".join(str(x) for x in r) + "\n")
print(f"{engine} {secs:.3f}")
