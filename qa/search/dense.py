"""Dense search: the query's embedding against the chunk vectors in Chroma (cosine)."""

from __future__ import annotations

from typing import Any

from ingest.store import Store
from qa.search.base import Hit
from qa.vectors import VECTORS


class DenseSearcher:
    """Nearest chunks by cosine, encoded with the store's own embedder.

    ``where``: a Chroma metadata filter the chunks must pass (e.g. a date range); none by default.
    """

    def __init__(self, store: Store, where: dict[str, Any] | None = None) -> None:
        self.store = store
        self.where = where

    def search(self, query: str, k: int) -> list[Hit]:
        self.store.sync()  # see what other processes wrote since the last question
        # Through the shared cache: the answerer compares the same query with its sentences.
        vector = VECTORS.embed(self.store.embedder, [query])[0]
        found = (
            self.store.search(vector, k, where=self.where)
            if self.where
            else self.store.search(vector, k)
        )
        return [Hit(c, s) for c, s in found]
