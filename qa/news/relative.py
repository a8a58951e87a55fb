"""Relative dates ("on Friday", "yesterday") resolved against the article's publication date.

News convention: a weekday in past-tense reporting is the latest such day on or before the
publication date ("reopened on Friday" in Saturday's paper = the day before); in a sentence
about what will happen ("will open on Friday") it is the next such day on or after it. The tense
is read in the weekday's own clause when that clause has a verb of either tense ("Fares will
rise from February 1, the operator announced on Tuesday": past), else in the whole sentence
("On Friday, the council will vote": future).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Resolved", "format_day", "resolve_relative"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_RELATIVE = re.compile(
    r"\b(?:(?P<which>last|next|this|on)\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b|\b(?P<word>yesterday|today|tomorrow)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(will|would|shall|is due|are due|is expected|are expected|is scheduled|are scheduled|"
    r"plans? to|is set to|are set to|next|upcoming|tomorrow)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(\w{3,}ed|said|told|was|were|had|did|took|made|met|began|held|won|lost|came|went|gave|"
    r"left|sent|saw|found|spoke|wrote|struck|broke|rose|fell|ran|paid|sold|bought|chose)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:()—–]|\b(?:and|but|while|after|before|as)\b", re.I)


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` around ``start:end`` (between commas, dashes, "and", …)."""
    cuts = list(_CLAUSE_END.finditer(sentence))
    lo = max((m.end() for m in cuts if m.end() <= start), default=0)
    hi = min((m.start() for m in cuts if m.start() >= end), default=len(sentence))
    return sentence[lo:hi]


def _future(sentence: str, start: int, end: int) -> bool:
    """Whether the weekday at ``start:end`` is about what will happen (see the module doc).

    >>> s = "Fares will rise from February 1, the operator Tidelink announced on Tuesday."
    >>> _future(s, s.index("Tuesday"), s.index("Tuesday") + 7)
    False
    >>> s = "On Friday, the council will vote on the plan."
    >>> _future(s, 3, 9)
    True
    """
    clause = _clause(sentence, start, end)
    if _FUTURE.search(clause):
        return True
    if _PAST.search(clause):
        return False
    return bool(_FUTURE.search(sentence))


@dataclass(frozen=True)
class Resolved:
    """A relative expression at ``start:end`` of a sentence and the day it names."""

    start: int
    end: int
    text: str
    day: dt.date


def format_day(day: dt.date) -> str:
    """``14 Mar 2025``."""
    return f"{day.day} {day.strftime('%b %Y')}"


def resolve_relative(sentence: str, published: str) -> list[Resolved]:
    """Each weekday / yesterday / today / tomorrow in ``sentence``, as a calendar day.

    Args:
        sentence: the text to read.
        published: the article's date (ISO); nothing is resolved without one.
    """
    try:
        base = dt.date.fromisoformat(published)
    except ValueError:
        return []
    out: list[Resolved] = []
    for m in _RELATIVE.finditer(sentence):
        if m.group("word"):
            offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group("word").lower()]
            day = base + dt.timedelta(days=offset)
            out.append(Resolved(m.start("word"), m.end("word"), m.group("word"), day))
            continue
        target = _WEEKDAYS.index(m.group("day").lower())
        which = (m.group("which") or "").lower()
        ahead = (target - base.weekday()) % 7
        behind = (base.weekday() - target) % 7
        if which == "next":
            delta = ahead or 7
        elif which == "last":
            delta = -(behind or 7)
        else:
            delta = ahead if _future(sentence, m.start("day"), m.end("day")) else -behind
        out.append(
            Resolved(m.start("day"), m.end("day"), m.group("day"), base + dt.timedelta(days=delta))
        )
    return out
