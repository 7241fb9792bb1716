"""The cascade from Python equals the `entente cascade` binary's (same library, a different front
end: the arguments must be resolved the same way), is deterministic across threads, and reaches
pandas and polars as Arrow without a copy."""

import json
import subprocess

import pyarrow as pa
import pytest

import entente

from conftest import cli_json


def test_the_cascade_and_its_odds_equal_the_cli_s(cli):
    r = entente.Scenario.bundled().cascade("PRK", "KOR", at="korean-peninsula", trials=20_000, seed=7)
    theirs = cli_json(
        cli, "cascade", "--attacker", "PRK", "--target", "KOR", "--at", "korean-peninsula",
        "--trials", "20000", "--seed", "7",
    )
    ours = json.loads(r.to_json())
    assert ours["cascade"] == theirs["cascade"]
    assert ours["monte_carlo"]["actors"] == theirs["monte_carlo"]["actors"]
    odds = r.to_pandas().set_index("actor")
    for a in theirs["monte_carlo"]["actors"]:
        assert odds.loc[a["actor"], "p_defender"] == a["p_defender"]
        assert odds.loc[a["actor"], "p_aggressor"] == a["p_aggressor"]
    assert r.defending_side == theirs["cascade"]["defending_side"]


def test_assumptions_are_resolved_as_the_cli_resolves_them(cli):
    r = entente.Scenario.bundled().cascade(
        "CHN", "JPN", at="senkaku", trials=5_000, seed=3, prior="flat",
        honour={"CHN": 0.2}, correlation="state", rho=0.3,
    )
    theirs = cli_json(
        cli, "cascade", "--attacker", "CHN", "--target", "JPN", "--at", "senkaku", "--trials", "5000",
        "--seed", "3", "--prior", "flat", "--honour", "CHN=0.2", "--correlation", "state", "--rho", "0.3",
    )
    assert json.loads(r.to_json())["monte_carlo"]["actors"] == theirs["monte_carlo"]["actors"]


def test_a_move_in_a_recorded_war_runs_from_the_war_s_opening(cli):
    r = entente.Scenario.bundled().cascade("UKR", "RUS", at="kursk", trials=0)
    theirs = cli_json(cli, "cascade", "--attacker", "UKR", "--target", "RUS", "--at", "kursk", "--trials", "0")
    assert r.war is not None and r.war == theirs["in_war"]["war"]
    assert json.loads(r.to_json())["cascade"] == theirs["cascade"]


def test_the_same_seed_gives_the_same_odds_on_any_number_of_threads():
    s = entente.Scenario.bundled()
    one = s.cascade("PRK", "KOR", at="korean-peninsula", trials=50_000, seed=11, threads=1)
    two = s.cascade("PRK", "KOR", at="korean-peninsula", trials=50_000, seed=11, threads=2)
    assert one.to_arrow().equals(two.to_arrow())
    other = s.cascade("PRK", "KOR", at="korean-peninsula", trials=50_000, seed=12, threads=2)
    assert not one.to_arrow().equals(other.to_arrow())


def test_tables_reach_pyarrow_without_a_copy():
    r = entente.Scenario.bundled().cascade("PRK", "KOR", at="korean-peninsula", trials=1_000)
    before = pa.total_allocated_bytes()
    t = r.odds().to_arrow()
    # The buffers stay Rust's: pyarrow's memory pool allocated nothing to hold them.
    assert t.nbytes > 0 and pa.total_allocated_bytes() == before
    assert t.column_names == ["actor", "name", "p_aggressor", "p_defender", "p_out", "se_aggressor", "se_defender"]
    # Any consumer of the C stream interface reads the table itself.
    assert pa.table(r.odds()).equals(t)
    w = r.waves().to_pandas()
    assert list(w["actor"][:3]) == ["PRK", "KOR", "USA"]
    assert "US–ROK" in w["why"][2]
    assert len(r.to_polars()) == len(t)


def test_bad_arguments_are_errors_saying_what_to_write():
    s = entente.Scenario.bundled()
    with pytest.raises(entente.EntenteError, match="unknown actor \"Atlantis\""):
        s.cascade("Atlantis", "KOR")
    with pytest.raises(entente.EntenteError, match="unknown place"):
        s.cascade("PRK", "KOR", at="the moon")
    with pytest.raises(entente.EntenteError, match="not a probability"):
        s.cascade("PRK", "KOR", honour={"CHN": 1.5})
    with pytest.raises(entente.EntenteError, match="use independent, state or coalition"):
        s.cascade("PRK", "KOR", correlation="sometimes")
    with pytest.raises(entente.EntenteError, match="prior"):
        s.cascade("PRK", "KOR", prior="optimistic")
    with pytest.raises(entente.EntenteError, match="strikes"):
        s.cascade("PRK", "KOR", strikes=[["PRK"]])


def test_the_done_when_line_prints_the_odds_table():
    out = subprocess.run(
        [
            __import__("sys").executable, "-c",
            "import entente; print(entente.Scenario.bundled().cascade('PRK', 'KOR', at='korean-peninsula').to_pandas())",
        ],
        capture_output=True, text=True, check=True,
    ).stdout
    # pandas elides middle columns at 80 characters; the ends and every row are shown.
    assert "p_aggressor" in out and "p_out" in out and "United States" in out and "[3 rows x 7 columns]" in out


def test_derived_seeds_depend_on_the_keys_alone():
    assert entente.derive_seed(1, 2, 3) == entente.derive_seed(1, 2, 3)
    seeds = {entente.derive_seed(1, i, j) for i in range(50) for j in range(50)}
    assert len(seeds) == 2500
    assert entente.derive_seed(1, 0, 1) != entente.derive_seed(1, 1, 0)


def test_progress_is_silent_unless_asked(capsys):
    s = entente.Scenario.bundled()
    s.cascade("PRK", "KOR", at="korean-peninsula", trials=100_000)
    assert capsys.readouterr().err == ""
    s.cascade("PRK", "KOR", at="korean-peninsula", trials=100_000, progress=True)
    err = capsys.readouterr().err
    assert "100%" in err and "100000 trials" in err


def test_ctrl_c_stops_a_long_monte_carlo():
    import _thread
    import signal
    import threading
    import time

    # A process started in the background inherits SIGINT ignored, and Python then installs no
    # KeyboardInterrupt handler (CI runs so); install Python's own for the test, as a terminal has it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        s = entente.Scenario.bundled()
        timer = threading.Timer(0.5, _thread.interrupt_main)
        timer.start()
        started = time.perf_counter()
        with pytest.raises(KeyboardInterrupt):
            s.cascade("PRK", "KOR", at="korean-peninsula", trials=1_000_000_000, threads=1)
        # A billion trials take minutes; the interrupt stops them within a chunk's time.
        assert time.perf_counter() - started < 20
    finally:
        signal.signal(signal.SIGINT, previous)
