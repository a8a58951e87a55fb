"""An LRU cache of sentence embeddings keyed by (embedder name, text), shared by the answerers.

A text missing from memory is asked of the store first, when the embedder is a
``StoreEmbedder`` (the vectors ingest kept, ``ingest.sentence_vectors``), and only then embedded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from ingest.embed import Embedder
from ingest.store import Store, StoreError
from qa.lru import TextLRU


@runtime_checkable
class KeptVectors(Protocol):
    """An embedder that may already know some texts' vectors (without computing them)."""

    def kept(self, texts: Sequence[str]) -> dict[str, np.ndarray]: ...


class StoreEmbedder:
    """The store's embedder, plus the sentence vectors the store keeps (``kept``).

    ``embed`` always computes (``store.embedder.embed``); ``VectorCache.embed`` asks ``kept``
    first for texts it has not seen. A store that keeps none, or fails to answer, only costs
    the embedding.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.inner = store.embedder
        self.name = self.inner.name
        self.dim = self.inner.dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed(texts)

    def kept(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        lookup = getattr(self.store, "sentence_vectors", None)
        if lookup is None:
            return {}
        try:
            found: dict[str, np.ndarray] = lookup(texts)
        except StoreError:  # the cache is unreachable: embed as if it were empty
            return {}
        return found


class VectorCache(TextLRU[np.ndarray]):
    """Embeddings of texts seen before, keyed by embedder and text (LRU, thread-safe)."""

    def __init__(self, size: int = 8192) -> None:
        super().__init__(size)

    def embed(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        """The vectors of ``texts`` (rows in order); only texts neither cached nor kept by the
        embedder (``KeptVectors``) are encoded."""
        name = getattr(embedder, "name", type(embedder).__name__)
        have = self.hits(name, texts)
        missing = [t for t in dict.fromkeys(texts) if t not in have]
        found: dict[str, np.ndarray] = {}
        if missing and isinstance(embedder, KeptVectors):
            found = embedder.kept(missing)
            missing = [t for t in missing if t not in found]
        if missing:
            found.update(zip(missing, embedder.embed(missing), strict=True))
        if found:
            self.put(name, found)
            have.update(found)
        out = [have[t] for t in texts]
        return np.stack(out) if out else np.zeros((0, embedder.dim), dtype=np.float32)


VECTORS = VectorCache(size=65536)


class CachingEmbedder:
    """An embedder that answers from ``VECTORS`` first (same ``name`` and ``dim`` as ``inner``)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return VECTORS.embed(self.inner, texts)
