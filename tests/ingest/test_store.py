"""The store's promises: idempotent writes, whole-document replacement, crash repair."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import Document, StoreError, open_store
from ingest.chroma_store import ChromaStore
from ingest.chunk import chunk_document
from ingest.store import Prepared, Store


def prepare(store: Store, doc: Document) -> Prepared:
    chunks = chunk_document(doc, size=30, overlap=1)
    return Prepared(doc, chunks, store.embedder.embed([c.text for c in chunks]))


def article(n: int, body: str = "") -> Document:
    text = body or f"Article {n} opens. It has a second sentence. And a third one about {n}."
    return Document(source=f"mem://{n}", text=text, title=f"Title {n}")


def test_put_then_read_back(store: Store) -> None:
    doc = article(1)
    store.put([prepare(store, doc)])
    [info] = store.documents()
    assert (info.doc_id, info.title, info.source) == (doc.doc_id, "Title 1", "mem://1")
    assert store.document_text(doc.doc_id) == doc.text
    chunks = store.chunks(doc.doc_id)
    assert info.n_chunks == len(chunks) > 1
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)


def test_changed_document_replaces_all_old_chunks(store: Store) -> None:
    store.put([prepare(store, article(1))])
    new = article(1, "Completely new text. Nothing of the old one remains here.")
    store.put([prepare(store, new)])
    texts = [c.text for c in store.chunks()]
    assert texts and all("Article 1" not in t for t in texts)
    assert store.document_text(new.doc_id) == new.text


def test_remove(store: Store) -> None:
    store.put([prepare(store, article(1)), prepare(store, article(2))])
    assert store.remove(article(1).doc_id)
    assert not store.remove(article(1).doc_id)
    assert {c.doc_id for c in store.chunks()} == {article(2).doc_id}


def test_repair_removes_chunks_of_an_uncommitted_write(store: Store) -> None:
    """Chunks written without their document record (a crash in between) are orphans."""
    store.put([prepare(store, article(1))])
    p = prepare(store, article(2))
    store._chunks.upsert(  # what put() does before the crash point
        ids=[c.chunk_id for c in p.chunks],
        documents=[c.text for c in p.chunks],
        metadatas=[{"doc_id": c.doc_id, "doc_hash": c.doc_hash} for c in p.chunks],
        embeddings=p.vectors,
    )
    assert store.repair() == len(p.chunks)
    assert {c.doc_id for c in store.chunks()} == {article(1).doc_id}


def test_version_changes_with_every_write_only(store: Store) -> None:
    v0 = store.version()
    store.documents(), store.chunks(), store.count()
    assert store.version() == v0, "reading changes nothing"
    store.put([prepare(store, article(1))])
    v1 = store.version()
    assert v1 != v0
    other = ChromaStore(store.client, store.embedder, location=store.location)
    assert other.version() == v1, "every opener of the store sees the same version"
    other.remove(article(1).doc_id)
    assert store.version() not in {v0, v1}


def test_store_made_with_another_model_is_refused(tmp_path: Path, store: Store) -> None:
    class Other:
        name, dim = "other-model", 8

        def embed(self, texts: list[str]) -> np.ndarray:
            return np.ones((len(texts), 8), dtype=np.float32) / np.sqrt(8)

    path = tmp_path / "other"
    open_store(path, embedder=Other(), create=True)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="other-model"):
        ChromaStore(
            open_store(path, embedder=Other()).client,  # type: ignore[attr-defined]
            store.embedder,
            location=open_store(path, embedder=Other()).location,  # type: ignore[arg-type]
        )


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        open_store(chroma_url="http://127.0.0.1:9")


OPS = st.lists(
    st.tuples(st.sampled_from(["put", "edit", "remove"]), st.integers(0, 3)), max_size=12
)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(OPS)
def test_store_matches_a_model_after_any_sequence(
    tmp_path: Path, ops: list[tuple[str, int]]
) -> None:
    """Property: after any puts/edits/removes the store holds exactly the latest text of each
    live document, every chunk belongs to it, and reopening the folder shows the same."""
    import uuid

    path = tmp_path / uuid.uuid4().hex
    store = open_store(path, create=True)
    model: dict[str, Document] = {}
    for op, n in ops:
        if op == "remove":
            store.remove(article(n).doc_id)
            model.pop(article(n).doc_id, None)
        else:
            doc = article(n, f"Edited {n} {len(model)}. Second sentence." if op == "edit" else "")
            store.put([prepare(store, doc)])
            model[doc.doc_id] = doc
    other = ChromaStore(store.client, store.embedder, location=store.location)  # type: ignore[attr-defined]
    for reopened in (store, other):
        assert {d.doc_id for d in reopened.documents()} == set(model)
        for doc_id, doc in model.items():
            assert reopened.document_text(doc_id) == doc.text
            chunks = reopened.chunks(doc_id)
            assert chunks
            assert all(doc.text[c.start : c.end] == c.text for c in chunks)
        assert reopened.repair() == 0
