"""Rebuild the learned answerer's artefact from the SQuAD training split, in one command:

    python -m eval.train                      # → qa/models/answerer.json
    python -m eval.train --articles 2 --out /tmp/tiny.json   # a quick run on a subset

The data's sha256, the seed, the feature lists and the cross-validated scores (by article) are
recorded in the artefact. Only the training split is read: never point ``--data`` at the
measuring split.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from citeqa.settings import Settings, get_settings
from eval.datasets import QuestionSet, dataset_hash, load_question_set
from eval.training.data import build_cases
from eval.training.train import RERANK_K, train_model
from ingest.store import Store
from qa.learned.model import DEFAULT_PATH, LearnedModel
from qa.learned.pipeline import CONFIDENCE_FEATURES, SHORT_FEATURES, SPAN_ROW_FEATURES
from qa.learned.rerank import RERANK_FEATURES
from qa.learned.sentences import SENTENCE_FEATURES

TRAIN_SPLIT = (
    Path(__file__).resolve().parents[2]
    / "shared/datasets/squad/squad-v1.1-dev-18articles-train.json"
)


def subset(qset: QuestionSet, articles: int, questions: int = 0, seed: int = 0) -> QuestionSet:
    """The first ``articles`` articles of a SQuAD set (their paragraphs and questions; a seeded
    sample of ``questions`` of them when > 0)."""
    titles: list[str] = []
    for doc in qset.documents or []:
        if doc.title not in titles:
            titles.append(doc.title)
    keep = set(titles[:articles])
    docs = [d for d in qset.documents or [] if d.title in keep]
    sources = {d.source for d in docs}
    items = [i for i in qset.items if set(i.evidence) & sources]
    sub = replace(qset, items=items, documents=docs, name=f"{qset.name}-{articles}articles")
    return sub.sample(questions or None, seed)


def train(
    data: Path = TRAIN_SPLIT,
    *,
    out: Path = DEFAULT_PATH,
    seed: int = 0,
    articles: int = 0,
    questions: int = 0,
    folds: int = 6,
    negatives: Sequence[str] = ("other",),
    rerank_k: int = RERANK_K,
    store: Store | None = None,
    settings: Settings | None = None,
    cache: Path | None = Path("artifacts/train-cache"),
) -> LearnedModel:
    """Train on ``data`` (the first ``articles`` articles when > 0) and write ``out``."""
    from eval.run import dataset_store

    settings = settings or get_settings()
    qset = load_question_set(data)
    if articles:
        qset = subset(qset, articles, questions, seed)
    data_hash = hashlib.sha256(Path(data).read_bytes()).hexdigest()
    if store is None:
        store = dataset_store(qset, data, settings) if not articles else _fresh_store(qset, out)
    shape = f"{settings.chunk_size}|{settings.chunk_overlap}"
    key = f"{dataset_hash(data)}|{articles}|{questions}|{shape}"
    cases = build_cases(qset, store, k=settings.k, cache=cache, key=key)
    model = train_model(
        cases,
        seed=seed,
        n_folds=folds,
        negatives=negatives,
        embedder=store.embedder,
        rerank_k=rerank_k,
        log=lambda m: print(m, file=sys.stderr, flush=True),
    )
    model.meta.update(
        {
            "data": Path(data).name,
            "data_sha256": data_hash,
            "articles_used": articles or "all",
            "k": settings.k,
            "command": "python -m eval.train"
            + (f" --articles {articles} --questions {questions}" if articles else "")
            + (f" --negatives {','.join(negatives)}" if list(negatives) != ["other"] else ""),
            "features": {
                "sentence": list(SENTENCE_FEATURES),
                "span": list(SPAN_ROW_FEATURES),
                "confidence": list(CONFIDENCE_FEATURES),
                "rerank": list(RERANK_FEATURES),
                "short": list(SHORT_FEATURES),
            },
        }
    )
    model.save(out)
    return model


def _fresh_store(qset: QuestionSet, out: Path) -> Store:
    """A store of the subset's paragraphs next to ``out`` (subset runs are quick, not cached)."""
    from ingest import ingest_documents, open_store

    folder = out.parent / f".{out.stem}-store"
    store = open_store(folder, create=True)
    if store.count() == 0:
        ingest_documents(qset.documents or [], store=store, progress=False)
    return store


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=TRAIN_SPLIT, help="SQuAD training file.")
    ap.add_argument("--out", type=Path, default=DEFAULT_PATH, help="Where the artefact goes.")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--articles", type=int, default=0, help="Use only the first N articles.")
    ap.add_argument(
        "--questions",
        type=int,
        default=0,
        help="With --articles: a seeded sample of N of their questions.",
    )
    ap.add_argument("--folds", type=int, default=6, help="Cross-validation folds (by article).")
    ap.add_argument(
        "--negatives",
        default="other",
        help="Negative cases the confidence model learns from: other and/or absent (comma list).",
    )
    ap.add_argument(
        "--rerank-k",
        type=int,
        default=RERANK_K,
        help="How many best sentences the second look reads again (each costs answer time).",
    )
    ap.add_argument("--no-cache", action="store_true", help="Do not reuse cached features.")
    args = ap.parse_args(argv)
    if "10articles" in args.data.name:
        ap.error("the 10-article file is the measuring split: never train on it")
    model = train(
        args.data,
        out=args.out,
        seed=args.seed,
        articles=args.articles,
        questions=args.questions,
        folds=args.folds,
        negatives=[n.strip() for n in args.negatives.split(",") if n.strip()],
        rerank_k=args.rerank_k,
        cache=None if args.no_cache else Path("artifacts/train-cache"),
    )
    cv = model.meta["cv"]
    print(
        f"wrote {args.out} · cv: "
        + ", ".join(f"{k}={v}" for k, v in cv.items() if isinstance(v, float))
    )


if __name__ == "__main__":
    main()
