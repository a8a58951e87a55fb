"""What a question asks happened: its verbs ("Who *paid* for …", "What is … *aimed* at
*preventing*?"). A sentence that only names the same things lacks them, so three stages read
how well they are met: the sentence ranker (their stems), the second look (their word pieces)
and the short-answer selector (the word pieces around a candidate). Verbs used as modifiers
("*reading* robots") do not count.

    >>> verb_spans("Who paid for the library's reading robots?")
    [(4, 8)]
    >>> verb_stems("What is Operation Euphrates Shield aimed at preventing?")
    ['aim', 'prevent']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qa.spacy_nlp import syntax
from qa.terms import stem

_MODIFIER_DEPS = frozenset({"compound", "amod"})


def verb_spans(question: str) -> list[tuple[int, int]]:
    """The (start, end) character offsets of the question's verbs."""
    return [
        (t.idx, t.idx + len(t.text))
        for t in syntax(question)
        if t.pos_ == "VERB" and t.dep_ not in _MODIFIER_DEPS
    ]


def verb_stems(question: str) -> list[str]:
    """The stems of the question's verbs (``qa.terms.stem``), each once, in order."""
    return list(dict.fromkeys(stem(question[a:b].lower()) for a, b in verb_spans(question)))


def verb_pieces(question: str, offsets: Sequence[tuple[int, int]]) -> np.ndarray:
    """Which of the question's word pieces (by their ``offsets``) belong to its verbs.

    >>> verb_pieces("Who paid for robots?", [(0, 3), (4, 8), (9, 12), (13, 19)]).tolist()
    [False, True, False, False]
    """
    spans = verb_spans(question)
    return np.array([any(a <= s and e <= b for a, b in spans) for s, e in offsets], dtype=bool)
