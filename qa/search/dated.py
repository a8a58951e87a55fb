"""A searcher restricted to articles published in a date range.

Dense search asks Chroma for the range directly (a ``where`` on the chunks' ``date_num``), so
the k nearest *dated-in-range* chunks come back; lexical search ranks the whole index and keeps
the hits in range; fused search filters each peer the same way before fusing.
"""

from __future__ import annotations

from qa.news.daterange import DateRange
from qa.search.base import Hit, Searcher
from qa.search.bm25 import BM25Searcher
from qa.search.dense import DenseSearcher
from qa.search.fusion import HybridSearcher

_OVERFETCH = 20


class DateFilter:
    """``searcher``'s hits whose article date is in ``dates`` (see ``date_filtered``)."""

    def __init__(self, searcher: Searcher, dates: DateRange) -> None:
        self.searcher = searcher
        self.dates = dates

    def search(self, query: str, k: int) -> list[Hit]:
        inner = self.searcher
        if isinstance(inner, DenseSearcher):
            return DenseSearcher(inner.store, where=self.dates.chroma_where()).search(query, k)
        if isinstance(inner, BM25Searcher):
            index = inner.index()
            hits = index.search(query, len(index.chunks))
        else:
            hits = inner.search(query, k * _OVERFETCH)
        return [h for h in hits if self.dates.admits(h.chunk.date)][:k]


def date_filtered(searcher: Searcher, dates: DateRange) -> Searcher:
    """``searcher`` restricted to ``dates`` (itself when the range is empty)."""
    if not dates:
        return searcher
    if isinstance(searcher, HybridSearcher):
        return HybridSearcher(
            [(DateFilter(s, dates), w) for s, w in searcher.peers],
            candidates=searcher.candidates,
            rrf_k=searcher.rrf_k,
        )
    return DateFilter(searcher, dates)
