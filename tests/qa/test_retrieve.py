"""Hybrid retrieval over a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Document, ingest_documents, open_store
from ingest.store import Store, StoredChunk
from qa import CiteqaRetriever, RetrievalConfig, hybrid_searcher, retrieve
from qa.search import BM25Index, BM25Searcher, DenseSearcher, Hit, HybridSearcher, rrf_fuse


def chunk(cid: str) -> StoredChunk:
    return StoredChunk(cid, "d", 0, cid, 0, len(cid), "s", "t", "")


def hit(cid: str) -> Hit:
    return Hit(chunk(cid), 1.0)


def test_rrf_worked_example() -> None:
    a, b, c = hit("a"), hit("b"), hit("c")
    fused = {
        h.chunk.chunk_id: h.score for h in rrf_fuse([(1.0, [a, b]), (1.0, [c, b, a])], rrf_k=60)
    }
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 63)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 62)
    assert fused["c"] == pytest.approx(1 / 61)
    assert [h.chunk.chunk_id for h in rrf_fuse([(0.0, [a]), (1.0, [b])], rrf_k=60)] == ["b"]


class _Fixed:
    """A searcher written in this test file: it always ranks the same chunks."""

    def __init__(self, *ids: str) -> None:
        self.ids = ids

    def search(self, query: str, k: int) -> list[Hit]:
        return [hit(i) for i in self.ids[:k]]


def test_a_new_searcher_plugs_into_fusion_as_a_peer() -> None:
    fused = HybridSearcher([(_Fixed("a", "b"), 1.0), (_Fixed("b", "c"), 1.0)], candidates=5)
    assert [h.chunk.chunk_id for h in fused.search("anything", 2)] == ["b", "a"]
    nested = HybridSearcher([(fused, 1.0), (_Fixed("c"), 3.0)], candidates=5)
    assert nested.search("anything", 1)[0].chunk.chunk_id == "c"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did the Harbor Bridge reopen?", "Harbor Bridge"),
        ("How many sheep graze at the solar farm?", "Sheep from two local farms"),
        ("Who built the reading robot?", "Brightpage"),
    ],
)
def test_hybrid_finds_the_passage(examples_store: Store, question: str, expected: str) -> None:
    passages = retrieve(question, hybrid_searcher(examples_store), 3)
    assert any(expected in p.text for p in passages)
    for p in passages:
        assert examples_store.document_text(p.doc_id)[p.start : p.end] == p.text
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)


def test_each_ranking_alone_still_works(examples_store: Store) -> None:
    q = "Kestrel Structural cables"
    lexical = retrieve(q, BM25Searcher(examples_store), 2)
    dense = retrieve(q, DenseSearcher(examples_store), 2)
    assert "Kestrel" in lexical[0].text and "Kestrel" in dense[0].text


def test_bm25_follows_adds_and_removes(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s", create=True)
    bm25 = BM25Searcher(store)
    doc = Document(source="mem://zebra", text="A zebra named Quillon escaped from the zoo.")
    assert bm25.search("Quillon", 5) == []
    ingest_documents([doc], store=store)
    assert [h.chunk.doc_id for h in bm25.search("Quillon", 5)] == [doc.doc_id]
    store.remove(doc.doc_id)
    assert bm25.search("Quillon", 5) == []


def test_bm25_ignores_unknown_words() -> None:
    index = BM25Index([chunk("alpha beta"), chunk("gamma delta")])
    assert index.search("zzz qqq", 5) == []
    assert [h.chunk.chunk_id for h in index.search("gammas", 5)] == ["gamma delta"]


def test_langchain_retriever_composes(examples_store: Store) -> None:
    from langchain_core.runnables import RunnableLambda

    retriever = CiteqaRetriever(store=examples_store, config=RetrievalConfig(k=2))
    chain = retriever | RunnableLambda(lambda docs: [d.metadata["title"] for d in docs])
    titles = chain.invoke("reading robot for children")
    assert titles[0] == "Riverside Library Lends Out a Reading Robot"


def test_langchain_retriever_opens_a_folder_and_keeps_text_once(examples_store: Store) -> None:
    retriever = CiteqaRetriever(store=examples_store.location, config=RetrievalConfig(k=1))
    (doc,) = retriever.invoke("reading robot for children")
    assert "text" not in doc.metadata and doc.page_content
    assert doc.metadata["title"] == "Riverside Library Lends Out a Reading Robot"


@pytest.mark.parametrize("k", ["3", 2.5, 0, -1, None, True])
def test_retrieval_config_refuses_a_bad_k(k: object) -> None:
    with pytest.raises(ValueError, match="k must be"):
        RetrievalConfig(k=k)  # type: ignore[arg-type]
