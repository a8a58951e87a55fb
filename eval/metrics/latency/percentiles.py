"""Percentiles of per-question timings (milliseconds)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) by linear interpolation between closest ranks (numpy's
    default): position ``(n - 1) * q / 100`` in the sorted values; None for no values.

    >>> percentile([10, 20, 30, 40], 50)  # position 1.5: halfway between 20 and 30
    25.0
    >>> percentile([10, 20, 30, 40], 95)  # position 2.85: 30 + 0.85 * 10
    38.5
    >>> percentile([], 50) is None
    True
    """
    clean = sorted(float(v) for v in values if v is not None and not math.isnan(v))
    if not clean:
        return None
    pos = (len(clean) - 1) * q / 100.0
    low, high = math.floor(pos), math.ceil(pos)
    return clean[low] + (clean[high] - clean[low]) * (pos - low)


def latency_summary(values: Sequence[float]) -> dict[str, float | None]:
    """``{"p50", "p95"}`` of ``values``; both None for no values.

    >>> latency_summary([100, 200, 300])
    {'p50': 200.0, 'p95': 290.0}
    """
    return {"p50": percentile(values, 50), "p95": percentile(values, 95)}


def stage_latencies(timings: Sequence[Mapping[str, float]]) -> dict[str, dict[str, float | None]]:
    """p50/p95 of every stage named in any question's timings (each over the questions that
    report it), stages in the order first seen.

    >>> stage_latencies([{"retrieve_ms": 10, "answer_ms": 30}, {"retrieve_ms": 20}])
    {'retrieve_ms': {'p50': 15.0, 'p95': 19.5}, 'answer_ms': {'p50': 30.0, 'p95': 30.0}}
    """
    stages: dict[str, list[float]] = {}
    for timing in timings:
        for stage, ms in timing.items():
            stages.setdefault(stage, []).append(float(ms))
    return {stage: latency_summary(values) for stage, values in stages.items()}
