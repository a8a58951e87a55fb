"""Per-question answer scores; each is None when there is no gold answer to compare with."""

from __future__ import annotations

from collections.abc import Sequence

from eval.metrics.text import contains_phrase, normalize_answer, strip_markers, tokens
from qa.learned.overlap import overlap_f1


def predicted_span(short: str | None, text: str | None) -> str:
    """What is scored against the gold answers: the short answer when there is one, else the
    answer text without its citation markers; "" for no answer.

    >>> predicted_span("Ankara", "It happened in Ankara [1].")
    'Ankara'
    >>> predicted_span(None, "It happened in Ankara [1].")
    'It happened in Ankara.'
    >>> predicted_span(None, None)
    ''
    """
    if short and short.strip():
        return short.strip()
    return strip_markers(text or "")


def exact_match(prediction: str | None, golds: Sequence[str]) -> float | None:
    """EM = max over gold g of ``[normalize(prediction) == normalize(g)]``.

    None when ``golds`` is empty; a None/empty prediction scores 0.0.

    >>> exact_match("the Ankara", ["Ankara", "Turkey"])
    1.0
    >>> exact_match(None, ["Ankara"])
    0.0
    >>> exact_match("Ankara", []) is None
    True
    """
    if not golds:
        return None
    pred = normalize_answer(prediction)
    return max(float(bool(pred) and pred == normalize_answer(g)) for g in golds)


def token_f1(prediction: str | None, golds: Sequence[str]) -> float | None:
    """F1 = max over gold g of ``2·P·R / (P + R)`` with P = common / |pred tokens| and
    R = common / |gold tokens| (common counts shared normalised tokens with multiplicity).

    None when ``golds`` is empty; 0.0 when either side has no tokens.

    >>> token_f1("Defense Minister Fikri Isik", ["Fikri Isik"])  # P=2/4, R=2/2
    0.6666666666666666
    >>> token_f1("Isik", ["Mevlut Cavusoglu", "Fikri Isik"])  # best gold: P=1, R=1/2
    0.6666666666666666
    >>> token_f1("", ["Ankara"])
    0.0
    """
    if not golds:
        return None
    pred = tokens(prediction)
    return max(overlap_f1(pred, tokens(g)) for g in golds)


def contains(text: str | None, golds: Sequence[str]) -> float | None:
    """Contains = 1.0 when any normalised gold answer occurs, as whole words, in the normalised
    ``text`` (the full answer), else 0.0; None when ``golds`` is empty. A word joined to the
    next by a hyphen, dash or apostrophe is a whole word too (``contains_phrase``).

    >>> contains("It was launched on August 24 [1].", ["August 24"])
    1.0
    >>> contains("It was launched in August.", ["August 24"])
    0.0
    >>> contains("Thomas Davis, an 11-year veteran [1]", ["11"])
    1.0
    """
    if not golds:
        return None
    return float(any(contains_phrase(text, g) for g in golds))
