"""Event data: the every-dyad aggregate of GDELT files and the Parquet event store.

>>> agg = entente.events.aggregate(["20180101000000.export.CSV"], by="month")  # doctest: +SKIP
>>> agg.to_pandas().head()  # doctest: +SKIP
>>> store = entente.events.Store("events-store")  # doctest: +SKIP
>>> store.ingest(["events.2018.sample.tab"], data_dir="data")  # doctest: +SKIP
>>> store.series("RUS", "PRK", by="month").to_pandas()  # doctest: +SKIP
"""

from ._native import AggregateResult, Store, aggregate, icews_countries

__all__ = ["AggregateResult", "Store", "aggregate", "icews_countries"]
