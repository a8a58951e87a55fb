"""A thread-safe LRU of values computed from texts (vectors, token vectors, parses)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Generic, TypeVar

V = TypeVar("V")


class TextLRU(Generic[V]):
    """Values of texts seen before, keyed by (producer name, text): LRU, thread-safe."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[tuple[str, str], V] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def items(self) -> list[tuple[tuple[str, str], V]]:
        """Everything kept, oldest first (to persist it)."""
        with self._lock:
            return list(self._data.items())

    def load(self, items: Sequence[tuple[tuple[str, str], V]]) -> None:
        """Add ``items`` as returned by ``items()``."""
        with self._lock:
            self._data.update(items)

    def hits(self, name: str, texts: Sequence[str]) -> dict[str, V]:
        """The kept values of ``texts`` (marked as just used)."""
        have: dict[str, V] = {}
        with self._lock:
            for t in dict.fromkeys(texts):
                if (name, t) in self._data:
                    self._data.move_to_end((name, t))
                    have[t] = self._data[(name, t)]
        return have

    def put(self, name: str, found: dict[str, V]) -> None:
        """Keep ``found``, forgetting the least recently used beyond the size. Callers answer
        from what they looked up and made, never by reading back: an eviction in between (by
        this call or another thread) must not lose a row."""
        with self._lock:
            for t, v in found.items():
                self._data[(name, t)] = v
            while len(self._data) > self._size:
                self._data.popitem(last=False)
