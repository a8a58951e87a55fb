"""Retrieval metrics: hit@k and MRR@k over gold passages."""

from eval.metrics.retrieval.gold import hit_flags, passage_is_hit
from eval.metrics.retrieval.ranking import hit_at_k, mean_hit_at_k, mrr_at_k, reciprocal_rank

__all__ = [
    "hit_at_k",
    "hit_flags",
    "mean_hit_at_k",
    "mrr_at_k",
    "passage_is_hit",
    "reciprocal_rank",
]
