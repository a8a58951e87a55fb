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
from ingest.store import Store, StoredChunk
from qa.bm25 import BM25Index
from qa.retrieve import _passage, rrf_fuse


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


def sweep_store(
    qset: QuestionSet, store: Store, candidates: int = 30
) -> dict[str, dict[str, float | None]]:
    items = [i for i in qset.items if not i.unanswerable]
    vectors = store.embedder.embed([i.question for i in items])
    bm25 = BM25Index(store.chunks())
    dense: list[list[StoredChunk]] = [[c for c, _ in store.search(v, candidates)] for v in vectors]
    lexical = [[c for c, _ in bm25.search(i.question, candidates)] for i in items]
    out = {}
    for f in FUSIONS:
        flags = []
        for item, d, b in zip(items, dense, lexical, strict=True):
            fused = rrf_fuse([(f.dense, d), (f.bm25, b)], rrf_k=f.rrf_k)[:10]
            passages = [_passage(c, s) for c, s in fused]
            flags.append(hit_flags(passages, item.evidence, item.answers))
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
