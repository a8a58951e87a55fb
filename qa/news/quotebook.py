"""The store's quotations, read once per store version: by article, by speaker."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from ingest.quotes import Quote, quotes_from_json
from ingest.store import DocInfo

__all__ = ["Attributed", "QuoteBook"]


class _DocStore(Protocol):
    def documents(self) -> list[DocInfo]: ...
    def document_text(self, doc_id: str) -> str: ...
    def version(self) -> str: ...


@dataclass(frozen=True)
class Attributed:
    """A quote with its article: the claim's words and where they stand."""

    quote: Quote
    doc: DocInfo
    words: str
    sentence: str


def same_speaker(asked: str, speaker: str) -> bool:
    """ "Brandt", "Ilse Brandt" and "Mayor Ilse Brandt" name the same speaker (whole words)."""
    a = [w.lower() for w in asked.replace("'s", "").split()]
    b = [w.lower() for w in speaker.split()]
    if not a or not b or a[-1] in _PRONOUNS:
        return False
    return a[-1] == b[-1] or any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "i", "we", "you"})


class QuoteBook:
    """Every stored article's quotes, refreshed when the store's version changes."""

    def __init__(self, store: _DocStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._version: str | None = None
        self._docs: dict[str, DocInfo] = {}
        self._quotes: dict[str, list[Quote]] = {}
        self._texts: dict[str, str] = {}

    def _refresh(self) -> None:
        version = self.store.version()
        if version == self._version:
            return
        docs = self.store.documents()
        self._docs = {d.doc_id: d for d in docs}
        self._quotes = {d.doc_id: quotes_from_json(d.quotes) for d in docs}
        self._texts = {}
        self._version = version

    def doc(self, doc_id: str) -> DocInfo | None:
        with self._lock:
            self._refresh()
            return self._docs.get(doc_id)

    def text(self, doc_id: str) -> str:
        with self._lock:
            if doc_id not in self._texts:
                self._texts[doc_id] = self.store.document_text(doc_id)
            return self._texts[doc_id]

    def of_doc(self, doc_id: str) -> list[Quote]:
        with self._lock:
            self._refresh()
            return list(self._quotes.get(doc_id, []))

    def by_speaker(self, name: str) -> list[Attributed]:
        """Every claim attributed to ``name``, across the articles, oldest article first."""
        with self._lock:
            self._refresh()
            found = [
                (self._docs[d], q)
                for d, qs in self._quotes.items()
                for q in qs
                if same_speaker(name, q.speaker)
            ]
        out = []
        for doc, q in found:
            text = self.text(doc.doc_id)
            out.append(
                Attributed(q, doc, text[q.start : q.end], text[q.sentence_start : q.sentence_end])
            )
        return sorted(out, key=lambda a: (a.doc.date or "9999", a.doc.doc_id, a.quote.start))
