"""Training cases: every question of a SQuAD file asked against its store (open corpus, an
answerable case), against the other articles only (its own article left out) and against its own
passages with every sentence holding the answer taken out (the topic is there, the asked-for fact
is not) — two kinds of case the answerer should decline — with the candidate sentences and their
features.

Retrieval runs once per question (the top ``depth`` fused passages); the answerable case keeps
the first ``k``, the other-articles case the first ``k`` from other articles — the same ranking
a store without the question's article would give, up to BM25's corpus statistics.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eval.datasets import EvalItem, QuestionSet
from eval.metrics.text import squad_contains
from eval.negatives import article_of
from ingest.embed import Embedder
from ingest.store import Store
from qa.config import RetrievalConfig
from qa.learned.sentences import (
    FEATURE_VERSION,
    SENTENCE_FEATURES,
    Sentence,
    passage_sentences,
    sentence_features,
)
from qa.qtype import question_type
from qa.retrieve import hybrid_searcher, retrieve, to_passage
from qa.search import Hit
from qa.types import Passage
from qa.vectors import VECTORS, CachingEmbedder


@dataclass
class Case:
    """One question asked against a set of passages; ``labels`` flag sentences holding a gold
    answer (all False for a negative case, which has no right answer) by the SQuAD rule
    (``squad_contains``; the metrics' ``contains_phrase`` also reads punctuation as a word
    break, and labels by it were tried and left out: README, "Containment fixed"). ``kind``:
    "open", "other" (other articles only) or "absent" (own passages without the answer's
    sentences)."""

    qid: str
    question: str
    article: str
    golds: list[str]
    sentences: list[Sentence]
    rows: np.ndarray
    labels: np.ndarray
    kind: str = "open"

    @property
    def negative(self) -> bool:
        """A case the answerer should decline (every kind but "open")."""
        return self.kind != "open"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _cases_for(item: EvalItem, passages: list[Passage], store: Store, k: int) -> Iterator[Case]:
    article = article_of(item.evidence[0])
    qtype = question_type(item.question)
    own = passage_sentences(passages[:k])
    others = passage_sentences([p for p in passages if article_of(p.source) != article][:k])
    holds = [any(squad_contains(s.text, g) for g in item.answers) for s in own]
    absent = [s for s, h in zip(own, holds, strict=True) if not h]
    for kind, sentences in (("open", own), ("other", others), ("absent", absent)):
        if kind == "absent" and (len(absent) == len(own) or not absent):
            continue  # the answer was not among the passages anyway (or nothing is left)
        rows = sentence_features(item.question, qtype, sentences, store.embedder)
        labels = np.array(holds if kind == "open" else [False] * len(sentences), dtype=bool)
        yield Case(
            item.id, item.question, article, list(item.answers), sentences, rows, labels, kind
        )


def build_cases(
    qset: QuestionSet,
    store: Store,
    *,
    k: int,
    depth: int = 40,
    cache: Path | None = None,
    key: str = "",
) -> list[Case]:
    """Up to three cases per answerable question of ``qset`` (see the module doc), cached in
    ``cache`` under ``key`` (the data's and settings' hash) when given."""
    path = None
    if cache is not None:
        version = f"{FEATURE_VERSION}|{','.join(SENTENCE_FEATURES)}|cases/2"
        digest = hashlib.sha256(
            f"{key}|{k}|{depth}|{len(qset.items)}|{version}".encode()
        ).hexdigest()
        path = cache / f"cases-{digest[:16]}.pkl"
        if path.exists():
            with path.open("rb") as fh:
                cached: list[Case] = pickle.load(fh)
            return cached
    inner = store.embedder
    store.embedder = CachingEmbedder(inner)  # queries were embedded in one batch up front
    vectors = (
        cache / f"vectors-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pkl" if cache else None
    )
    try:
        if vectors is not None and vectors.exists():
            with vectors.open("rb") as fh:
                VECTORS.load(pickle.load(fh))
        _warm_vectors(qset, store, inner)
        if vectors is not None:
            vectors.parent.mkdir(parents=True, exist_ok=True)
            with vectors.open("wb") as fh:
                pickle.dump(VECTORS.items(), fh)
        searcher = hybrid_searcher(store, RetrievalConfig.from_settings())
        cases: list[Case] = []
        for n, item in enumerate(qset.items, start=1):
            if item.unanswerable or not item.answers or not item.evidence:
                continue
            cases.extend(_cases_for(item, retrieve(item.question, searcher, depth), store, k))
            if n % 500 == 0:
                log(f"features of {n}/{len(qset.items)} questions")
    finally:
        store.embedder = inner
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            pickle.dump(cases, fh)
    return cases


def _warm_vectors(qset: QuestionSet, store: Store, embedder: Embedder) -> None:
    """Embed every stored sentence and every question in big batches (fast) before the
    per-question feature pass looks them up one answer at a time."""
    texts = [s.text for s in passage_sentences([to_passage(Hit(c, 0.0)) for c in store.chunks()])]
    texts += [item.question for item in qset.items]
    for i in range(0, len(texts), 512):
        VECTORS.embed(embedder, texts[i : i + 512])
        log(f"embedded {min(i + 512, len(texts))}/{len(texts)} sentences and questions")
