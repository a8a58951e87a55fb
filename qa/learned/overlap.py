"""Choosing a short answer by expected word overlap instead of by its own score alone.

Several candidates of one sentence often overlap ("the late 19th century", "late 19th",
"19th century"). The best bet for word-level F1 against an unknown right answer is the candidate
with the highest *expected* F1 under the span selector's scores, sharpened by a power
(minimum-Bayes-risk decoding); a power of None keeps the single best-scored candidate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+")
_ARTICLES = frozenset({"a", "an", "the"})


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without articles (how candidates are compared; punctuation
    splits words here, where the harness's SQuAD normalisation deletes it).

    >>> words("The late 19th-century engines")
    ['late', '19th', 'century', 'engines']
    """
    return [w for w in _WORD.findall(text.lower()) if w not in _ARTICLES]


def overlap_f1(a: Sequence[str], b: Sequence[str]) -> float:
    """Word F1 of two word lists: 2·P·R / (P + R) over shared words (with multiplicity); 0 when
    either is empty. The eval harness scores short answers with it too (``eval.metrics.answer``).

    >>> overlap_f1(["late", "19th", "century"], ["19th", "century"])  # P = 2/3, R = 1
    0.8
    """
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def expected_best(texts: Sequence[str], scores: Sequence[float], power: float | None) -> int:
    """Index of the candidate with the highest expected F1 against the others, each weighted
    by its score to the ``power``; ties and ``power=None`` go to the best-scored one.

    Worked example: scores 0.40 "late 19th", 0.35 "the late 19th century", 0.30 "19th century"
    (power 1). Expected F1: "late 19th" 0.40·1 + 0.35·0.8 + 0.30·0.5 = 0.83;
    "late 19th century" 0.40·0.8 + 0.35·1 + 0.30·0.8 = 0.91; "19th century" 0.78.

    >>> expected_best(["late 19th", "the late 19th century", "19th century"], [.4, .35, .3], 1)
    1
    >>> expected_best(["late 19th", "the late 19th century", "19th century"], [.4, .35, .3], None)
    0
    """
    best = max(range(len(texts)), key=lambda j: scores[j])
    if power is None or len(texts) < 2:
        return best
    bags = [words(t) for t in texts]
    weights = [max(s, 0.0) ** power for s in scores]

    def expected(j: int) -> float:
        if not bags[j]:
            return 0.0
        return sum(w * overlap_f1(bags[j], b) for w, b in zip(weights, bags, strict=True) if b)

    gain = [expected(j) for j in range(len(texts))]
    top = max(gain)
    return best if gain[best] >= top else gain.index(top)
