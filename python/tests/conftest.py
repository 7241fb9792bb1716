"""Fixtures of the Python suite: the shared datasets (skipped when absent unless
ENTENTE_REQUIRE_DATA=1, as the Rust data tests), the entente binary the bindings are compared
with, and one local Spark session."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("ENTENTE_DATA", REPO.parent / "shared" / "data"))


def _required(var: str) -> bool:
    return os.environ.get(var, "") not in ("", "0")


@pytest.fixture(scope="session")
def data() -> Path:
    if not DATA.is_dir():
        if _required("ENTENTE_REQUIRE_DATA"):
            pytest.fail(f"{DATA} is absent and ENTENTE_REQUIRE_DATA is set: put the shared data beside the checkout")
        pytest.skip(f"{DATA} is absent")
    return DATA


@pytest.fixture(scope="session")
def gdelt(data) -> Path:
    return data / "gdelt" / "20180101000000.export.CSV"


@pytest.fixture(scope="session")
def icews(data) -> Path:
    return data / "icews" / "events.2018.sample.tab"


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `entente` binary (ENTENTE_BIN, else target/release or target/debug, built if absent)."""
    given = os.environ.get("ENTENTE_BIN")
    if given:
        return Path(given)
    for profile in ("release", "debug"):
        p = REPO / "target" / profile / "entente"
        if p.exists():
            return p
    subprocess.run(["cargo", "build", "-q", "-p", "entente-cli"], cwd=REPO, check=True)
    return REPO / "target" / "debug" / "entente"


def run_cli(cli: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *args], capture_output=True, text=True, check=True)


def cli_json(cli: Path, *args: str):
    return json.loads(run_cli(cli, "--format", "json", *args).stdout)


@pytest.fixture(scope="session")
def spark():
    """A local Spark session (two cores, no UI). Needs Java 17+ and pyspark; fails rather than
    skips when ENTENTE_REQUIRE_SPARK=1 (`.ci/run` sets it)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        if _required("ENTENTE_REQUIRE_SPARK"):
            raise
        pytest.skip("pyspark is not installed")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("entente-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()
