"""Searchers as peers: dense and BM25 share ``search(query, k)``; fusion composes them."""

from qa.search.base import Hit, Searcher
from qa.search.bm25 import BM25Index, BM25Searcher
from qa.search.dense import DenseSearcher
from qa.search.fusion import HybridSearcher, rrf_fuse

__all__ = [
    "BM25Index",
    "BM25Searcher",
    "DenseSearcher",
    "Hit",
    "HybridSearcher",
    "Searcher",
    "rrf_fuse",
]
