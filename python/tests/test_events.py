"""Event aggregates and the event store from Python equal the `entente` binary's results."""

import csv

import pyarrow.parquet as pq
import pytest

import entente

from conftest import run_cli


def rows(agg):
    return sorted(tuple(r.values()) for r in agg.to_arrow().to_pylist())


@pytest.mark.parametrize("by", ["day", "week", "month", "quarter", "year"])
def test_the_aggregate_equals_the_cli_s(cli, gdelt, tmp_path, by):
    out = tmp_path / "agg.csv"
    run_cli(cli, "events", "aggregate", str(gdelt), "--by", by, "--out", str(out))
    with open(out) as f:
        theirs = sorted(
            (r["source"], r["target"], int(r["period"]), int(r["quad"]), int(r["events"]), int(r["goldstein_tenths"]))
            for r in csv.DictReader(f)
        )
    agg = entente.events.aggregate([gdelt], by=by)
    assert rows(agg) == theirs
    assert agg.rows == agg.grouped + agg.without_dyad + agg.rejected
    assert agg.grouped == sum(r[4] for r in theirs)


def test_rejected_rows_are_counted_named_and_written(gdelt, tmp_path):
    lines = gdelt.read_bytes().splitlines(keepends=True)
    bad = tmp_path / "bad.export.CSV"
    broken = lines[1].replace(b"\t", b"\tx", 1)  # SQLDATE no longer a date
    bad.write_bytes(b"".join([lines[0], broken, b"just\tthree\tcolumns\n", *lines[2:10]]))
    rejects = tmp_path / "rejects.csv"
    agg = entente.events.aggregate([bad], rejects_path=rejects)
    assert agg.rejected == 2 and agg.rows == 11
    assert [(line, "SQLDATE" in why or "date" in why.lower()) for _, line, why in agg.rejects][0] == (2, True)
    assert agg.rejects[1][1] == 3 and "columns" in agg.rejects[1][2]
    with open(rejects) as f:
        assert [int(r["line"]) for r in csv.DictReader(f)] == [2, 3]


def test_errors_name_what_to_give(tmp_path, icews):
    with pytest.raises(entente.EntenteError, match="no GDELT"):
        entente.events.aggregate([tmp_path])
    with pytest.raises(entente.EntenteError, match="by=fortnight"):
        entente.events.aggregate([tmp_path], by="fortnight")
    with pytest.raises(entente.EntenteError, match="data_dir"):
        entente.events.Store(tmp_path / "s").ingest([icews])


def test_the_store_holds_gdelt_and_icews_as_the_cli_ingests_them(cli, data, gdelt, icews, tmp_path):
    ours = entente.events.Store(tmp_path / "ours")
    report = ours.ingest([gdelt, icews], data_dir=data)
    assert report["files_ingested"] == 2
    assert report["rows_read"] == report["rows_accepted"] + report["rows_rejected"]
    assert ours.ingest([gdelt, icews], data_dir=data)["files_ingested"] == 0  # incremental
    run_cli(cli, "--data", str(data), "events", "ingest", str(gdelt), str(icews), "--store", str(tmp_path / "theirs"))
    theirs = pq.read_table(tmp_path / "theirs", partitioning="hive").drop_columns(["source_file", "month"])
    mine = ours.events().to_arrow()
    key = [(c, "ascending") for c in mine.column_names]
    assert mine.sort_by(key).equals(theirs.select(mine.column_names).sort_by(key))


def test_a_stored_gdelt_file_aggregates_as_the_file_does(gdelt, tmp_path):
    store = entente.events.Store(tmp_path / "s")
    store.ingest([gdelt])
    for by in ("week", "month"):
        assert rows(store.aggregate(by)) == rows(entente.events.aggregate([gdelt], by=by))


def test_a_dyad_series_counts_the_dyad_s_events(data, icews, tmp_path):
    store = entente.events.Store(tmp_path / "s")
    store.ingest([icews], data_dir=data)
    ev = store.events(dyad=("RUS", "UKR")).to_pandas()
    s = store.series("RUS", "UKR", by="month").to_pandas()
    assert len(ev) > 0 and s["events"].sum() == len(ev)
    assert (s["period_volume"] >= s["events"]).all()
    assert s["goldstein_tenths"].sum() == ev["goldstein_tenths"].sum()
