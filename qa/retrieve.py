"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citeqa.settings import Settings, get_settings
from ingest.store import Store, StoredChunk
from qa.bm25 import BM25_CACHE
from qa.types import Passage


@dataclass(frozen=True)
class RetrievalConfig:
    """The retrieval knobs (defaults from settings; each measured on the benchmark sets).

    Attributes:
        k: passages returned.
        candidates: how many each ranking contributes before fusion.
        rrf_k: the RRF constant; larger flattens the rank curve.
        dense_weight / bm25_weight: weights of the two rankings in the fused score
            (0 switches a ranking off).
    """

    k: int
    candidates: int
    rrf_k: int
    dense_weight: float
    bm25_weight: float

    @classmethod
    def from_settings(
        cls, s: Settings | None = None, **overrides: float | int | None
    ) -> RetrievalConfig:
        s = s or get_settings()
        base = {
            "k": s.k,
            "candidates": s.candidates,
            "rrf_k": s.rrf_k,
            "dense_weight": s.dense_weight,
            "bm25_weight": s.bm25_weight,
        }
        base.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**base)  # type: ignore[arg-type]


def rrf_fuse(
    rankings: Sequence[tuple[float, Sequence[StoredChunk]]], *, rrf_k: int
) -> list[tuple[StoredChunk, float]]:
    """Reciprocal rank fusion: score(c) = Σ weight / (rrf_k + rank of c), ranks from 1.

    Worked example with rrf_k=60, equal weights: a chunk ranked 1st densely and 3rd lexically
    scores 1/61 + 1/63 ≈ 0.03226; one ranked 2nd densely only scores 1/62 ≈ 0.01613.
    """
    scores: dict[str, float] = {}
    chunks: dict[str, StoredChunk] = {}
    for weight, ranking in rankings:
        if weight <= 0:
            continue
        for rank, c in enumerate(ranking, start=1):
            scores[c.chunk_id] = scores.get(c.chunk_id, 0.0) + weight / (rrf_k + rank)
            chunks[c.chunk_id] = c
    order = sorted(scores, key=lambda cid: (-scores[cid], cid))
    return [(chunks[cid], scores[cid]) for cid in order]


def retrieve(query: str, store: Store, config: RetrievalConfig | None = None) -> list[Passage]:
    """The top ``config.k`` passages for ``query``, best first."""
    cfg = config or RetrievalConfig.from_settings()
    rankings: list[tuple[float, Sequence[StoredChunk]]] = []
    if cfg.dense_weight > 0:
        vector = store.embedder.embed([query])[0]
        rankings.append((cfg.dense_weight, [c for c, _ in store.search(vector, cfg.candidates)]))
    if cfg.bm25_weight > 0:
        hits = BM25_CACHE.get(store).search(query, cfg.candidates)
        rankings.append((cfg.bm25_weight, [c for c, _ in hits]))
    fused = rrf_fuse(rankings, rrf_k=cfg.rrf_k)[: cfg.k]
    return [_passage(c, score) for c, score in fused]


def _passage(c: StoredChunk, score: float) -> Passage:
    return Passage(
        chunk_id=c.chunk_id,
        doc_id=c.doc_id,
        source=c.source,
        title=c.title,
        text=c.text,
        start=c.start,
        end=c.end,
        score=score,
        date=c.date,
        chunk_index=c.index,
    )
