"""``timeline(entity)``: dated, cited sentences about an entity across the articles, oldest first.

Extractive only: each line is a sentence of an article, as written, naming the entity (its
full name or its last word: "Ilse Brandt" also matches "Brandt"). A line's date is the date the
sentence itself names when it names one — a full date ("March 14, 2025") or a weekday resolved
against its article's date — else its article's publication date; ``date_note`` says which.
The same sentence in several articles is one line citing them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from ingest.dates import parse_day
from ingest.sentences import split_sentences
from ingest.store import DocInfo
from qa.news.relative import resolve_relative
from qa.types import Citation

__all__ = ["TimelineEntry", "timeline"]

_FULL_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2},?\s+\d{4}\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+\d{4}\b"
)


class _DocStore(Protocol):
    def documents(self) -> list[DocInfo]: ...
    def document_text(self, doc_id: str) -> str: ...


@dataclass
class TimelineEntry:
    """One line: ``date`` (ISO), why that date (``date_note``), the sentence, its citations."""

    date: str
    date_note: str
    text: str
    citations: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.date,
            "date_note": self.date_note,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
        }


def _matcher(entity: str) -> re.Pattern[str]:
    words = entity.split()
    names = {re.escape(entity)}
    if len(words) > 1 and words[-1][:1].isupper():
        names.add(re.escape(words[-1]))
    return re.compile(r"\b(?:" + "|".join(sorted(names, key=len, reverse=True)) + r")\b", re.I)


def _event_date(sentence: str, published: str) -> tuple[str, str]:
    m = _FULL_DATE.search(sentence)
    if m and parse_day(m.group(0)):
        return parse_day(m.group(0)), "named in the sentence"
    resolved = resolve_relative(sentence, published) if published else []
    if resolved:
        return resolved[0].day.isoformat(), f"“{resolved[0].text}”, read against the article date"
    return published, "article date" if published else "undated article"


def _lines_of_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, each cut at line breaks: a headline without a full stop runs into the
    sentence after it, and the entity's own line is what the timeline quotes."""
    out: list[tuple[int, int]] = []
    for sp in split_sentences(text):
        start = sp.start
        for part in text[sp.start : sp.end].split("\n"):
            a = start + len(part) - len(part.lstrip())
            b = start + len(part.rstrip())
            if b > a:
                out.append((a, b))
            start += len(part) + 1
    return out


def timeline(store: _DocStore, entity: str, *, limit: int = 50) -> list[TimelineEntry]:
    """The dated lines about ``entity`` in ``store``, oldest first (undated ones last)."""
    if not entity.strip():
        raise ValueError("timeline needs an entity (a name, a place, a thing)")
    pattern = _matcher(entity.strip())
    lines: dict[str, TimelineEntry] = {}
    for doc in store.documents():
        text = store.document_text(doc.doc_id)
        for start, end in _lines_of_sentences(text):
            sentence = text[start:end]
            if not pattern.search(sentence):
                continue
            key = " ".join(sentence.lower().split())
            date, note = _event_date(sentence, doc.date)
            entry = lines.setdefault(key, TimelineEntry(date, note, sentence))
            entry.citations.append(
                Citation(0, doc.doc_id, doc.source, doc.title, sentence, start, end, 1.0, doc.date)
            )
    ordered = sorted(lines.values(), key=lambda e: (e.date or "9999", e.citations[0].date, e.text))
    n = 0
    for entry in ordered:
        for i, c in enumerate(entry.citations):
            n += 1
            entry.citations[i] = Citation(**{**c.to_dict(), "n": n})
    return ordered[:limit]
