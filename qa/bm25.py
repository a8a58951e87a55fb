"""Lexical retrieval: a BM25 index over the stored chunks, rebuilt when the store changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.store import Store, StoredChunk


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


class BM25Index:
    """BM25 (Lucene variant, English stop words, Snowball stems) over a fixed set of chunks."""

    def __init__(self, chunks: Sequence[StoredChunk]) -> None:
        import bm25s

        self.chunks = list(chunks)
        self._tok = bm25s.tokenization.Tokenizer(stopwords="en", stemmer=_stemmer())
        self._bm25 = bm25s.BM25()
        if self.chunks:
            ids = self._tok.tokenize(
                [c.text for c in self.chunks],
                update_vocab=True,
                return_as="ids",
                show_progress=False,
            )
            self._bm25.index(ids, show_progress=False)

    def search(self, query: str, n: int) -> list[tuple[StoredChunk, float]]:
        """Up to ``n`` chunks that share at least one term with ``query``, best first."""
        if not self.chunks or n <= 0:
            return []
        q = self._tok.tokenize([query], update_vocab=False, return_as="ids", show_progress=False)
        if not any(q[0]):
            return []
        docs, scores = self._bm25.retrieve(
            q, k=min(n, len(self.chunks)), show_progress=False, n_threads=0
        )
        return [
            (self.chunks[int(i)], float(s))
            for i, s in zip(docs[0], scores[0], strict=True)
            if s > 0
        ]


@dataclass
class _Entry:
    version: str
    generation: int
    checked_at: float
    index: BM25Index


class BM25Cache:
    """Keeps one index per store, rebuilt when the store's content changes.

    Writes made through this process's ``Store`` invalidate at once (``Store.generation``); the
    store-wide version (which also sees other processes' writes) is read at most every
    ``check_every`` seconds, so queries stay fast.
    """

    def __init__(self, check_every: float = 2.0) -> None:
        self.check_every = check_every
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}

    def get(self, store: Store) -> BM25Index:
        with self._lock:
            now = time.monotonic()
            e = self._entries.get(str(store.location))
            if e and e.generation == store.generation and now - e.checked_at < self.check_every:
                return e.index
            version = store.version()
            if e is None or e.version != version:
                e = _Entry(version, store.generation, now, BM25Index(store.chunks()))
            e.generation, e.checked_at = store.generation, now
            self._entries[str(store.location)] = e
            return e.index


BM25_CACHE = BM25Cache()
