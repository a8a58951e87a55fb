"""The citation-marker grammar, in one place: ``[n]`` after the claim it supports.

Answers carry markers such as ``[1]`` or ``[2][3]``; LLMs also write ``[1, 2]`` or
``[passage 1]``, which ``markers_in`` reads too. Everything that writes, finds, strips or
renumbers markers uses this module.

>>> format_marker(2)
'[2]'
>>> markers_in("Paris [1]. Lyon [passage 2, 3].")
[1, 2, 3]
>>> strip_markers("It opened in 1889 [1][2].")
'It opened in 1889.'
>>> renumber("A [2]. B [1].", {2: 1, 1: 2})
'A [1]. B [2].'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

MARKER_RE = re.compile(
    r"\[\s*(?:passage\s*)?(\d{1,3}(?:\s*[,;]\s*(?:passage\s*)?\d{1,3})*)\s*\]", re.I
)
"""One marker as written by people or models; group 1 holds its numbers."""

SIMPLE_MARKER_RE = re.compile(r"\[(\d{1,3})\]")
"""A marker as citeqa writes it: ``[n]``; group 1 is n."""

# "SHORT [1] — “QUOTE” [1]": one claim, so the first marker goes (the quote keeps it).
_SHORT_THEN_QUOTE = re.compile(r"\s*\[(\d{1,3})\](\s+[—–]\s+“.*?”)\s*\[\1\]", re.S)
_DOUBLE_CLOSE = re.compile(r"([”\"])\1+")
_DOUBLE_OPEN = re.compile(r"(“)\1+")


def format_marker(n: int) -> str:
    """The marker for citation ``n``."""
    return f"[{n}]"


def format_markers(numbers: Iterable[int]) -> str:
    """Markers for several citations, side by side: ``[1][3]``."""
    return "".join(format_marker(n) for n in numbers)


def numbers_of(marker_body: str) -> list[int]:
    """The numbers inside one marker's group 1 (``"1, passage 2"`` → ``[1, 2]``)."""
    return [int(x) for x in re.findall(r"\d+", marker_body)]


def markers_in(text: str) -> list[int]:
    """Every cited number in ``text``, first use first, each once."""
    seen: list[int] = []
    for m in MARKER_RE.finditer(text):
        for n in numbers_of(m.group(1)):
            if n not in seen:
                seen.append(n)
    return seen


def strip_markers(text: str) -> str:
    """``text`` without markers, with the spaces they leave before punctuation tidied."""
    out = MARKER_RE.sub("", text)
    out = re.sub(r"\s+([.!?,;:])", r"\1", out)
    return re.sub(r"\s{2,}", " ", out).strip()


def renumber(text: str, mapping: Mapping[int, int]) -> str:
    """``text`` with each ``[n]`` written as ``[mapping[n]]`` (unmapped numbers unchanged)."""
    return SIMPLE_MARKER_RE.sub(
        lambda m: format_marker(mapping.get(int(m.group(1)), int(m.group(1)))), text
    )


def tidy_answer_text(text: str) -> str:
    """The answer text as people should read it (web chat, terminal, exports): one marker per
    claim, no doubled quotes.

    text: ``Answer.text``. "42 million [1] — “…cost 42 million.” [1]" becomes
    "42 million — “…cost 42 million.” [1]", and a quote that ends in its own closing mark
    (“…Aleppo.””) or opens with its own opening one (““On December 20…) loses the extra one.

    >>> tidy_answer_text("“It is aimed at it,” Isik said.”” [1]")
    '“It is aimed at it,” Isik said.” [1]'
    >>> tidy_answer_text("Moscow — ““On December 20, a meeting took place in Moscow.” [1]")
    'Moscow — “On December 20, a meeting took place in Moscow.” [1]'
    """
    text = _DOUBLE_OPEN.sub(r"\1", _DOUBLE_CLOSE.sub(r"\1", text))
    return _SHORT_THEN_QUOTE.sub(lambda m: f"{m.group(2)} [{m.group(1)}]", text)
