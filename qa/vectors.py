"""An LRU cache of sentence embeddings keyed by (embedder name, text), shared by the answerers."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from ingest.embed import Embedder


class VectorCache:
    """Embeddings of texts seen before, keyed by embedder and text (LRU, thread-safe)."""

    def __init__(self, size: int = 8192) -> None:
        self._size = size
        self._data: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every cached vector (benchmarks use it to measure cold answers)."""
        with self._lock:
            self._data.clear()

    def items(self) -> list[tuple[tuple[str, str], np.ndarray]]:
        """Everything cached, oldest first (to persist it)."""
        with self._lock:
            return list(self._data.items())

    def load(self, items: Sequence[tuple[tuple[str, str], np.ndarray]]) -> None:
        """Add ``items`` as returned by ``items()``."""
        with self._lock:
            self._data.update(items)

    def embed(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        """The vectors of ``texts`` (rows in order); only texts not cached are encoded."""
        name = getattr(embedder, "name", type(embedder).__name__)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if (name, t) not in self._data]
        if missing:
            vectors = embedder.embed(missing)
            with self._lock:
                for t, v in zip(missing, vectors, strict=True):
                    self._data[(name, t)] = v
                while len(self._data) > self._size:
                    self._data.popitem(last=False)
        with self._lock:
            out = []
            for t in texts:
                self._data.move_to_end((name, t))
                out.append(self._data[(name, t)])
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
