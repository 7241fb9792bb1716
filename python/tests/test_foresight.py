"""Structural balance and the forecasts from Python equal the `entente` binary's."""

import csv

import pytest

import entente

from conftest import cli_json


def test_balance_equals_the_cli_s(cli):
    b = entente.Scenario.bundled().balance()
    theirs = cli_json(cli, "alignment", "balance")["periods"][0]
    m = b.measures
    for k in ("nodes", "positive", "negative", "frustration_index", "frustration_lower_bound", "optimal", "camps", "frustrated"):
        assert m[k] == theirs[k], k
    assert m["walk_index"] == pytest.approx(theirs["walk_index"], rel=1e-12)
    ties = b.ties().to_pandas()
    assert len(ties) == m["positive"] + m["negative"]
    assert set(ties["sign"]) <= {1, -1}
    rus_prk = ties[((ties.a == "PRK") & (ties.b == "RUS")) | ((ties.a == "RUS") & (ties.b == "PRK"))]
    assert len(rus_prk) == 1 and rus_prk.iloc[0]["sign"] == 1 and "treaty" in rus_prk.iloc[0]["evidence"]


def test_balance_on_another_day_and_bad_sources(cli):
    s = entente.Scenario.bundled()
    before = s.balance(date="2024-01-01").measures
    theirs = cli_json(cli, "alignment", "balance", "--date", "2024-01-01")["periods"][0]
    assert before["positive"] == theirs["positive"] and before["camps"] == theirs["camps"]
    with pytest.raises(entente.EntenteError, match="sources are treaties, wars, mid and events"):
        s.balance(sources=["rumours"])


def test_the_expected_utility_model_equals_the_cli_s(cli, data):
    f = data / "oracles" / "bdm" / "ExampleActors.csv"
    with open(f) as fh:
        actors = [(r["Actor"], float(r["Capability"]), float(r["Position"]), float(r["Salience"])) for r in csv.DictReader(fh)]
    for rules in ("paper", "replication"):
        ours = entente.forecast.expected_utility(actors, rounds=4, rules=rules).to_pandas()
        theirs = cli_json(cli, "forecast", "eu", str(f), "--rounds", "4", "--rules", rules)
        for r in theirs["rounds"]:
            mine = ours[ours["round"] == r["round"]]
            assert list(mine["position"]) == r["positions"], (rules, r["round"])
            assert set(mine["median"]) == {r["median"]}
    with pytest.raises(entente.EntenteError, match="paper"):
        entente.forecast.expected_utility(actors, rules="optimistic")


def test_the_arms_race_fit_equals_the_cli_s(cli, data):
    theirs = cli_json(cli, "--data", str(data), "forecast", "arms-race", "USA", "RUS", "--from", "1950", "--to", "1990")
    race = theirs["race"]
    ours = entente.forecast.richardson_fit(race["years"], race["x"], race["y"])
    assert ours == race
    p = entente.forecast.richardson_projection(race["years"], race["x"], race["y"], ahead=5, seed=1).to_pandas()
    assert len(p) >= 5 and (p["x_p5"] <= p["x_p95"]).all()
    again = entente.forecast.richardson_projection(race["years"], race["x"], race["y"], ahead=5, seed=1).to_pandas()
    assert p.equals(again)
