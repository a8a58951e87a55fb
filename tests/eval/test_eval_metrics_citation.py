"""Citation metrics, hand-checked."""

from __future__ import annotations

import pytest

from eval.metrics.citation import (
    answers_with_correct_citation,
    citation_is_correct,
    citation_precision,
    correct_citations,
)


def test_quote_with_gold_answer_is_correct() -> None:
    assert citation_is_correct("“29 mortars, 97 vehicles”", ["29", "twenty-nine"])
    assert not citation_is_correct("97 vehicles", ["29"])


def test_short_answer_used_only_without_gold() -> None:
    assert citation_is_correct("Lavrov met Cavusoglu", [], short="Cavusoglu")
    assert not citation_is_correct("Lavrov met Cavusoglu", ["Ankara"], short="Cavusoglu")
    assert not citation_is_correct("Lavrov met Cavusoglu", [], short=None)


def test_precision_pools_citations() -> None:
    per_answer = [
        correct_citations(["in Ankara", "in Moscow"], ["Ankara"]),  # 1 of 2
        correct_citations(["Ankara again"], ["Ankara"]),  # 1 of 1
        correct_citations([], ["Ankara"]),  # no citation
    ]
    assert per_answer == [[True, False], [True], []]
    assert citation_precision(per_answer) == pytest.approx(2 / 3)
    assert answers_with_correct_citation(per_answer) == pytest.approx(2 / 3)


def test_no_citations_and_no_answers() -> None:
    assert citation_precision([[], []]) is None
    assert answers_with_correct_citation([[], []]) == 0.0
    assert citation_precision([]) is None
    assert answers_with_correct_citation([]) is None
