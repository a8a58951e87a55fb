"""Lexical search: BM25 over the stored chunks, rebuilt when the store changes.

The index belongs to its ``BM25Searcher``; the store's version (one record, changed by every
write of any process) is read on each query, so documents ingested or removed by another process
are seen at the next question.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ingest.store import Store, StoredChunk
from qa.search.base import Hit


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

    def search(self, query: str, k: int) -> list[Hit]:
        """Up to ``k`` chunks that share at least one term with ``query``, best first."""
        if not self.chunks or k <= 0:
            return []
        q = self._tok.tokenize([query], update_vocab=False, return_as="ids", show_progress=False)
        if not any(q[0]):
            return []
        docs, scores = self._bm25.retrieve(
            q, k=min(k, len(self.chunks)), show_progress=False, n_threads=0
        )
        return [
            Hit(self.chunks[int(i)], float(s))
            for i, s in zip(docs[0], scores[0], strict=True)
            if s > 0
        ]


class BM25Searcher:
    """BM25 over a store, its index rebuilt whenever the store's version changes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._version: str | None = None
        self._index: BM25Index | None = None

    def index(self) -> BM25Index:
        """The index for the store as it is now (rebuilt only after a write)."""
        with self._lock:
            version = self.store.version()
            if self._index is None or version != self._version:
                self._index = BM25Index(self.store.chunks())
                self._version = version
            return self._index

    def search(self, query: str, k: int) -> list[Hit]:
        return self.index().search(query, k)
