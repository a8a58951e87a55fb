"""Fusion: several searchers as peers, their rankings combined by weighted reciprocal rank."""

from __future__ import annotations

from collections.abc import Sequence

from qa.search.base import Hit, Searcher


def rrf_fuse(rankings: Sequence[tuple[float, Sequence[Hit]]], *, rrf_k: int) -> list[Hit]:
    """Reciprocal rank fusion: score(c) = Σ weight / (rrf_k + rank of c), ranks from 1.

    Worked example with rrf_k=60, equal weights: a chunk ranked 1st densely and 3rd lexically
    scores 1/61 + 1/63 ≈ 0.03226; one ranked 2nd densely only scores 1/62 ≈ 0.01613.
    """
    scores: dict[str, float] = {}
    hits: dict[str, Hit] = {}
    for weight, ranking in rankings:
        if weight <= 0:
            continue
        for rank, h in enumerate(ranking, start=1):
            cid = h.chunk.chunk_id
            scores[cid] = scores.get(cid, 0.0) + weight / (rrf_k + rank)
            hits[cid] = h
    order = sorted(scores, key=lambda cid: (-scores[cid], cid))
    return [Hit(hits[cid].chunk, scores[cid]) for cid in order]


class HybridSearcher:
    """Peers searched for ``candidates`` hits each, fused by weighted RRF (as pyserini's hybrid).

    Args:
        peers: (searcher, weight) pairs; a weight of 0 leaves that searcher out.
        candidates: hits each peer contributes before fusion.
        rrf_k: the RRF constant.
    """

    def __init__(
        self, peers: Sequence[tuple[Searcher, float]], *, candidates: int = 30, rrf_k: int = 60
    ) -> None:
        self.peers = [(s, w) for s, w in peers if w > 0]
        self.candidates = candidates
        self.rrf_k = rrf_k

    def search(self, query: str, k: int) -> list[Hit]:
        rankings = [(w, s.search(query, max(k, self.candidates))) for s, w in self.peers]
        return rrf_fuse(rankings, rrf_k=self.rrf_k)[:k]
