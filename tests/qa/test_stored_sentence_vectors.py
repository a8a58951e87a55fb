"""Answering with the sentence vectors ingest kept: only the question is embedded, and a store
without them (an older store) gives the same answers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ingest import ingest, open_store
from ingest.chroma_store import ChromaStore
from ingest.embed import Embedder
from qa import Pipeline
from qa.answerers.base import AnswererContext
from qa.answerers.registry import make_answerer
from qa.spacy_nlp import parse
from qa.vectors import VECTORS, StoreEmbedder
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [
    turn["question"]
    for line in (ROOT / "eval" / "sets" / "examples.jsonl").read_text().splitlines()
    if line.strip()
    for turn in json.loads(line).get("turns", [json.loads(line)])
]


class Counting:
    """The store's embedder, recording every text it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return self.inner.embed(texts)


@pytest.fixture
def examples(tmp_path: Path) -> ChromaStore:
    st = open_store(tmp_path / "store", create=True)
    assert isinstance(st, ChromaStore)
    assert ingest([EXAMPLES], store=st).ok
    return st


def answers(store: ChromaStore, backend: str) -> list[tuple[object, ...]]:
    pipe = Pipeline.from_settings(store, llm=backend)
    out: list[tuple[object, ...]] = []
    for q in QUESTIONS:
        VECTORS.clear()  # every question cold: what it costs a new process
        parse.cache_clear()
        a = pipe.answer(q)
        out.append(
            (
                a.text,
                a.short,
                a.supported,
                a.confidence,
                [(c.doc_id, c.start, c.end, c.score) for c in [*a.citations, *a.closest]],
            )
        )
    return out


def test_answering_embeds_only_the_question(examples: ChromaStore) -> None:
    counting = Counting(examples.embedder)
    examples.embedder = counting
    try:
        for backend in ("extractive", "heuristic"):
            pipe = Pipeline.from_settings(examples, llm=backend)
            for q in QUESTIONS[:8]:
                VECTORS.clear()
                counting.seen.clear()
                pipe.answer(q)
                assert set(counting.seen) == {q}, (backend, q, counting.seen)
    finally:
        examples.embedder = counting.inner


def test_a_store_without_them_answers_identically(examples: ChromaStore) -> None:
    kept = {b: answers(examples, b) for b in ("extractive", "heuristic")}
    examples._sentences.delete(ids=examples._sentences.get(include=[])["ids"])
    assert examples.sentence_count() == 0  # as a store written before they were kept
    for backend, expected in kept.items():
        assert answers(examples, backend) == expected, backend
    assert any(a[2] for a in kept["extractive"]), "some questions are answered"


def test_without_the_store_lookup_answers_are_the_same(examples: ChromaStore) -> None:
    """An answerer made with the bare embedder (no StoreEmbedder) embeds every sentence."""
    bare = Pipeline(examples, make_answerer("extractive", AnswererContext(examples.embedder)))
    wired = Pipeline(
        examples, make_answerer("extractive", AnswererContext(StoreEmbedder(examples)))
    )
    for q in QUESTIONS[:10]:
        VECTORS.clear()
        a = bare.answer(q)
        VECTORS.clear()
        b = wired.answer(q)
        assert (a.text, a.confidence) == (b.text, b.confidence), q


def test_the_vector_cache_answers_every_text_even_when_one_call_overflows_it() -> None:
    from ingest.embed import default_embedder
    from qa.vectors import VectorCache

    cache = VectorCache(size=2)
    embedder = default_embedder()
    first = cache.embed(embedder, ["a b", "c d"])
    rows = cache.embed(embedder, ["a b", "e f", "g h", "c d"])  # evicts what it looked up
    assert np.allclose(rows[[0, 3]], first, atol=1e-6)
    assert np.allclose(rows[1:3], embedder.embed(["e f", "g h"]), atol=1e-5)
