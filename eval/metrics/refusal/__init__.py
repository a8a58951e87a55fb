"""Refusal metrics: declining on the questions the corpus does not answer, and only those."""

from eval.metrics.refusal.scores import (
    RefusalScores,
    refusal_precision,
    refusal_recall,
    refusal_scores,
    wrongly_declined,
)

__all__ = [
    "RefusalScores",
    "refusal_precision",
    "refusal_recall",
    "refusal_scores",
    "wrongly_declined",
]
