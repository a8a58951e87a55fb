"""Expected calibration error: how far a stated confidence is from how often it is right."""

from __future__ import annotations

from collections.abc import Sequence


def expected_calibration_error(
    confidence: Sequence[float], correct: Sequence[float], bins: int = 10
) -> float | None:
    """ECE = Σ_b (n_b / N) · |share right in b − mean confidence in b| over ``bins``
    equal-width confidence bins; None when there is nothing to rate.

    Worked example: confidences 0.9, 0.9 (both right) and 0.1, 0.1 (one right) give
    2/4 · |1 − 0.9| + 2/4 · |0.5 − 0.1| = 0.05 + 0.2 = 0.25.

    >>> round(expected_calibration_error([0.9, 0.9, 0.1, 0.1], [1, 1, 0, 1]), 3)
    0.25
    >>> expected_calibration_error([], []) is None
    True
    """
    if len(confidence) != len(correct):
        raise ValueError("one correctness flag per confidence is needed")
    if not confidence:
        return None
    groups: dict[int, list[tuple[float, float]]] = {}
    for conf, ok in zip(confidence, correct, strict=True):
        groups.setdefault(min(int(float(conf) * bins), bins - 1), []).append((conf, float(ok)))
    n = len(confidence)
    return float(
        sum(
            len(g) / n * abs(sum(ok for _, ok in g) / len(g) - sum(c for c, _ in g) / len(g))
            for g in groups.values()
        )
    )
