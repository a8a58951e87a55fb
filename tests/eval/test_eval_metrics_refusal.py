"""Refusal metrics, hand-checked."""

from __future__ import annotations

import pytest

from eval.metrics.refusal import refusal_scores


def test_mixed_case() -> None:
    # q1 unanswerable declined (TP), q2 unanswerable answered (FN), q3 answerable declined (FP),
    # q4 and q5 answerable answered.
    declined = [True, False, True, False, False]
    unanswerable = [True, True, False, False, False]
    scores = refusal_scores(declined, unanswerable)
    assert scores.precision == pytest.approx(1 / 2)
    assert scores.recall == pytest.approx(1 / 2)
    assert scores.wrongly_declined == pytest.approx(1 / 3)


def test_nothing_declined_and_no_unanswerables() -> None:
    scores = refusal_scores([False, False], [False, False])
    assert scores.precision is None
    assert scores.recall is None
    assert scores.wrongly_declined == 0.0


def test_only_unanswerables() -> None:
    scores = refusal_scores([True, True], [True, True])
    assert (scores.precision, scores.recall, scores.wrongly_declined) == (1.0, 1.0, None)


def test_empty_set() -> None:
    scores = refusal_scores([], [])
    assert (scores.precision, scores.recall, scores.wrongly_declined) == (None, None, None)


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        refusal_scores([True], [True, False])
