"""A question's type for per-type reporting, read from its wh-word."""

from __future__ import annotations

import re

QTYPES = ("who", "when", "where", "what", "which", "how many", "why", "other")

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("how many", r"\bhow (many|much)\b"),
    ("who", r"\bwho(m|se)?\b"),
    ("when", r"\bwhen\b|\bwhat (year|date|day|month|time)\b"),
    ("where", r"\bwhere\b"),
    ("why", r"\bwhy\b"),
    ("which", r"\bwhich\b"),
    ("what", r"\bwhat\b"),
)


def question_type(question: str) -> str:
    """The type whose wh-word comes first in ``question``; "other" when there is none.

    >>> question_type("In what year did the operation start?")
    'when'
    >>> question_type("How many mortars were destroyed?")
    'how many'
    >>> question_type("The Normans were in which country?")
    'which'
    >>> question_type("Did Russia agree?")
    'other'
    """
    text = question.lower()
    found = [(m.start(), qtype) for qtype, pat in _PATTERNS if (m := re.search(pat, text))]
    if not found:
        return "other"
    # Earliest wh-word wins; at the same position the more specific pattern (listed first) wins.
    order = {qtype: i for i, (qtype, _) in enumerate(_PATTERNS)}
    return min(found, key=lambda f: (f[0], order[f[1]]))[1]
