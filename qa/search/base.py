"""What every searcher is: ``search(query, k)`` → hits, best first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ingest.store import StoredChunk


@dataclass(frozen=True)
class Hit:
    """A stored chunk a searcher found, with the searcher's score (higher is better)."""

    chunk: StoredChunk
    score: float


@runtime_checkable
class Searcher(Protocol):
    """Anything that ranks stored chunks for a query: dense, lexical, fused, reranked."""

    def search(self, query: str, k: int) -> list[Hit]:
        """Up to ``k`` hits for ``query``, best first."""
        ...
