#!/usr/bin/env python3
"""The same aggregations computed by DuckDB, for the events tests (tests/shared.rs).

GDELT: directed dyad (Actor1CountryCode -> Actor2CountryCode) x month of SQLDATE x QuadClass: event
counts and Goldstein sums in tenths (DECIMAL arithmetic, exact). ICEWS: counts by source country,
target country, month of the event date and CAMEO root, the country names mapped to ISO alpha-3
codes here, independently of entente: by the `country.name.en.regex` patterns of the countrycode
codelist (Arel-Bundock, Enevoldsen & Yetman 2018, the patterns R's countrycode() matches names with),
case-insensitively; a name matching no pattern or several is an error. Every column is read as text,
so CAMEO codes keep their leading zeros. Prints JSON: {"gdelt": [[a, b, month, quad, count, tenths],
...], "icews": [[source, target, month, root, count], ...]}, with "" for ICEWS's "NA".
"""
import csv
import json
import re
import sys

import duckdb

gdelt, icews, codelist = sys.argv[1], sys.argv[2], sys.argv[3]
with open(codelist, encoding="utf-8", newline="") as f:
    patterns = [
        (re.compile(r["country.name.en.regex"], re.IGNORECASE), r["iso3c"])
        for r in csv.DictReader(f)
        if r["country.name.en.regex"] and r["iso3c"]
    ]


def iso3(name):
    if name is None or name == "NA":
        return ""
    found = {code for pattern, code in patterns if pattern.search(name)}
    if len(found) != 1:
        sys.exit(f"{name!r} matches {sorted(found)} in the codelist's regexes")
    return found.pop()


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
icews_rows = [[iso3(s), iso3(t), month, root, n] for s, t, month, root, n in i]
print(json.dumps({"gdelt": [list(r) for r in g], "icews": icews_rows}))
