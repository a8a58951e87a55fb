"""Wire-service datelines: which news agency filed a story.

An agency that filed a story is named in its dateline ("MOSCOW (Reuters) — …", "(TASS) Turkey
and its counterparts …"), not in a sentence saying it reported, so "Which news agency reported
the minister's remarks?" has no sentence for the answerer to find. ``agency_answer`` takes that
question before the answerer: it names the agency in the dateline of the article the retrieval
ranks first, and quotes the sentence the dateline heads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ingest.sentences import split_sentences
from qa.markers import format_marker
from qa.types import LEAD_SEPARATOR, Answer, Citation, Passage

__all__ = ["Dateline", "agency_answer", "agency_question", "dateline"]

_QUESTION = re.compile(
    r"\b(?:news|wire|press)\s+(?:agency|agencies|service)\b|\bnewswire\b"
    r"|\bwhich\s+agency\s+(?:reported|filed|wrote|published|carried)\b",
    re.I,
)
# "(TASS) Turkey …", "MOSCOW (Reuters) - …", "LONDON, March 3 (AP) — …" at a paragraph's start
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z.]{2,9}\s+\d{1,2}(?:,\s*\d{4})?)?\s*)?"
    r"\((?P<agency>[A-Z][A-Za-z.’' -]{0,30})\)\s*[-–—:]?\s*(?=\S)",
    re.M,
)
_AGENCIES = frozenset(
    [
        "reuters",
        "ap",
        "associated press",
        "afp",
        "agence france-presse",
        "tass",
        "itar-tass",
        "xinhua",
        "dpa",
        "upi",
        "bloomberg",
        "pti",
        "ians",
        "ani",
        "kyodo",
        "yonhap",
        "interfax",
        "ria novosti",
        "sputnik",
        "anadolu",
        "efe",
        "ansa",
        "irna",
        "mena",
        "wafa",
        "bernama",
        "antara",
        "cna",
        "aap",
        "canadian press",
        "press association",
        "pa",
    ]
)
_OPENING = 6  # paragraphs a dateline may sit in (a headline and a standfirst can precede it)
DATELINE_CONFIDENCE = 0.9
"""The confidence of an agency named by a dateline: set a priori, not learned or measured
(a dateline is the agency's own mark on the story; the checking sets hold one such question)."""


class _Texts(Protocol):
    def text(self, doc_id: str) -> str: ...


@dataclass(frozen=True)
class Dateline:
    """The agency a dateline names, and the sentence it heads (offsets into the article)."""

    agency: str
    start: int
    end: int


def agency_question(question: str) -> bool:
    """Whether ``question`` asks which news agency reported something.

    >>> agency_question("Which news agency reported the defense minister's remarks?")
    True
    >>> agency_question("Which agency inspected the dam?")  # a government agency, not a wire
    False
    """
    return bool(_QUESTION.search(question))


def dateline(text: str) -> Dateline | None:
    """The wire-agency dateline in the opening paragraphs of ``text``, if there is one: a known
    agency, or a short all-capitals name, in brackets at a paragraph's start.

    >>> d = dateline("Talks resume\\n\\nMOSCOW (Reuters) - Talks resumed on Monday. More later.")
    >>> d.agency, d.start
    ('Reuters', 14)
    >>> dateline("The bridge (built 1962) reopened.") is None
    True
    """
    opening = _opening(text)
    for m in _DATELINE.finditer(text, 0, opening):
        agency = m.group("agency").strip()
        if agency.lower() in _AGENCIES or (agency.isupper() and 2 <= len(agency) <= 6):
            for s in split_sentences(text):
                if s.start <= m.start("agency") < s.end:
                    return Dateline(agency, s.start, s.end)
    return None


def agency_answer(question: str, passages: Sequence[Passage], texts: _Texts) -> Answer | None:
    """ "Which news agency reported …?" answered from the dateline of the article the retrieval
    ranks first; None when not asked so or when that article has no dateline (the answerer then
    reads the passages)."""
    if not passages or not agency_question(question):
        return None
    top = passages[0]
    text = texts.text(top.doc_id)
    found = dateline(text)
    if found is None:
        return None
    quote = text[found.start : found.end]
    cite = Citation(
        1, top.doc_id, top.source, top.title, quote, found.start, found.end, top.score, top.date
    )
    return Answer(
        question,
        f"{found.agency}{LEAD_SEPARATOR}“{quote}” {format_marker(1)}",
        True,
        short=found.agency,
        citations=[cite],
        confidence=DATELINE_CONFIDENCE,
    )


def _opening(text: str) -> int:
    """Where the first ``_OPENING`` non-empty lines of ``text`` end."""
    for n, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text), start=1):
        if n == _OPENING:
            return m.end()
    return len(text)
