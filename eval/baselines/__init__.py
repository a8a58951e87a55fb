"""Pinned metric baselines: fail a run whose scores fell below what was once measured."""

from eval.baselines.check import (
    DEFAULT_TOLERANCE,
    check_baseline,
    compare_metrics,
    load_baseline,
    write_baseline,
)

__all__ = [
    "DEFAULT_TOLERANCE",
    "check_baseline",
    "compare_metrics",
    "load_baseline",
    "write_baseline",
]
