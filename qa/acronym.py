"""'What does ICRC stand for?': find where an article spells out the abbreviation.

News articles introduce an abbreviation once, as "International Committee of the Red Cross
(ICRC)". The expansion is the run of words before the parenthesis whose capitals spell it.
"""

from __future__ import annotations

import re

_QUESTION = re.compile(
    r"\bwhat\s+(?:does|do|did|is)\s+(?:the\s+)?(?:abbreviation\s+|acronym\s+)?"
    r"[\"“‘']?([A-Z][A-Za-z0-9&.]{1,11})[\"”’']?\s+(?:stand|short)\s+for\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’&-]+")


def asked_abbreviation(question: str) -> str | None:
    """The abbreviation a "what does X stand for?" question asks about, else None.

    >>> asked_abbreviation("What does ICRC stand for?")
    'ICRC'
    >>> asked_abbreviation("Who leads the ICRC?") is None
    True
    """
    m = _QUESTION.search(question)
    return m.group(1).replace(".", "") if m else None


def expansion_in(text: str, abbreviation: str) -> tuple[int, int] | None:
    """(start, end) in ``text`` of the words that ``(abbreviation)`` abbreviates, if spelled out.

    >>> t = "Members of the International Committee of the Red Cross (ICRC) stayed."
    >>> s, e = expansion_in(t, "ICRC")
    >>> t[s:e]
    'International Committee of the Red Cross'
    """
    for m in re.finditer(r"\(\s*" + re.escape(abbreviation) + r"\s*\)", text):
        words = list(_WORD.finditer(text[: m.start()]))
        letters = abbreviation.upper()
        taken: list[re.Match[str]] = []
        for w in reversed(words):
            if w.group(0)[0].isupper():
                if not letters or w.group(0)[0].upper() != letters[-1]:
                    break
                letters = letters[:-1]
                taken.append(w)
                if not letters:
                    return taken[-1].start(), taken[0].end()
            elif not taken or w.group(0).lower() not in {"of", "the", "for", "and", "de", "on"}:
                break
    return None
