"""Foresight: Richardson's arms-race equations and the expected-utility model.

>>> race = entente.forecast.richardson_fit(years, x, y)  # doctest: +SKIP
>>> entente.forecast.richardson_projection(years, x, y, ahead=10).to_pandas()  # doctest: +SKIP
>>> entente.forecast.expected_utility([("A", 1.0, 0.0, 1.0), ("B", 1.0, 100.0, 0.5)]).to_pandas()  # doctest: +SKIP
"""

from ._native import expected_utility, richardson_fit, richardson_projection

__all__ = ["expected_utility", "richardson_fit", "richardson_projection"]
