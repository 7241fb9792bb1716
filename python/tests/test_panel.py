"""A panel reaches Python as the Arrow batches `entente panel` writes to Parquet: the same
columns, types and values, read back from the CLI's file by pyarrow."""

import warnings

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import entente

from conftest import run_cli


@pytest.mark.parametrize(
    "unit,directed,with_",
    [
        ("dyad-year", True, ["atop", "cow", "nmc", "mid", "contiguity"]),
        ("dyad-year", False, ["atop", "similarity"]),
        ("state-year", False, ["nmc", "majors"]),
    ],
)
def test_the_panel_equals_the_cli_s_parquet(cli, data, tmp_path, unit, directed, with_):
    out = tmp_path / "panel.parquet"
    args = ["--data", str(data), "panel", unit, "--from", "1900", "--to", "1950", "--with", ",".join(with_), "--out", str(out)]
    if directed:
        args.insert(4, "--directed")
    run_cli(cli, *args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", entente.EntenteWarning)
        ours = entente.panel(data, unit=unit, directed=directed, years=(1900, 1950), with_=with_)
    theirs = pq.read_table(out)
    assert ours.schema == theirs.schema
    assert ours.num_rows == theirs.num_rows > 0
    assert ours.equals(theirs)


def test_a_panel_reaches_pandas_without_a_copy_of_its_numbers(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", entente.EntenteWarning)
        before = pa.total_allocated_bytes()
        t = entente.panel(data, years=(1914, 1914), with_=["atop"])
        assert pa.total_allocated_bytes() == before
    df = t.to_pandas()
    # 1914: Germany (255) and Austria-Hungary (300) had a defence pact (ATOP 1815-2018).
    row = df[(df.ccode1 == 255) & (df.ccode2 == 300)]
    assert len(row) == 1 and row.iloc[0]["atop_defense"] == 1


def test_bad_panel_arguments_are_errors(data, tmp_path):
    with pytest.raises(entente.EntenteError, match="use any of"):
        entente.panel(data, with_=["atop", "gdp"])
    with pytest.raises(entente.EntenteError, match="first is after the last"):
        entente.panel(data, years=(2000, 1990))
    with pytest.raises(entente.EntenteError, match="dyad-year measure"):
        entente.panel(data, unit="state-year", with_=["similarity"])
    with pytest.raises(entente.EntenteError, match="not a folder"):
        entente.panel(tmp_path / "nowhere")
