# Type stubs of the Rust extension (python/src/*.rs). Tables are Arrow: any consumer of the
# PyCapsule stream interface (pyarrow, polars, DuckDB) reads them without a copy.
from os import PathLike
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

_Path = Union[str, PathLike[str]]

__version__: str

class EntenteError(Exception): ...

class ScenarioError(EntenteError):
    diagnostics: List[Tuple[str, int, int, str, str]]
    """(file, line, column, severity, message) for every diagnostic."""

class Table:
    """A table in Arrow record batches."""
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> List[str]: ...
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    def __len__(self) -> int: ...
    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` (zero-copy)."""
    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame``."""
    def to_polars(self) -> Any:
        """A ``polars.DataFrame``."""

class CascadeResult:
    @property
    def aggressor_side(self) -> List[str]: ...
    @property
    def defending_side(self) -> List[str]: ...
    @property
    def war(self) -> Optional[str]: ...
    @property
    def trials(self) -> int: ...
    def odds(self) -> Table:
        """actor, name, p_aggressor, p_defender, p_out, se_aggressor, se_defender."""
    def waves(self) -> Table:
        """wave, actor, side, why, triggered_by, agreement, p_honour, sources."""
    def stays_out(self) -> Table: ...
    def obligations(self) -> Table: ...
    def to_json(self) -> str: ...
    def to_arrow(self) -> Any: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...

class Scenario:
    @staticmethod
    def bundled() -> Scenario: ...
    @staticmethod
    def load(path: _Path) -> Scenario:
        """Raises ScenarioError listing every error at file:line:column."""
    def with_overlay(self, name: str) -> Scenario: ...
    @property
    def id(self) -> str: ...
    @property
    def as_of(self) -> str: ...
    @property
    def overlays(self) -> List[str]: ...
    @property
    def applied_overlays(self) -> List[str]: ...
    @property
    def flashpoints(self) -> List[str]: ...
    def actors(self) -> Table: ...
    def agreements(
        self,
        between: Optional[Tuple[str, str]] = None,
        provision: Optional[str] = None,
        date: Optional[str] = None,
    ) -> Table: ...
    def cascade(
        self,
        attacker: str,
        target: str,
        at: Optional[str] = None,
        date: Optional[str] = None,
        trials: int = 100_000,
        seed: int = 1,
        prior: str = "by-type",
        honour: Optional[Dict[str, float]] = None,
        unresolved_p: float = 0.5,
        correlation: str = "independent",
        rho: float = 0.5,
        joins: Optional[Sequence[Tuple[str, str]]] = None,
        strikes: Optional[Sequence[Sequence[str]]] = None,
        counter_attack_triggers: bool = False,
        by_signature: bool = False,
        threads: Optional[int] = None,
        progress: bool = False,
    ) -> CascadeResult:
        """progress=True: a bar on sys.stderr. Ctrl-C stops the trials (KeyboardInterrupt)."""
    def balance(
        self,
        date: Optional[str] = None,
        sources: Sequence[str] = ("treaties", "wars", "events"),
        time_limit: Optional[float] = None,
    ) -> Balance: ...

class Balance:
    @property
    def measures(self) -> Dict[str, Any]: ...
    def ties(self) -> Table:
        """a, b, score, sign (+1, -1; 0 when the evidence cancels), evidence."""

class Coder:
    def __init__(self, dictionaries_dir: _Path, cameo_dir: Optional[_Path] = None) -> None: ...
    def code(self, text: str, date: Optional[str] = None) -> Table: ...

class AggregateResult:
    rows: int
    rejected: int
    without_dyad: int
    @property
    def grouped(self) -> int: ...
    @property
    def rejects(self) -> List[Tuple[str, int, str]]: ...
    @property
    def table(self) -> Table: ...
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    def __len__(self) -> int: ...
    def to_arrow(self) -> Any: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...

class Store:
    def __init__(self, path: _Path) -> None: ...
    @property
    def path(self) -> str: ...
    def ingest(
        self, paths: Sequence[_Path], data_dir: Optional[_Path] = None, threads: Optional[int] = None
    ) -> Dict[str, Any]: ...
    def events(
        self, from_: Optional[str] = None, to: Optional[str] = None, dyad: Optional[Tuple[str, str]] = None
    ) -> Table: ...
    def aggregate(self, by: str = "month") -> AggregateResult: ...
    def series(
        self,
        a: str,
        b: str,
        by: str = "month",
        directed: bool = False,
        from_: Optional[str] = None,
        to: Optional[str] = None,
    ) -> Table: ...

def derive_seed(seed: int, *keys: int) -> int: ...
def aggregate(
    paths: Sequence[_Path],
    by: str = "month",
    rejects_path: Optional[_Path] = None,
    threads: Optional[int] = None,
    progress: bool = False,
) -> AggregateResult: ...
def richardson_fit(years: Sequence[int], x: Sequence[float], y: Sequence[float]) -> Dict[str, Any]: ...
def richardson_projection(
    years: Sequence[int],
    x: Sequence[float],
    y: Sequence[float],
    ahead: int = 10,
    replicates: int = 1000,
    seed: int = 1,
) -> Table: ...
def expected_utility(
    actors: Sequence[Tuple[str, float, float, float]], rounds: int = 10, rules: str = "paper"
) -> Table: ...
def icews_countries(data_dir: _Path) -> Dict[str, str]: ...
def panel(
    data_dir: _Path,
    unit: str = "dyad-year",
    directed: bool = True,
    years: Tuple[int, int] = (1816, 2016),
    with_: Sequence[str] = ...,
    portfolio: str = "owes",
    atop_member_only: bool = False,
    rejects_path: Optional[_Path] = None,
) -> Tuple[Table, List[str], List[Tuple[str, int, str]]]: ...
