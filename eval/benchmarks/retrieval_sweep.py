"""Measure retrieval settings on a dataset with its own corpus (e.g. SQuAD as an open corpus).

For each chunk size the corpus is ingested once; every question is encoded once; then each
fusion setting ranks the same candidates. Prints hit@1/5/10 and MRR@10 per setting, so every
default in ``citeqa.settings`` can point at a number.

    python -m eval.benchmarks.retrieval_sweep \
        ../shared/datasets/squad/squad-v1.1-dev-10articles.json
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from citeqa.settings import Settings, get_settings
from eval.datasets import QuestionSet, load_question_set
from eval.metrics.retrieval.gold import hit_flags
from eval.metrics.retrieval.ranking import mean_hit_at_k, mrr_at_k
from ingest import ingest_documents, open_store
from ingest.store import Store
from qa.retrieve import retrieve
from qa.search import BM25Searcher, DenseSearcher, Hit, HybridSearcher, Searcher


@dataclass(frozen=True)
class Fusion:
    name: str
    dense: float
    bm25: float
    rrf_k: int = 60


FUSIONS = [
    Fusion("dense only", 1, 0),
    Fusion("bm25 only", 0, 1),
    Fusion("rrf 1:1", 1, 1),
    Fusion("rrf 1:0.5", 1, 0.5),
    Fusion("rrf 0.5:1", 0.5, 1),
    Fusion("rrf 1:1 k=20", 1, 1, 20),
]


def _scores(all_flags: Sequence[list[bool] | None]) -> dict[str, float | None]:
    return {
        "hit@1": mean_hit_at_k(all_flags, 1),
        "hit@5": mean_hit_at_k(all_flags, 5),
        "hit@10": mean_hit_at_k(all_flags, 10),
        "mrr@10": mrr_at_k(all_flags, 10),
    }


class _Remembered:
    """A searcher that asks ``inner`` once per (query, k) and replays its hits after that."""

    def __init__(self, inner: Searcher) -> None:
        self.inner = inner
        self._hits: dict[tuple[str, int], list[Hit]] = {}

    def search(self, query: str, k: int) -> list[Hit]:
        if (query, k) not in self._hits:
            self._hits[(query, k)] = self.inner.search(query, k)
        return self._hits[(query, k)]


def sweep_store(
    qset: QuestionSet, store: Store, candidates: int = 30
) -> dict[str, dict[str, float | None]]:
    """Every fusion in ``FUSIONS`` composed from the same two peers, each searched once."""
    items = [i for i in qset.items if not i.unanswerable]
    dense, bm25 = _Remembered(DenseSearcher(store)), _Remembered(BM25Searcher(store))
    out = {}
    for f in FUSIONS:
        fused = HybridSearcher(
            [(dense, f.dense), (bm25, f.bm25)], candidates=candidates, rrf_k=f.rrf_k
        )
        flags = [
            hit_flags(retrieve(item.question, fused, 10), item.evidence, item.answers)
            for item in items
        ]
        out[f.name] = _scores(flags)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("dataset")
    ap.add_argument("--sizes", default="300,450,600,800,1200")
    ap.add_argument("--overlaps", default="1")
    ap.add_argument("--titles", default="0", help="embed_titles values to try, e.g. 0,1")
    args = ap.parse_args(argv)
    qset = load_question_set(args.dataset)
    assert qset.documents, "the dataset brings no corpus"
    base = get_settings()
    print(f"{len(qset.items)} questions, {len(qset.documents)} documents")
    for size in [int(x) for x in args.sizes.split(",")]:
        for overlap, titles in [
            (int(o), bool(int(t))) for o in args.overlaps.split(",") for t in args.titles.split(",")
        ]:
            s = replace_settings(base, chunk_size=size, chunk_overlap=overlap, embed_titles=titles)
            with tempfile.TemporaryDirectory() as tmp:
                store = open_store(tmp, settings=s, create=True)
                ingest_documents(qset.documents, store=store, settings=s)
                for name, sc in sweep_store(qset, store).items():
                    cells = " ".join(f"{k}={v:.4f}" for k, v in sc.items() if v is not None)
                    head = f"size={size} overlap={overlap} titles={titles:d}"
                    print(f"{head} chunks={store.count()} {name:14s} {cells}", flush=True)


def replace_settings(base: Settings, **changes: object) -> Settings:
    return base.model_copy(update=changes)


if __name__ == "__main__":
    main()
