"""Precision and recall of declining (``supported is False``) on unanswerable questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eval.metrics.stats import ratio_or_none


@dataclass(frozen=True)
class RefusalScores:
    """The three refusal ratios; each None when its denominator is 0."""

    precision: float | None
    recall: float | None
    wrongly_declined: float | None


def refusal_precision(declined: Sequence[bool], unanswerable: Sequence[bool]) -> float | None:
    """precision = declined unanswerables / declined questions; None when nothing was declined.

    >>> refusal_precision([True, True, False], [True, False, True])
    0.5
    >>> refusal_precision([False], [True]) is None
    True
    """
    pairs = _pairs(declined, unanswerable)
    return ratio_or_none(sum(d and u for d, u in pairs), sum(d for d, _ in pairs))


def refusal_recall(declined: Sequence[bool], unanswerable: Sequence[bool]) -> float | None:
    """recall = declined unanswerables / unanswerables; None when there are no unanswerables.

    >>> refusal_recall([True, True, False], [True, False, True])
    0.5
    >>> refusal_recall([True], [False]) is None
    True
    """
    pairs = _pairs(declined, unanswerable)
    return ratio_or_none(sum(d and u for d, u in pairs), sum(u for _, u in pairs))


def wrongly_declined(declined: Sequence[bool], unanswerable: Sequence[bool]) -> float | None:
    """wrongly declined = declined answerables / answerables (lower is better); None when there
    are no answerable questions.

    >>> wrongly_declined([True, True, False], [True, False, True])
    1.0
    >>> wrongly_declined([True, False, False, False], [False, False, False, False])
    0.25
    """
    pairs = _pairs(declined, unanswerable)
    return ratio_or_none(sum(d and not u for d, u in pairs), sum(not u for _, u in pairs))


def refusal_scores(declined: Sequence[bool], unanswerable: Sequence[bool]) -> RefusalScores:
    """All three refusal ratios at once.

    >>> refusal_scores([True, False], [True, False])
    RefusalScores(precision=1.0, recall=1.0, wrongly_declined=0.0)
    """
    return RefusalScores(
        refusal_precision(declined, unanswerable),
        refusal_recall(declined, unanswerable),
        wrongly_declined(declined, unanswerable),
    )


def _pairs(declined: Sequence[bool], unanswerable: Sequence[bool]) -> list[tuple[bool, bool]]:
    if len(declined) != len(unanswerable):
        raise ValueError("declined and unanswerable must have one flag per question each")
    return [(bool(d), bool(u)) for d, u in zip(declined, unanswerable, strict=True)]
