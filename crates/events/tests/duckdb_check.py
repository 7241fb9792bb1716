#!/usr/bin/env python3
"""The same aggregations computed by DuckDB, for the events tests (tests/shared.rs).

GDELT: directed dyad (Actor1CountryCode -> Actor2CountryCode) x month of SQLDATE x QuadClass: event
counts and Goldstein sums in tenths (DECIMAL arithmetic, exact). ICEWS: counts by source country,
target country (names), month of the event date and CAMEO root. Every column is read as text, so CAMEO
codes keep their leading zeros. Prints JSON: {"gdelt": [[a, b, month, quad, count, tenths], ...],
"icews": [[source, target, month, root, count], ...]}.
"""
import json
import sys

import duckdb

gdelt, icews = sys.argv[1], sys.argv[2]
con = duckdb.connect()
g = con.execute(f"""
    SELECT column07 AS a, column17 AS b, CAST(column01 AS INTEGER) // 100 AS month,
           CAST(column29 AS INTEGER) AS quad, COUNT(*) AS n,
           CAST(SUM(CAST(column30 AS DECIMAL(6,1))) * 10 AS BIGINT) AS tenths
    FROM read_csv('{gdelt}', delim='\t', header=false, all_varchar=true, quote='', escape='')
    WHERE column07 IS NOT NULL AND column17 IS NOT NULL
    GROUP BY ALL ORDER BY ALL
""").fetchall()
i = con.execute(f"""
    SELECT "Source Country" AS s, "Target Country" AS t,
           CAST(replace(substr("Event Date", 1, 7), '-', '') AS INTEGER) AS month,
           CAST(substr("CAMEO Code", 1, 2) AS INTEGER) AS root, COUNT(*) AS n
    FROM read_csv('{icews}', delim='\t', header=true, all_varchar=true, quote='', escape='')
    GROUP BY ALL ORDER BY ALL
""").fetchall()
print(json.dumps({"gdelt": [list(r) for r in g], "icews": [list(r) for r in i]}))
