"""The records that travel down the data path: a cleaned document and its chunks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property


def content_hash(*parts: str) -> str:
    """A stable hex digest of text parts; equal inputs always give equal ids."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


DERIVED = "dates+quotes/4"
"""Version of what ingest derives from an article; bump it when that changes."""


@dataclass(frozen=True)
class Document:
    """An article after reading and cleaning: ``text`` is what offsets point into."""

    source: str
    text: str
    title: str = ""
    date: str = ""
    doc_id: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.doc_id:
            object.__setattr__(self, "doc_id", content_hash(self.source)[:16])

    @cached_property
    def content_hash(self) -> str:
        """Changes whenever anything stored about the document changes (computed once),
        including what ingest derives from it (``DERIVED``: date source, quotes), so an upgrade
        re-derives once."""
        return content_hash(
            self.text, self.title, self.date, self.meta.get("date_source", ""), DERIVED
        )


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences of a document; ``text == document.text[start:end]``."""

    doc_id: str
    doc_hash: str
    index: int
    text: str
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...] = ()
    """Sentence spans as offsets into ``text`` (split once, at ingest)."""

    @property
    def chunk_id(self) -> str:
        """Derived from the content: the same article text always gives the same ids, and a
        changed article gives all-new ids, so its old chunks can go once the new ones are in."""
        return f"{self.doc_id}-{content_hash(self.doc_hash, str(self.start), self.text)[:16]}"
