"""entente on Spark: the every-dyad event aggregate and a distributed Monte Carlo sweep.

Spark is the engine here, not entente: these are PySpark jobs that compute what
``entente events aggregate`` and ``Scenario.cascade`` compute, for data or sweeps larger than one
machine. The tests (``python/tests/test_spark.py``) hold them equal to entente's own results, row
for row.

- :func:`aggregate_gdelt` reads raw GDELT exports and applies entente's row validation
  (``entente_events::gdelt::validate``) as Spark SQL expressions: 57, 58 or 61 columns; SQLDATE a
  YYYYMMDD date with year 1900–2100, month 1–12, day 1–31; EventCode two to four digits whose root
  is a CAMEO root (1–20); EventRootCode empty or that root; QuadClass empty (then the root's) or
  1–4; GoldsteinScale a number with at most one decimal (trailing zeros aside), from −10 to 10,
  kept exactly in tenths; both country codes empty or three ASCII letters. Lines split at ``\\n``
  only, with one trailing ``\\r`` removed, as entente reads them. A row with both countries is
  grouped; with one missing it counts as ``without_dyad``; an invalid row is ``rejected``.
- :func:`aggregate_icews` reads raw ICEWS ``.tab`` files with entente's ICEWS rules
  (``entente_events::icews::read``) and its country mapping.
- :func:`aggregate_store` reads an entente event store (hive-partitioned Parquet, as written by
  ``entente events ingest`` or ``entente.events.Store.ingest``) — GDELT and ICEWS alike.
- :func:`sweep` runs many crises × honouring assumptions, one Spark task per pair, each calling
  the Python bindings with a seed derived from the pair's indices (:func:`entente.derive_seed`), so
  the odds do not depend on how the tasks are partitioned.

Run as a job: ``spark-submit entente/spark.py aggregate PATHS... --by month --out OUT`` or
``spark-submit entente/spark.py sweep --crises crises.json --out OUT`` (docs/scale-out.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Dict, Iterable, Iterator, List, Optional, Sequence

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

PERIODS = ("day", "week", "month", "quarter", "year")

# Java regular expressions; \z is the very end of the input (`$` would also match before a final
# line terminator such as U+2028, which entente's byte checks do not allow).
_WS = r"[ \t\n\f\r]"  # Rust's is_ascii_whitespace: what entente trims from each field
_DIGITS_1_9 = r"^[0-9]{1,9}\z"
_GOLDSTEIN = r"^([+-]?)([0-9]{0,9})(\.([0-9]*))?\z"


def _trim(c: Column) -> Column:
    return F.regexp_replace(c, rf"^{_WS}+|{_WS}+\z", "")


def period_key(date: Column, by: str) -> Column:
    """The period of a YYYYMMDD date as entente keys it (``Period::key``): YYYYMMDD for day and
    for week (the week's Monday), YYYYMM for month, YYYYQ for quarter, YYYY for year; an
    impossible day such as 20240231 (the validator lets it through) is keyed as entente keys it."""
    d = date.cast("long")
    if by == "day":
        return d
    if by == "month":
        return F.floor(d / 100)
    if by == "year":
        return F.floor(d / 10000)
    if by == "quarter":
        return F.floor(d / 10000) * 10 + F.floor((F.floor(d / 100) % 100 - 1) / 3) + 1
    if by == "week":
        # entente's days_from_civil is linear in the day, so an impossible day (the 31st of
        # February passes the validator) lands where day-of-month arithmetic from the 1st puts it:
        # first of the month + (day − 1), then back to that week's Monday.
        first = F.make_date(F.floor(d / 10000), F.floor(d / 100) % 100, F.lit(1))
        day = F.date_add(first, (d % 100 - 1).cast("int"))
        monday = F.date_sub(day, F.pmod(F.dayofweek(day) + 5, F.lit(7)).cast("int"))
        return (F.year(monday) * 10000 + F.month(monday) * 100 + F.dayofmonth(monday)).cast("long")
    raise ValueError(f"by={by}: use one of {', '.join(PERIODS)}")


def _root_quad(root: Column) -> Column:
    """``QuadClass::of_root``: 1–5 verbal cooperation, 6–9 material cooperation, 10–14 verbal
    conflict, 15–20 material conflict."""
    return (
        F.when(root.between(1, 5), 1)
        .when(root.between(6, 9), 2)
        .when(root.between(10, 14), 3)
        .when(root.between(15, 20), 4)
    )


def validated_gdelt(spark: SparkSession, paths: Sequence[str]) -> DataFrame:
    """Every non-empty line of GDELT export files with entente's verdict: ``ok`` (the row is
    accepted), and for accepted rows ``date``, ``source``, ``target``, ``quad`` and
    ``goldstein_tenths`` (a long, exact)."""
    lines = spark.read.option("lineSep", "\n").text(list(paths))
    v = F.regexp_replace(F.col("value"), "\r\\z", "")
    df = lines.select(v.alias("line")).where(F.col("line") != "")
    f = F.split(F.col("line"), "\t", -1)

    def field(i: int) -> Column:
        return F.coalesce(_trim(F.try_element_at(f, F.lit(i + 1))), F.lit(""))

    df = df.select(
        F.size(f).alias("n"),
        field(1).alias("sqldate"),
        field(7).alias("c1"),
        field(17).alias("c2"),
        field(26).alias("code"),
        field(28).alias("stated"),
        field(29).alias("quadtext"),
        field(30).alias("gold"),
    )
    date_ok = F.col("sqldate").rlike(_DIGITS_1_9)
    d = F.when(date_ok, F.col("sqldate").try_cast("long"))
    date_ok = (
        date_ok
        & F.floor(d / 10000).between(1900, 2100)
        & (F.floor(d / 100) % 100).between(1, 12)
        & (d % 100).between(1, 31)
    )
    code_ok = F.col("code").rlike(r"^[0-9]{2,4}\z")
    root = F.when(code_ok, F.substring("code", 1, 2).try_cast("int"))
    derived = _root_quad(root)
    stated_ok = (F.col("stated") == "") | (
        F.col("stated").rlike(_DIGITS_1_9)
        & (F.col("stated").try_cast("long") == root)
    )
    quad_ok = (F.col("quadtext") == "") | F.col("quadtext").rlike(r"^[1-4]\z")
    quad = F.when(F.col("quadtext") == "", derived).otherwise(
        F.when(F.col("quadtext").rlike(r"^[1-4]\z"), F.col("quadtext").try_cast("int"))
    )
    g = F.col("gold")
    g_match = g.rlike(_GOLDSTEIN)
    sign = F.regexp_extract(g, _GOLDSTEIN, 1)
    whole = F.regexp_extract(g, _GOLDSTEIN, 2)
    raw_frac = F.regexp_extract(g, _GOLDSTEIN, 4)
    frac = F.regexp_replace(raw_frac, "0+\\z", "")
    # As tenths_ascii: an integer part and a fraction may each be empty, not both.
    g_ok = g_match & ~((whole == "") & (raw_frac == "")) & (F.length(frac) <= 1)
    magnitude = F.when(whole == "", F.lit(0)).otherwise(whole.try_cast("long")) * 10 + F.when(
        frac == "", F.lit(0)
    ).otherwise(frac.try_cast("long"))
    tenths = F.when(sign == "-", -magnitude).otherwise(magnitude)
    g_ok = g_ok & tenths.between(-100, 100)
    country = lambda c: (F.col(c) == "") | F.col(c).rlike(r"^[A-Za-z]{3}\z")  # noqa: E731
    ok = (
        F.col("n").isin(57, 58, 61)
        & date_ok
        & code_ok
        & derived.isNotNull()
        & stated_ok
        & quad_ok
        & g_ok
        & country("c1")
        & country("c2")
    )
    return df.select(
        F.coalesce(ok, F.lit(False)).alias("ok"),
        d.alias("date"),
        F.col("c1").alias("source"),
        F.col("c2").alias("target"),
        quad.alias("quad"),
        tenths.alias("goldstein_tenths"),
    )


ICEWS_COLUMNS = ("Event Date", "Source Country", "CAMEO Code", "Intensity", "Target Country", "Source Name")
# Rust's str::trim removes Unicode White_Space; (?U) gives Java's \s the same property.
_UTRIM = r"(?U)^\s+|\s+\z"


def _icews_header(spark: SparkSession, path: str):
    """A file's header line (its first, as entente reads it) and its column names."""
    first = spark.read.option("lineSep", "\n").text(path).first()
    if first is None:
        raise ValueError(f"{path}: empty; is this an ICEWS events file?")
    text = first["value"].rstrip("\r")
    cols = [c.strip() for c in text.split("\t")]
    for c in ICEWS_COLUMNS:
        if c not in cols:
            raise ValueError(f"{path}: no column `{c}`; is this an ICEWS events file?")
    return text, cols


def validated_icews(spark: SparkSession, paths: Sequence[str], countries: Dict[str, str]) -> DataFrame:
    """Every line after the header of ICEWS ``.tab`` files with entente's verdict
    (``entente_events::icews::read``): the row has the header's number of tab-separated columns;
    ``Event Date`` is ``YYYY-MM-DD`` (month 1–12, day 1–31); ``CAMEO Code`` two to four digits with
    a CAMEO root; ``Intensity`` a number with at most one decimal. QuadClass is the root's (ICEWS has
    no column for it). Country names map through ``countries`` (from
    :func:`entente.events.icews_countries`: the crosswalk and ICEWS's spellings), ``NA`` and empty
    are no country, and an unmapped name leaves the code empty. A row that is not valid UTF-8 is
    rejected (here: a row holding U+FFFD, the replacement Spark decodes it to)."""
    frames = []
    for p in paths:
        header_text, cols = _icews_header(spark, p)
        idx = {c: i for i, c in enumerate(cols)}
        lines = spark.read.option("lineSep", "\n").text(p)
        v = F.regexp_replace(F.col("value"), r"\r+\z", "")
        # The header is each file's first line; a data row can only equal it by being the header
        # text again, which entente would reject — a difference stated in docs/scale-out.md.
        df = lines.select(v.alias("line")).where((F.col("line") != "") & (F.col("line") != F.lit(header_text)))
        f = F.split(F.col("line"), "\t", -1)

        def get(name: str) -> Column:
            return F.regexp_replace(F.coalesce(F.try_element_at(f, F.lit(idx[name] + 1)), F.lit("")), _UTRIM, "")

        frames.append(
            df.select(
                (F.size(f) == len(cols)).alias("width_ok"),
                F.col("line").contains("\ufffd").alias("not_utf8"),
                get("Event Date").alias("ed"),
                get("CAMEO Code").alias("code"),
                get("Intensity").alias("gold"),
                get("Source Country").alias("sc"),
                get("Target Country").alias("tc"),
            )
        )
    df = frames[0]
    for other in frames[1:]:
        df = df.unionByName(other)
    # "+202-01-01" is a date to Rust's u32 parse of "+2020101" (a leading plus is allowed).
    date_re = r"^(\+[0-9]{3}|[0-9]{4})-([0-9]{2})-([0-9]{2})\z"
    date_ok = F.col("ed").rlike(date_re)
    digits = F.concat(
        F.regexp_extract("ed", date_re, 1), F.regexp_extract("ed", date_re, 2), F.regexp_extract("ed", date_re, 3)
    )
    d = F.when(date_ok, F.regexp_replace(digits, "^\\+", "").try_cast("long"))
    date_ok = date_ok & (F.floor(d / 100) % 100).between(1, 12) & (d % 100).between(1, 31)
    code_ok = F.col("code").rlike(r"^[0-9]{2,4}\z")
    root = F.when(code_ok, F.substring("code", 1, 2).try_cast("int"))
    quad = _root_quad(root)
    g = F.col("gold")
    whole = F.regexp_extract(g, _GOLDSTEIN, 2)
    raw_frac = F.regexp_extract(g, _GOLDSTEIN, 4)
    frac = F.regexp_replace(raw_frac, "0+\\z", "")
    g_ok = g.rlike(_GOLDSTEIN) & ~((whole == "") & (raw_frac == "")) & (F.length(frac) <= 1)
    magnitude = F.when(whole == "", F.lit(0)).otherwise(whole.try_cast("long")) * 10 + F.when(
        frac == "", F.lit(0)
    ).otherwise(frac.try_cast("long"))
    g_ok = g_ok & (magnitude <= 2147483647)  # tenths_ascii works in i32
    tenths = F.when(F.regexp_extract(g, _GOLDSTEIN, 1) == "-", -magnitude).otherwise(magnitude)
    names = F.create_map(*[F.lit(x) for kv in sorted(countries.items()) for x in kv])

    def country(c: str) -> Column:
        return F.when(
            (F.col(c) == "") | (F.col(c) == "NA"), F.lit("")
        ).otherwise(F.coalesce(F.try_element_at(names, F.lower(F.col(c))), F.lit("")))

    ok = F.col("width_ok") & ~F.col("not_utf8") & date_ok & code_ok & quad.isNotNull() & g_ok
    return df.select(
        F.coalesce(ok, F.lit(False)).alias("ok"),
        d.alias("date"),
        country("sc").alias("source"),
        country("tc").alias("target"),
        quad.alias("quad"),
        tenths.alias("goldstein_tenths"),
    )


def aggregate_icews(spark: SparkSession, paths: Sequence[str], countries: Dict[str, str], by: str = "month"):
    """The aggregate of raw ICEWS ``.tab`` files: ``(groups, counts)`` as :func:`aggregate_gdelt`
    gives, from :func:`validated_icews`'s rows — the groups ``entente.events.Store`` gives after
    ingesting the same files with the same crosswalk."""
    return _aggregate(validated_icews(spark, paths, countries), by)


def _group(df: DataFrame, by: str) -> DataFrame:
    """Directed dyad × period × QuadClass: events and the Goldstein sum in tenths."""
    return df.groupBy(
        F.col("source"),
        F.col("target"),
        period_key(F.col("date"), by).alias("period"),
        F.col("quad"),
    ).agg(F.count(F.lit(1)).alias("events"), F.sum("goldstein_tenths").alias("goldstein_tenths"))


def _aggregate(rows: DataFrame, by: str):
    if by not in PERIODS:
        raise ValueError(f"by={by}: use one of {', '.join(PERIODS)}")
    rows = rows.cache()
    # entente groups a row when both country codes are one to three bytes.
    code = lambda c: F.coalesce(F.octet_length(F.col(c)), F.lit(0)).between(1, 3)  # noqa: E731
    has_dyad = code("source") & code("target")
    counts = rows.agg(
        F.count(F.lit(1)).alias("rows"),
        F.sum(F.when(~F.col("ok"), 1).otherwise(0)).alias("rejected"),
        F.sum(F.when(F.col("ok") & ~has_dyad, 1).otherwise(0)).alias("without_dyad"),
    ).first()
    groups = _group(rows.where(F.col("ok") & has_dyad), by)
    return groups, {k: int(counts[k] or 0) for k in ("rows", "rejected", "without_dyad")}


def aggregate_gdelt(spark: SparkSession, paths: Sequence[str], by: str = "month"):
    """The aggregate of raw GDELT export files (plain text; unzip ``.zip`` exports first — Spark
    does not read zip archives): ``(groups, counts)`` with ``groups`` a DataFrame of ``source,
    target, period, quad, events, goldstein_tenths`` and ``counts`` a dict of ``rows``,
    ``rejected`` and ``without_dyad`` (``rows = grouped + without_dyad + rejected``)."""
    return _aggregate(validated_gdelt(spark, paths), by)


def aggregate_store(spark: SparkSession, store: str, by: str = "month") -> DataFrame:
    """The aggregate of an entente event store's events (GDELT and ICEWS as ingested): the groups
    ``entente.events.Store(store).aggregate(by)`` gives. Spark's partition discovery reads
    ``source_file=…/month=…/part.parquet`` and skips the store's ``_``-files."""
    if by not in PERIODS:
        raise ValueError(f"by={by}: use one of {', '.join(PERIODS)}")
    ev = spark.read.parquet(store)
    code = lambda c: F.coalesce(F.octet_length(F.col(c)), F.lit(0)).between(1, 3)  # noqa: E731
    return _group(
        ev.where(code("source_country") & code("target_country")).select(
            F.col("source_country").alias("source"),
            F.col("target_country").alias("target"),
            F.col("date"),
            F.col("quad_class").cast("int").alias("quad"),
            F.col("goldstein_tenths").cast("long").alias("goldstein_tenths"),
        ),
        by,
    )


SWEEP_SCHEMA = T.StructType(
    [
        T.StructField("crisis", T.IntegerType(), False),
        T.StructField("assumption", T.IntegerType(), False),
        T.StructField("seed", T.DecimalType(20, 0), False),
        T.StructField("actor", T.StringType(), False),
        T.StructField("p_aggressor", T.DoubleType(), False),
        T.StructField("p_defender", T.DoubleType(), False),
        T.StructField("p_out", T.DoubleType(), False),
    ]
)


def tasks(crises: Sequence[Dict], assumptions: Sequence[Dict], seed: int) -> List[Dict]:
    """The sweep's tasks: every crisis × every assumption, with its derived seed."""
    import entente

    return [
        {"crisis": i, "assumption": j, "seed": entente.derive_seed(seed, i, j), **c, "assume": a}
        for i, c in enumerate(crises)
        for j, a in enumerate(assumptions)
    ]


def run_task(scenario, t: Dict, trials: int) -> Iterator[tuple]:
    """One task: the crisis under the assumption, on one thread (the executor's cores are Spark's
    to share), rows of (crisis, assumption, seed, actor, odds)."""
    from decimal import Decimal

    a = t["assume"]
    s = scenario
    for o in a.get("overlays", []):
        s = s.with_overlay(o)
    r = s.cascade(
        t["attacker"],
        t["target"],
        at=t.get("at"),
        date=t.get("date"),
        trials=trials,
        seed=t["seed"],
        prior=a.get("prior", "by-type"),
        honour=a.get("honour"),
        correlation=a.get("correlation", "independent"),
        rho=a.get("rho", 0.5),
        threads=1,
    )
    odds = r.odds().to_arrow().to_pylist()
    for row in odds:
        yield (
            t["crisis"],
            t["assumption"],
            Decimal(t["seed"]),
            row["actor"],
            row["p_aggressor"],
            row["p_defender"],
            row["p_out"],
        )


def sweep(
    spark: SparkSession,
    crises: Sequence[Dict],
    assumptions: Sequence[Dict],
    trials: int = 100_000,
    seed: int = 1,
    scenario: Optional[str] = None,
    partitions: Optional[int] = None,
) -> DataFrame:
    """Monte Carlo odds for every crisis (``{"attacker", "target", "at", "date"}``) under every
    honouring assumption (``{"honour": {...}, "prior", "correlation", "rho", "overlays": [...]}``),
    one task per pair spread over ``partitions`` Spark partitions. Each partition loads the
    scenario once (``scenario``: a path every executor can read; ``None``: the bundled one) and
    runs its tasks with seeds from :func:`entente.derive_seed` (``seed``, crisis index, assumption
    index): the same odds whatever the partitioning, equal to running each task alone."""
    work = tasks(crises, assumptions, seed)
    n = partitions or spark.sparkContext.defaultParallelism

    def part(ts: Iterable[Dict]) -> Iterator[tuple]:
        import entente

        ts = list(ts)
        if not ts:
            return
        s = entente.Scenario.bundled() if scenario is None else entente.Scenario.load(scenario)
        for t in ts:
            yield from run_task(s, t, trials)

    rdd = spark.sparkContext.parallelize(work, max(1, min(n, len(work)))).mapPartitions(part)
    return spark.createDataFrame(rdd, SWEEP_SCHEMA)


def _main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="entente.spark", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="job", required=True)
    a = sub.add_parser("aggregate", help="every directed dyad × period × QuadClass")
    a.add_argument("paths", nargs="+", help="GDELT export files or folders, or an entente store (--store)")
    a.add_argument("--store", action="store_true", help="the path is an entente event store")
    a.add_argument("--icews", metavar="DATA_DIR", help="the paths are ICEWS .tab files; DATA_DIR holds the crosswalk")
    a.add_argument("--by", default="month", choices=PERIODS)
    a.add_argument("--out", required=True, help="output folder (Parquet)")
    s = sub.add_parser("sweep", help="a distributed Monte Carlo sweep")
    s.add_argument("--crises", required=True, help="JSON file: a list of crises")
    s.add_argument("--assumptions", help="JSON file: a list of honouring assumptions (default: one, the priors)")
    s.add_argument("--trials", type=int, default=100_000)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--scenario", help="a scenario folder every executor can read (default: the bundled one)")
    s.add_argument("--partitions", type=int)
    s.add_argument("--out", required=True, help="output folder (Parquet)")
    args = p.parse_args(argv)
    spark = SparkSession.builder.appName(f"entente-{args.job}").getOrCreate()
    if args.job == "aggregate":
        if args.store:
            groups = aggregate_store(spark, args.paths[0], args.by)
        else:
            if args.icews:
                import entente

                groups, counts = aggregate_icews(
                    spark, args.paths, entente.events.icews_countries(args.icews), args.by
                )
            else:
                groups, counts = aggregate_gdelt(spark, args.paths, args.by)
            print(
                f"{counts['rows']} rows: {counts['rows'] - counts['rejected'] - counts['without_dyad']} grouped, "
                f"{counts['without_dyad']} without both countries, {counts['rejected']} rejected",
                file=sys.stderr,
            )
        groups.write.mode("overwrite").parquet(args.out)
    else:
        with open(args.crises) as f:
            crises = json.load(f)
        assumptions = [{}]
        if args.assumptions:
            with open(args.assumptions) as f:
                assumptions = json.load(f)
        sweep(spark, crises, assumptions, args.trials, args.seed, args.scenario, args.partitions).write.mode(
            "overwrite"
        ).parquet(args.out)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(_main())
