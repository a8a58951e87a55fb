"""Relative dates ("on Friday", "yesterday") resolved against the article's publication date.

News convention: a weekday in past-tense reporting is the latest such day on or before the
publication date ("reopened on Friday" in Saturday's paper = the day before); in a sentence
about what will happen ("will open on Friday") it is the next such day on or after it.
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
    future = bool(_FUTURE.search(sentence))
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
            delta = ahead if future else -behind
        out.append(
            Resolved(m.start("day"), m.end("day"), m.group("day"), base + dt.timedelta(days=delta))
        )
    return out
