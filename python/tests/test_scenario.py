"""Scenarios from Python: the bundled one, a user's (with every error at file:line:column),
overlays, actors and agreements — compared with what the `entente` binary says."""

import shutil
from pathlib import Path

import pytest

import entente

from conftest import REPO, cli_json


def test_the_bundled_scenario_is_the_cli_s(cli):
    s = entente.Scenario.bundled()
    summary = cli_json(cli, "check")
    counts = dict(summary["counts"])
    assert s.id == summary["scenario"] == "indo-pacific-2025"
    assert s.overlays == summary["overlays"]
    actors = s.actors().to_pandas()
    assert len(actors) == counts["actor"]
    assert {"RUS", "PRK", "JPN", "KOR", "USA"} <= set(actors["id"])


def test_a_scenario_loads_from_its_folder():
    s = entente.Scenario.load(REPO / "scenarios" / "indo-pacific-2025")
    b = entente.Scenario.bundled()
    assert s.actors().to_arrow().equals(b.actors().to_arrow())


def test_every_error_is_raised_at_its_file_line_and_column(tmp_path):
    d = tmp_path / "bad"
    shutil.copytree(REPO / "scenarios" / "indo-pacific-2025", d)
    f = d / "agreements.toml"
    text = f.read_text()
    # Two faults in one file: a provision kind that does not exist and a member nobody defines.
    bad = text.replace('kind = "defence"', 'kind = "defense-ish"', 1)
    assert bad != text
    bad = bad.replace('members = ["RUS", "PRK"]', 'members = ["RUS", "XXX"]', 1)
    f.write_text(bad)
    with pytest.raises(entente.ScenarioError) as e:
        entente.Scenario.load(d)
    msg = str(e.value)
    errors = [x for x in e.value.diagnostics if x[3] == "error"]
    assert len(errors) >= 2, msg
    for file, line, col, _, _ in errors:
        assert file.endswith(".toml") and line > 0 and col > 0
        assert f"{file}:{line}:{col}" in msg
    assert any(Path(x[0]).name == "agreements.toml" for x in errors)
    assert "defense-ish" in msg
    assert isinstance(e.value, entente.EntenteError)


def test_a_missing_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(entente.EntenteError, match="nowhere"):
        entente.Scenario.load(tmp_path / "nowhere")


def test_overlays_change_the_agreements():
    s = entente.Scenario.bundled()
    before = s.agreements(between=("RUS", "PRK")).to_pandas()
    after = s.with_overlay("without-2024-treaty").agreements(between=("Russia", "DPRK")).to_pandas()
    assert "rus-prk-2024" in set(before["agreement"])
    assert "rus-prk-2024" not in set(after["agreement"])
    with pytest.raises(entente.EntenteError, match="without-2024-treaty"):
        s.with_overlay("no-such-overlay")


def test_agreements_match_the_cli(cli):
    s = entente.Scenario.bundled()
    ours = s.agreements(provision="defence", date="2025-01-01").to_pandas()
    theirs = cli_json(cli, "agreements", "--provision", "defence", "--date", "2025-01-01")
    assert sorted(set(ours["agreement"])) == sorted({m["agreement"]["id"] for m in theirs})
    with pytest.raises(entente.EntenteError, match="not a provision kind"):
        s.agreements(provision="alliance-ish")
    with pytest.raises(entente.EntenteError, match="unknown actor"):
        s.agreements(between=("RUS", "Atlantis"))
