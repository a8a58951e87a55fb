"""Hybrid retrieval over a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Document, ingest_documents, open_store
from ingest.store import Store, StoredChunk
from qa import CiteqaRetriever, RetrievalConfig, retrieve
from qa.bm25 import BM25_CACHE, BM25Index
from qa.retrieve import rrf_fuse


def chunk(cid: str) -> StoredChunk:
    return StoredChunk(cid, "d", 0, cid, 0, len(cid), "s", "t", "")


def test_rrf_worked_example() -> None:
    a, b, c = chunk("a"), chunk("b"), chunk("c")
    fused = dict((x.chunk_id, s) for x, s in rrf_fuse([(1.0, [a, b]), (1.0, [c, b, a])], rrf_k=60))
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 63)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 62)
    assert fused["c"] == pytest.approx(1 / 61)
    assert [x.chunk_id for x, _ in rrf_fuse([(0.0, [a]), (1.0, [b])], rrf_k=60)] == ["b"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did the Harbor Bridge reopen?", "Harbor Bridge"),
        ("How many sheep graze at the solar farm?", "Sheep from two local farms"),
        ("Who built the reading robot?", "Brightpage"),
    ],
)
def test_hybrid_finds_the_passage(examples_store: Store, question: str, expected: str) -> None:
    passages = retrieve(question, examples_store, RetrievalConfig.from_settings(k=3))
    assert any(expected in p.text for p in passages)
    for p in passages:
        assert examples_store.document_text(p.doc_id)[p.start : p.end] == p.text
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)


def test_each_ranking_alone_still_works(examples_store: Store) -> None:
    q = "Kestrel Structural cables"
    lexical = retrieve(q, examples_store, RetrievalConfig.from_settings(dense_weight=0, k=2))
    dense = retrieve(q, examples_store, RetrievalConfig.from_settings(bm25_weight=0, k=2))
    assert "Kestrel" in lexical[0].text and "Kestrel" in dense[0].text


def test_bm25_follows_adds_and_removes(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s", create=True)
    doc = Document(source="mem://zebra", text="A zebra named Quillon escaped from the zoo.")
    assert BM25_CACHE.get(store).search("Quillon", 5) == []
    ingest_documents([doc], store=store)
    assert [c.doc_id for c, _ in BM25_CACHE.get(store).search("Quillon", 5)] == [doc.doc_id]
    store.remove(doc.doc_id)
    assert BM25_CACHE.get(store).search("Quillon", 5) == []


def test_bm25_ignores_unknown_words() -> None:
    index = BM25Index([chunk("alpha beta"), chunk("gamma delta")])
    assert index.search("zzz qqq", 5) == []
    assert [c.chunk_id for c, _ in index.search("gammas", 5)] == ["gamma delta"]


def test_langchain_retriever_composes(examples_store: Store) -> None:
    from langchain_core.runnables import RunnableLambda

    retriever = CiteqaRetriever(store=examples_store, config=RetrievalConfig.from_settings(k=2))
    chain = retriever | RunnableLambda(lambda docs: [d.metadata["title"] for d in docs])
    titles = chain.invoke("reading robot for children")
    assert titles[0] == "Riverside Library Lends Out a Reading Robot"
