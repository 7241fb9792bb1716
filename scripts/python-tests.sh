#!/usr/bin/env bash
# The Python suite: builds the bindings the way a user installs them (`pip install ./python`, which
# fetches maturin and compiles the Rust in release mode), into a virtual environment of its own,
# with what the tests compare against (pyarrow, pandas, polars, DuckDB, PySpark 4 from PyPI; Java 17
# from Debian's packages when no Java 17+ is on the machine), then runs pytest and exits with its code.
#
#   scripts/python-tests.sh [PYTEST ARGS]      # ENTENTE_VENV=DIR to choose the environment
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${ENTENTE_VENV:-target/python-venv}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PY="$(cd "$VENV" && pwd)/bin/python"
PIP=("$PY" -m pip install --quiet --disable-pip-version-check)
"$PY" -c 'import pyarrow, pandas, polars, pytest, duckdb, pyspark' 2>/dev/null \
  || "${PIP[@]}" pyarrow 'pandas>=2,<3' polars pytest duckdb 'pyspark>=4,<5'  # PySpark 4 supports pandas 2
if ! java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q openjdk-17-jre-headless >/dev/null
fi
# What a user runs; --force-reinstall so the wheel is this checkout's, --no-deps to keep the above.
"${PIP[@]}" --force-reinstall --no-deps ./python
# From the root, not python/: `python -m pytest` puts the working folder on sys.path, and there
# python/entente (the sources, without the compiled extension) would shadow the installed package.
exec "$PY" -m pytest -q -p no:cacheprovider python/tests "$@"
