"""The rows both report formats show: metric groups and failed questions."""

from __future__ import annotations

from typing import Any

from eval.records import EvalResult, QuestionRecord
from eval.summary import GROUPS, fmt_ms, fmt_score

TEXT_LIMIT = 600  # characters of an answer shown in the failed-question table


def metric_rows(metrics: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(group, metric, formatted value) for every score of the score groups plus latency."""
    rows = [
        (group, name, fmt_score(value))
        for group in GROUPS
        for name, value in metrics.get(group, {}).items()
    ]
    latency = metrics["latency_ms"]
    rows += [("latency", "p50", fmt_ms(latency["p50"])), ("latency", "p95", fmt_ms(latency["p95"]))]
    return rows


def stage_rows(metrics: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(stage, p50, p95) for every timed stage."""
    stages = metrics["latency_ms"].get("per_stage", {})
    return [(name, fmt_ms(v["p50"]), fmt_ms(v["p95"])) for name, v in stages.items()]


def qtype_rows(result: EvalResult) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the per-question-type table."""
    kmax = max(result.k_values)
    keys = [f"hit@{kmax}", "em", "f1", "contains", "declined"]
    rows = [
        [qtype, str(row["n"]), *(fmt_score(row.get(k)) for k in keys)]
        for qtype, row in result.metrics.get("by_qtype", {}).items()
    ]
    return ["type", "n", *keys], rows


def why_failed(record: QuestionRecord) -> str:
    """A short reason a record counts as failed."""
    if record.error:
        return "error"
    if record.unanswerable:
        return "answered an unanswerable question"
    if record.declined:
        return "declined an answerable question"
    return "no gold answer in the answer"


def clip(text: str | None, limit: int = TEXT_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis.

    >>> clip("abcdef", 4)
    'abc…'
    """
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"
