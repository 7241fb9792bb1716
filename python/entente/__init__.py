"""entente for Python: an alliance system you can compute with.

The scenario (states, organisations, treaties and their provisions, each fact with its source),
the obligation cascade and its Monte Carlo odds, peacesciencer-style panels, GDELT/ICEWS event
aggregates and the Parquet event store, and the CAMEO text coder — computed in Rust, handed over
as Arrow tables (zero-copy into pyarrow, pandas, polars and DuckDB).

>>> import entente
>>> r = entente.Scenario.bundled().cascade("PRK", "KOR", at="korean-peninsula", trials=10_000)
>>> r.to_pandas().columns[:3].tolist()
['actor', 'name', 'p_aggressor']

Errors are :class:`EntenteError` (a scenario that does not load: :class:`ScenarioError`, with
every diagnostic at file:line:column). Nothing prints; the GIL is released while Rust works.
"""

from __future__ import annotations

import os
import warnings
from typing import Iterable, Optional, Sequence, Tuple, Union

from . import _native
from ._native import (
    Balance,
    CascadeResult,
    Coder,
    EntenteError,
    Scenario,
    ScenarioError,
    Table,
    __version__,
    derive_seed,
)
from . import events, forecast

__all__ = [
    "Balance",
    "CascadeResult",
    "Coder",
    "EntenteError",
    "EntenteWarning",
    "Scenario",
    "ScenarioError",
    "Table",
    "derive_seed",
    "events",
    "forecast",
    "panel",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]


class EntenteWarning(UserWarning):
    """What a loader noted: rejected dataset rows (with file and line), codings applied."""


def panel(
    data_dir: PathLike,
    unit: str = "dyad-year",
    directed: bool = True,
    years: Tuple[int, int] = (1816, 2016),
    with_: Sequence[str] = ("atop",),
    portfolio: str = "owes",
    atop_member_only: bool = False,
    rejects_path: Optional[PathLike] = None,
):
    """A peacesciencer-style panel (Miller 2022) as a ``pyarrow.Table``, zero-copy.

    ``unit`` is ``"state-year"`` or ``"dyad-year"`` (``directed=True``: both (A, B) and (B, A));
    ``with_`` adds datasets and measures: ``atop``, ``cow``, ``nmc``, ``mid``, ``contiguity``,
    ``similarity``, ``majors``. ``data_dir`` holds the COW, ATOP, NMC, MID and contiguity files as
    distributed (entente bundles none). The columns and values are those ``entente panel`` writes;
    missing values are null, never zero.

    Rows a dataset could not read are reported as an :class:`EntenteWarning` (count and the first
    five, each ``file:line: reason``) and written to ``rejects_path`` when given.

    >>> ddy = entente.panel("data", years=(1816, 2016), with_=["atop", "cow"])  # doctest: +SKIP
    >>> ddy.to_pandas()  # doctest: +SKIP
    """
    table, notes, rejects = _native.panel(
        os.fspath(data_dir),
        unit=unit,
        directed=directed,
        years=(int(years[0]), int(years[1])),
        with_=list(with_),
        portfolio=portfolio,
        atop_member_only=atop_member_only,
        rejects_path=None if rejects_path is None else os.fspath(rejects_path),
    )
    for note in notes:
        warnings.warn(note, EntenteWarning, stacklevel=2)
    if rejects and not notes:
        first = "; ".join(f"{f}:{line}: {why}" for f, line, why in rejects[:5])
        warnings.warn(f"{len(rejects)} rows rejected: {first}", EntenteWarning, stacklevel=2)
    return table.to_arrow()
