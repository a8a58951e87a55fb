"""The store seam: what every part of citeqa may ask of a store, and ``open_store``.

``Store`` is a Protocol: the web chat, retrieval and eval type against it, and any object with
these methods plugs in. The Chroma implementation is :class:`ingest.chroma_store.ChromaStore`.

Promises every implementation keeps (tested in ``tests/ingest/test_store*.py``):

- Reads see only *committed* chunks of each document's *current* version: chunks a crashed or
  still-running writer left without a document record, and old chunks of a replaced document,
  are never returned, whether or not ``repair()`` has run.
- Writers exclude each other (a store-level lock), so ``repair()`` never deletes chunks another
  live writer has not committed yet.
- Sentence vectors (``sentence_vectors``) are a cache keyed by sentence text, never the truth:
  any vector returned is the embedder's vector of exactly that text; a text without one is
  simply absent (the answerer embeds it). A store may keep none.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from ingest.location import StoreLocation

if TYPE_CHECKING:
    from citeqa.settings import Settings
    from ingest.embed import Embedder
    from ingest.types import Chunk, Document

Span = tuple[int, int]


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message is one line naming the store and the fix."""


class StoreMissing(StoreError):
    """There is no store at the location yet (only ingest creates one)."""


class StoreBusy(StoreError):
    """Another writer held the store's lock for longer than the wait allowed."""


@dataclass(frozen=True)
class DocInfo:
    """One stored document, as listed by ``citeqa docs``."""

    doc_id: str
    source: str
    title: str
    date: str
    n_chunks: int
    content_hash: str
    ingested_at: float
    date_source: str = ""  # where the date came from: meta, json-ld, time, dateline, ...
    quotes: str = ""  # the article's attributed quotes, JSON (``ingest.quotes``)


@dataclass(frozen=True)
class StoredChunk:
    """A committed chunk, with the document fields a citation needs.

    ``sentences`` are the chunk's sentence spans, offsets into ``text``, as split at ingest
    (empty for chunks stored before spans were kept).
    """

    chunk_id: str
    doc_id: str
    index: int
    text: str
    start: int
    end: int
    source: str
    title: str
    date: str
    sentences: tuple[Span, ...] = ()
    date_source: str = ""


@dataclass(frozen=True)
class Prepared:
    """A document ready to be written: its chunks and their vectors, row for row.

    ``sentence_vectors``: sentence text → vector for sentences of these chunks the store does
    not keep yet (``ingest.sentence_vectors``); a store that keeps none ignores them.
    """

    doc: Document
    chunks: list[Chunk]
    vectors: np.ndarray
    sentence_vectors: dict[str, np.ndarray] = field(default_factory=dict)


@runtime_checkable
class Store(Protocol):
    """citeqa's view of a store of documents and their embedded chunks."""

    @property
    def location(self) -> StoreLocation: ...

    embedder: Embedder
    """The model the store's vectors were made with (settable: a caller may wrap it)."""

    @property
    def generation(self) -> int:
        """Bumped by every write through this object (cheap in-process cache key)."""
        ...

    def documents(self) -> list[DocInfo]: ...

    def document(self, doc_id: str) -> DocInfo | None:
        """The document's record; None when it is not (or no longer) stored."""
        ...

    def document_text(self, doc_id: str) -> str:
        """The cleaned text offsets point into; ``KeyError`` when the document is gone."""
        ...

    def chunks(self, doc_id: str | None = None) -> list[StoredChunk]: ...

    def count(self) -> int: ...

    def search(
        self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[StoredChunk, float]]:
        """The ``n`` chunks nearest to ``vector`` among those the metadata filter ``where``
        admits (e.g. ``{"date_num": {"$gte": 20250101}}``), with cosine similarity."""
        ...

    def vectors(self, chunk_ids: Sequence[str]) -> np.ndarray:
        """The stored vectors of ``chunk_ids``, row for row (``KeyError`` for an unknown id)."""
        ...

    def sentence_vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The kept vectors of those ``texts`` that have one (text → vector, each exactly what
        ``embedder.embed([text])`` gives); texts without are left out. A store that keeps no
        sentence vectors returns ``{}``, and answers are the same, only slower."""
        ...

    def version(self) -> str:
        """A token that changes with every write by any process (one record read)."""
        ...

    def sync(self) -> bool:
        """Catch up with other processes' writes (True when the store had to be reopened)."""
        ...

    def put(self, items: Sequence[Prepared]) -> None: ...

    def remove(self, doc_id: str) -> bool: ...

    def repair(self) -> int: ...

    def is_complete(self, doc_id: str, content_hash: str, n_chunks: int) -> bool:
        """Whether all ``n_chunks`` chunks of that version of the document are stored."""
        ...


def spans_to_meta(spans: Sequence[Span]) -> str:
    """Sentence spans as the compact JSON string kept in chunk metadata."""
    return json.dumps([list(s) for s in spans], separators=(",", ":"))


def spans_from_meta(value: object) -> tuple[Span, ...]:
    """The inverse of :func:`spans_to_meta`; () for a missing or malformed value."""
    if not isinstance(value, str) or not value:
        return ()
    try:
        return tuple((int(a), int(b)) for a, b in json.loads(value))
    except (ValueError, TypeError):
        return ()


def open_store(
    store: Store | str | Path | StoreLocation | None = None,
    *,
    create: bool = False,
    chroma_url: str | None = None,
    embedder: Embedder | None = None,
    settings: Settings | None = None,
) -> Store:
    """Open (once per process) the store at a folder, an ``http(s)://`` URL, or settings'.

    Args:
        store: an open Store (returned as is), a folder, a URL, a StoreLocation, or None.
        create: make the store when it does not exist (only ingest paths ask for this);
            otherwise a missing store raises :class:`StoreMissing`.
        chroma_url: a server URL; wins over ``store`` (the CLI's ``--chroma-url``).
        embedder: defaults to the settings' model.
        settings: defaults to ``get_settings()``.

    Raises:
        StoreMissing: nothing stored there yet and ``create`` is False.
        StoreError: a file where the folder should be, a damaged database, an unreachable
            server, or a store built with another embedding model.
    """
    if store is not None and not isinstance(store, (str, Path, StoreLocation)):
        return store
    from citeqa.settings import get_settings
    from ingest.chroma_open import open_chroma_store

    location = (
        store
        if isinstance(store, StoreLocation) and chroma_url is None
        else StoreLocation.parse(
            None if isinstance(store, StoreLocation) else store,
            chroma_url=chroma_url,
            settings=settings,
        )
    )
    search_ef = (settings or get_settings()).search_ef
    return open_chroma_store(location, create=create, embedder=embedder, search_ef=search_ef)
