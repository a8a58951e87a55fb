"""A fast rule-based sentence splitter that keeps character offsets.

spaCy's parser splits sentences well but costs ~20 ms per 600-character passage on this machine;
these rules take microseconds and agree with it on most boundaries of news and encyclopedia text
(measured by ``eval/tune_extractive.py --compare-splitter``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a period without ending a sentence (lower-cased, without the period).
ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    sec atty supt insp fr vs etc al inc ltd co corp bros dept univ assn no nos vol vols fig figs
    ed eds ch pp approx est jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e a.m p.m
    u.s u.k u.n u.s.a d.c n.y l.a ca cf op c""".split()  # noqa: SIM905
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
# What may open a new sentence after the whitespace.
_OPENER = re.compile(r"[\"'“‘(\[]*[A-Z0-9]")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-*•])")


@dataclass(frozen=True)
class Span:
    """A sentence as ``text[start:end]``, stripped of surrounding whitespace."""

    start: int
    end: int


def _is_abbreviation(text: str, dot_end: int) -> bool:
    """Whether the period just before ``dot_end`` belongs to an abbreviation or an initial."""
    m = _LAST_WORD.search(text, max(0, dot_end - 12), dot_end)
    if m is None:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low in ABBREVIATIONS:
        return True
    # Single initials ("J. R. R. Tolkien") and dotted acronyms ("U.S.") do not end sentences.
    return len(low) == 1 or (("." in low) and all(len(p) <= 2 for p in low.split(".")))


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``, in order; ``text[s.start:s.end]`` is each sentence.

    Args:
        text: any plain text; paragraph breaks (blank lines) always end a sentence.
    """
    spans: list[Span] = []
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    for b_start, b_end in blocks:
        start = b_start
        for m in _END.finditer(text, b_start, b_end):
            end = m.end()
            nxt = end
            while nxt < b_end and text[nxt].isspace():
                nxt += 1
            if nxt >= b_end or not _OPENER.match(text, nxt):
                continue
            punct = m.group(0)
            if (
                punct.startswith(".")
                and len(punct.rstrip("\"'”’)]")) == 1
                and _is_abbreviation(text, m.start() + 1)
            ):
                continue
            span = _strip(text, start, end)
            if span is not None:
                spans.append(span)
            start = end
        span = _strip(text, start, b_end)
        if span is not None:
            spans.append(span)
    return spans
