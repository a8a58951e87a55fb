"""Is a citation's quote right, and how many of them are."""

from __future__ import annotations

from collections.abc import Sequence

from eval.metrics.stats import ratio_or_none
from eval.metrics.text import contains_phrase


def citation_is_correct(quote: str, golds: Sequence[str], short: str | None = None) -> bool:
    """A citation is correct when its quote contains a gold answer (normalised, whole words);
    failing gold answers, when it contains the answer's own ``short`` answer (it supports it).

    Args:
        quote: the cited passage text.
        golds: gold answers (may be empty).
        short: the system's short answer, used only when ``golds`` is empty (default None).

    >>> citation_is_correct("launched on August 24, four tanks", ["August 24"])
    True
    >>> citation_is_correct("Lavrov met Cavusoglu.", ["August 24"], short="Lavrov")
    False
    >>> citation_is_correct("Lavrov met Cavusoglu.", [], short="Lavrov")
    True
    """
    if golds:
        return any(contains_phrase(quote, g) for g in golds)
    return contains_phrase(quote, short)


def correct_citations(
    quotes: Sequence[str], golds: Sequence[str], short: str | None = None
) -> list[bool]:
    """``citation_is_correct`` for each quote of one answer.

    >>> correct_citations(["in Ankara", "in Moscow"], ["Ankara"])
    [True, False]
    """
    return [citation_is_correct(q, golds, short) for q in quotes]


def citation_precision(per_answer: Sequence[Sequence[bool]]) -> float | None:
    """precision = correct citations / all citations, pooled over the answers;
    None when the answers carry no citation at all.

    >>> citation_precision([[True, False], [True], []])
    0.6666666666666666
    >>> citation_precision([[], []]) is None
    True
    """
    total = sum(len(flags) for flags in per_answer)
    return ratio_or_none(sum(sum(flags) for flags in per_answer), total)


def answers_with_correct_citation(per_answer: Sequence[Sequence[bool]]) -> float | None:
    """share = answers with at least one correct citation / answers (an answer without
    citations counts as having none); None when there are no answers.

    >>> answers_with_correct_citation([[True, False], [False], []])
    0.3333333333333333
    >>> answers_with_correct_citation([]) is None
    True
    """
    return ratio_or_none(sum(any(flags) for flags in per_answer), len(per_answer))
