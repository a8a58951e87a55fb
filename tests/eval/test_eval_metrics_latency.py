"""Latency percentiles, hand-checked."""

from __future__ import annotations

import pytest

from eval.metrics.latency import latency_summary, percentile, stage_latencies


def test_percentiles_interpolate() -> None:
    values = [50.0, 10.0, 40.0, 20.0, 30.0]  # sorted: 10 20 30 40 50
    assert percentile(values, 50) == 30.0
    assert percentile(values, 95) == pytest.approx(48.0)  # pos 3.8 → 40 + 0.8·10
    assert percentile(values, 0) == 10.0
    assert percentile(values, 100) == 50.0


def test_single_and_empty() -> None:
    assert latency_summary([42.0]) == {"p50": 42.0, "p95": 42.0}
    assert latency_summary([]) == {"p50": None, "p95": None}


def test_nan_is_ignored() -> None:
    assert percentile([float("nan"), 10.0], 50) == 10.0


def test_stages_over_questions_that_report_them() -> None:
    stages = stage_latencies(
        [{"retrieve_ms": 10, "answer_ms": 100}, {"retrieve_ms": 30}, {"answer_ms": 300}]
    )
    assert list(stages) == ["retrieve_ms", "answer_ms"]
    assert stages["retrieve_ms"]["p50"] == 20.0
    assert stages["answer_ms"]["p95"] == pytest.approx(290.0)
    assert stage_latencies([]) == {}
