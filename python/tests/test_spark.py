"""The Spark path equals entente, row for row after sorting: the GDELT aggregate on the shared
file, on a generated larger one and on rows broken every way the validator knows; the store
aggregate on GDELT and ICEWS as entente ingested them; and the Monte Carlo sweep, which gives the
odds of the same crises run one by one, whatever its partitioning."""

import itertools

import pytest

import entente

from conftest import run_cli



def entente_rows(agg):
    return sorted(tuple(r.values()) for r in agg.to_arrow().to_pylist())


def spark_rows(df):
    return sorted(tuple(r) for r in df.collect())


# Each mutation sets one field (by GDELT column index) of a real row, or reshapes the line; the
# expected verdict is left to entente itself — the test is that Spark agrees with it.
FIELD_VALUES = {
    1: ["20180231", "18991231", "21010101", "2018013", "201801011", "abc", "", " 20180101 "],
    26: ["0", "12345", "2a", "000", "210", "01", " 042 ", "0421"],
    28: ["", "5", "01", "1", "x"],
    29: ["", "5", "12", " 3 ", "0", "4"],
    30: ["1.25", "1.50", "+3", "-.5", ".", "-", "", "10.0", "10.1", "-10", " 2.0 ", "1e1",
         "00000000001.0", "1..0", "-0.0", "5.", "+-1", "٣"],
    7: ["", "US", "USAA", "U1A", "usa", "ÉTA"],
    17: ["", "RU", "RUSS", "r_s", "rus"],
}


def broken_lines(lines):
    out = []
    # Rows with both countries, so that a field's fault is all that keeps them from a group.
    dyads = [x for x in lines if (f := x.split(b"\t")) and len(f) > 17 and f[7] and f[17]]
    base = itertools.cycle(dyads[:200])
    for i, values in FIELD_VALUES.items():
        for v in values:
            f = next(base).rstrip(b"\n").split(b"\t")
            f[i] = v.encode()
            out.append(b"\t".join(f) + b"\n")
    f = next(base).rstrip(b"\n").split(b"\t")
    out.append(b"\t".join(f + [b"extra", b"columns"]) + b"\n")  # 60 columns
    out.append(b"\t".join(f[:-1]) + b"\n")  # one short
    out.append(b"\t".join(f[:57]) + b"\n")  # 57: GDELT 1.0's width
    out.append(next(base).rstrip(b"\n") + b"\r\n")  # CRLF
    out.append(b"\n")
    out.append(b"\r\n")
    out.append(b"not\ta\tgdelt\trow\n")
    return out


@pytest.fixture(scope="module")
def gdelt_files(cli, gdelt, tmp_path_factory):
    d = tmp_path_factory.mktemp("gdelt")
    lines = gdelt.read_bytes().splitlines(keepends=True)
    broken = d / "broken.export.CSV"
    broken.write_bytes(b"".join(broken_lines(lines)))
    big = d / "generated.export.CSV"
    run_cli(cli, "events", "generate", "--from", str(gdelt), "--size", "24M", "--seed", "5", "--out", str(big))
    return {"shared": gdelt, "broken": broken, "generated": big}


@pytest.mark.parametrize("which", ["shared", "broken", "generated"])
def test_the_spark_aggregate_of_gdelt_files_equals_entente_s(spark, gdelt_files, which):
    from entente import spark as jobs

    f = gdelt_files[which]
    for by in (("day", "week", "month", "quarter", "year") if which != "generated" else ("week", "month")):
        groups, counts = jobs.aggregate_gdelt(spark, [str(f)], by)
        ours = entente.events.aggregate([f], by=by)
        assert counts == {"rows": ours.rows, "rejected": ours.rejected, "without_dyad": ours.without_dyad}, by
        assert spark_rows(groups) == entente_rows(ours), by
        if which == "broken":
            assert ours.rejected > 30 and ours.grouped > 10


def test_the_spark_aggregate_of_a_store_equals_entente_s(spark, data, gdelt, icews, tmp_path):
    from entente import spark as jobs

    store = entente.events.Store(tmp_path / "store")
    store.ingest([gdelt, icews], data_dir=data)
    for by in ("day", "week", "month", "quarter", "year"):
        assert spark_rows(jobs.aggregate_store(spark, str(tmp_path / "store"), by)) == entente_rows(store.aggregate(by)), by


CRISES = [
    {"attacker": "PRK", "target": "KOR", "at": "korean-peninsula"},
    {"attacker": "CHN", "target": "JPN", "at": "senkaku"},
    {"attacker": "CHN", "target": "TWN", "at": "taiwan-strait"},
]
ASSUMPTIONS = [
    {},
    {"prior": "flat", "honour": {"rus-prk-2024": 0.9}, "correlation": "state", "rho": 0.4},
    {"overlays": ["without-2024-treaty"]},
]


def test_the_sweep_gives_the_odds_of_each_crisis_run_alone_whatever_the_partitioning(spark):
    from entente import spark as jobs

    trials, seed = 4_000, 9
    one = spark_rows(jobs.sweep(spark, CRISES, ASSUMPTIONS, trials=trials, seed=seed, partitions=1))
    three = spark_rows(jobs.sweep(spark, CRISES, ASSUMPTIONS, trials=trials, seed=seed, partitions=4))
    assert one == three
    s = entente.Scenario.bundled()
    alone = []
    for i, c in enumerate(CRISES):
        for j, a in enumerate(ASSUMPTIONS):
            t = {"crisis": i, "assumption": j, "seed": entente.derive_seed(seed, i, j), **c, "assume": a}
            alone.extend(jobs.run_task(s, t, trials))
    assert one == sorted(alone)
    assert {(r[0], r[1]) for r in one} == {(i, j) for i in range(3) for j in range(3)}
    # The assumptions matter: without the 2024 treaty Russia has no obligation to the DPRK.
    rus = {(r[0], r[1]): r[4] for r in one if r[3] == "RUS"}
    assert rus.get((0, 2), 0.0) == 0.0


# ICEWS columns by index in the shared file's header: 1 Event Date, 4 Source Country, 6 CAMEO Code,
# 7 Intensity, 10 Target Country.
ICEWS_VALUES = {
    1: ["2018-02-31", "2018-13-01", "2018-1-01", "18-01-01", "+201-01-01", "2018/01/01", "", " 2018-06-01 ",
        "2018-06-01-01", "２０１８-06-01"],
    6: ["0", "12345", "2a", "000", "210", "01", " 042 ", "0421"],
    7: ["1.25", "1.50", "+3", "-.5", ".", "-", "", "10.0", "-10", " 2.0 ", "1e1", "999999999.0", "214748364.8",
        "214748364.7", "-7.00"],
    4: ["", "NA", "Atlantis", "russian federation", " Japan ", "RUSSIAN FEDERATION", "Korea, Republic of"],
    10: ["", "NA", "Narnia", "north korea", "China"],
}


def broken_icews(lines):
    header, rows = lines[0], lines[1:]
    out = [header]
    base = itertools.cycle(rows[:300])
    for i, values in ICEWS_VALUES.items():
        for v in values:
            f = next(base).rstrip(b"\n").split(b"\t")
            f[i] = v.encode()
            out.append(b"\t".join(f) + b"\n")
    f = next(base).rstrip(b"\n").split(b"\t")
    out.append(b"\t".join(f + [b"extra"]) + b"\n")
    out.append(b"\t".join(f[:-1]) + b"\n")
    out.append(next(base).rstrip(b"\n") + b"\r\n")
    out.append(next(base).rstrip(b"\n") + b"\r\r\n")
    out.append(b"\n")
    bad = next(base).rstrip(b"\n").split(b"\t")
    bad[2] = b"Caf\xe9 (latin-1)"  # not UTF-8
    out.append(b"\t".join(bad) + b"\n")
    out.extend(rows[300:400])
    return out


@pytest.mark.parametrize("which", ["shared", "broken"])
def test_the_spark_aggregate_of_icews_files_equals_entente_s(spark, data, icews, tmp_path, which):
    from entente import spark as jobs

    f = icews
    if which == "broken":
        f = tmp_path / "broken.tab"
        f.write_bytes(b"".join(broken_icews(icews.read_bytes().splitlines(keepends=True))))
    store = entente.events.Store(tmp_path / "store")
    report = store.ingest([f], data_dir=data)
    countries = entente.events.icews_countries(data)
    for by in ("day", "week", "month", "year"):
        ours = store.aggregate(by)
        groups, counts = jobs.aggregate_icews(spark, [str(f)], countries, by)
        assert counts == {
            "rows": report["rows_read"],
            "rejected": report["rows_rejected"],
            "without_dyad": ours.without_dyad,
        }, by
        assert spark_rows(groups) == entente_rows(ours), by
    if which == "broken":
        assert report["rows_rejected"] > 20 and ours.grouped > 50
