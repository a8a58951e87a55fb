"""Averages that skip missing scores and never divide by zero."""

from __future__ import annotations

from collections.abc import Iterable


def mean_or_none(values: Iterable[float | None]) -> float | None:
    """The mean of the values that are not None; None when there are none.

    >>> mean_or_none([1.0, None, 0.0])
    0.5
    >>> mean_or_none([None]) is None
    True
    """
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def ratio_or_none(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``; None when the denominator is 0.

    >>> ratio_or_none(3, 4)
    0.75
    >>> ratio_or_none(0, 0) is None
    True
    """
    return numerator / denominator if denominator else None
