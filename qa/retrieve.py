"""Retrieval: the configured searcher over a store, its hits turned into passages."""

from __future__ import annotations

from ingest.store import Store
from qa.config import RetrievalConfig
from qa.search import BM25Searcher, DenseSearcher, Hit, HybridSearcher, Searcher
from qa.types import Passage


def hybrid_searcher(store: Store, config: RetrievalConfig | None = None) -> HybridSearcher:
    """Dense + BM25 over ``store``, weighted and fused as ``config`` says (default settings)."""
    cfg = config or RetrievalConfig()
    return HybridSearcher(
        [(DenseSearcher(store), cfg.dense_weight), (BM25Searcher(store), cfg.bm25_weight)],
        candidates=cfg.candidates,
        rrf_k=cfg.rrf_k,
    )


def retrieve(query: str, searcher: Searcher, k: int) -> list[Passage]:
    """The top ``k`` passages for ``query``, best first."""
    return [to_passage(h) for h in searcher.search(query, k)]


def to_passage(hit: Hit) -> Passage:
    """A search hit as the passage the answerers read."""
    c = hit.chunk
    return Passage(
        chunk_id=c.chunk_id,
        doc_id=c.doc_id,
        source=c.source,
        title=c.title,
        text=c.text,
        start=c.start,
        end=c.end,
        score=hit.score,
        date=c.date,
        chunk_index=c.index,
        sentences=c.sentences,
    )
