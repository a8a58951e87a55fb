"""Date ranges over article publication dates: from options, or read from the question.

``DateRange(since, until)`` is inclusive at both ends (ISO ``YYYY-MM-DD``; either may be "").
Articles without a known date are outside every range that is set: a filter on time cannot
vouch for an undated article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ingest.dates import parse_day

__all__ = ["DateRange", "date_range", "range_in_question"]


@dataclass(frozen=True)
class DateRange:
    """Publication dates from ``since`` to ``until``, both included; "" leaves that end open.

    ``implied`` is True when the range was read from the question's words ("as of March
    2025") rather than asked for: the pipeline then falls back to all articles when no dated
    article matches.
    """

    since: str = ""
    until: str = ""
    implied: bool = False

    def __bool__(self) -> bool:
        return bool(self.since or self.until)

    def admits(self, date: str) -> bool:
        """Whether an article dated ``date`` (ISO, or "" when unknown) is in the range."""
        if not self:
            return True
        if not date:
            return False
        return (not self.since or date >= self.since) and (not self.until or date <= self.until)

    def chroma_where(self) -> dict[str, Any] | None:
        """The same range as a Chroma ``where`` on the chunks' ``date_num`` (20250314)."""
        parts: list[dict[str, Any]] = []
        if self.since:
            parts.append({"date_num": {"$gte": int(self.since.replace("-", ""))}})
        if self.until:
            parts.append({"date_num": {"$lte": int(self.until.replace("-", ""))}})
        if not parts:
            parts.append({"date_num": {"$gt": 0}})
        return parts[0] if len(parts) == 1 else {"$and": parts}

    def describe(self) -> str:
        if self.since and self.until:
            return f"articles dated {self.since} to {self.until}"
        return (
            f"articles dated since {self.since}"
            if self.since
            else f"articles dated up to {self.until}"
        )


def _bound(value: str | dt.date | None, *, end: bool) -> str:
    """An ISO day from ``2025-03-14``, ``2025-03``, ``2025`` or a written date."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-12-31" if end else f"{text}-01-01"
    month = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if month:
        y, m = int(month.group(1)), int(month.group(2))
        return dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1).isoformat()
    day = parse_day(text)
    if not day:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return day


def date_range(since: str | dt.date | None = None, until: str | dt.date | None = None) -> DateRange:
    """A ``DateRange`` from user input; a bare year or month covers all of it.

    Raises:
        ValueError: a bound that is not a date, or ``since`` after ``until``.
    """
    r = DateRange(_bound(since, end=False), _bound(until, end=True))
    if r.since and r.until and r.since > r.until:
        raise ValueError(f"--since {r.since} is after --until {r.until}")
    return r


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_WHEN = (
    rf"((?:\d{{1,2}} )?(?:{_MONTHS})(?: \d{{1,2}})?,? \d{{4}}|\d{{4}}-\d{{2}}(?:-\d{{2}})?|\d{{4}})"
)
_AS_OF = re.compile(rf"\b(?:as of|as at|by|until|before)\s+{_WHEN}\b", re.I)
_SINCE = re.compile(rf"\b(?:since|after)\s+{_WHEN}\b", re.I)
_IN = re.compile(rf"\b(?:in|during)\s+((?:{_MONTHS})\s+\d{{4}}|\d{{4}})\b", re.I)
_ASKS_TIME = re.compile(r"^\s*(when|what year|which year|what date|how long)\b", re.I)


def _month_or_year(text: str, *, end: bool) -> str:
    m = re.fullmatch(rf"({_MONTHS})\s+(\d{{4}})", text.strip(), re.I)
    if m:
        month = list(calendar.month_name).index(m.group(1).capitalize())
        return _bound(f"{m.group(2)}-{month:02d}", end=end)
    return _bound(text, end=end)


def range_in_question(question: str) -> DateRange:
    """The publication-date range a question's words imply, or an empty range.

    "as of March 2025" / "by 2024" → up to the end of that period; "since 2024" → from its
    start; "in 2024" / "in March 2025" → that period, unless the question asks *when*
    something happened ("When did construction start in 2023?" is not about 2023's articles).
    """
    since = until = ""
    for m in _AS_OF.finditer(question):
        until = _month_or_year(m.group(1), end=True)
    for m in _SINCE.finditer(question):
        since = _month_or_year(m.group(1), end=False)
    if not since and not until and not _ASKS_TIME.search(question):
        found = _IN.search(question)
        if found:
            since, until = (
                _month_or_year(found.group(1), end=False),
                _month_or_year(found.group(1), end=True),
            )
    return DateRange(since, until, implied=True)
