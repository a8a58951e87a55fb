"""Issue 9, items 1, 4 (store side) and 5: reads see only committed chunks of the current
version of each document, before or after repair; "unchanged" means the chunks really exist.

Crash states are made by writing the rows a crashed ``put`` leaves (the same raw collection
calls ``put`` makes), so these tests run against any version of the store.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ingest import Document, ingest, open_store
from ingest.chunk import chunk_document
from ingest.store import Prepared, Store
from tests.ingest.test_pipeline import write_articles


def prepare(store: Store, doc: Document) -> Prepared:
    chunks = chunk_document(doc, size=60, overlap=0)
    return Prepared(doc, chunks, store.embedder.embed([c.text for c in chunks]))


def crashed_after_chunks(store: Store, p: Prepared) -> None:
    """The state a writer killed after writing chunks, before the document record, leaves."""
    store._chunks.upsert(  # type: ignore[attr-defined]
        ids=[c.chunk_id for c in p.chunks],
        documents=[c.text for c in p.chunks],
        metadatas=[
            {
                "doc_id": c.doc_id,
                "doc_hash": c.doc_hash,
                "index": c.index,
                "start": c.start,
                "end": c.end,
                "source": p.doc.source,
                "title": p.doc.title,
                "date": "",
            }
            for c in p.chunks
        ],
        embeddings=p.vectors,
    )


def crashed_after_record(store: Store, p: Prepared) -> None:
    """Killed after the new chunks and the document record, before old chunks were dropped."""
    crashed_after_chunks(store, p)
    write_record(store, p)


def write_record(store: Store, p: Prepared) -> None:
    """The document record a ``put`` writes once its chunks are in (the commit point)."""
    store._docs.upsert(  # type: ignore[attr-defined]
        ids=[p.doc.doc_id],
        documents=[p.doc.text],
        metadatas=[
            {
                "source": p.doc.source,
                "title": p.doc.title,
                "date": "",
                "content_hash": p.doc.content_hash,
                "n_chunks": len(p.chunks),
                "ingested_at": 0.0,
            }
        ],
        embeddings=[[0.0]],
    )


OLD = Document(
    source="mem://bridge", text="The bridge opened in 1990. It cost nine million.", title="Bridge"
)
NEW = Document(
    source="mem://bridge", text="The bridge closed in 2024. Repairs take a year.", title="Bridge"
)
OTHER = Document(
    source="mem://park", text="The park has forty ducks. Children feed them.", title="Park"
)


def everything_readable(store: Store) -> str:
    vector = store.embedder.embed(["bridge opened cost million closed repairs ducks park"])[0]
    hits = [c.text for c, _ in store.search(vector, 50)]
    return " | ".join([c.text for c in store.chunks()] + hits)


def test_uncommitted_chunks_are_never_read(store: Store) -> None:
    store.put([prepare(store, OLD)])
    crashed_after_chunks(store, prepare(store, OTHER))
    seen = everything_readable(store)
    assert "ducks" not in seen, "chunks without a document record are not served"
    assert {c.doc_id for c in store.chunks()} == {OLD.doc_id}
    assert [d.doc_id for d in store.documents()] == [OLD.doc_id]


def test_stale_chunks_of_a_replaced_version_are_never_read(store: Store) -> None:
    store.put([prepare(store, OLD)])
    crashed_after_record(store, prepare(store, NEW))
    seen = everything_readable(store)
    assert "1990" not in seen and "2024" in seen, "only the current version is served"
    text = store.document_text(NEW.doc_id)
    assert all(text[c.start : c.end] == c.text for c in store.chunks(NEW.doc_id))


def test_a_vanished_document_is_skipped_not_crashed_on(store: Store) -> None:
    """Another process removed the record (its chunks not yet deleted): nothing cites it."""
    store.put([prepare(store, OLD), prepare(store, OTHER)])
    store._docs.delete(ids=[OTHER.doc_id])  # type: ignore[attr-defined]
    assert store.document(OTHER.doc_id) is None
    with pytest.raises(KeyError):
        store.document_text(OTHER.doc_id)
    assert "ducks" not in everything_readable(store)


def test_search_fills_n_results_past_hidden_chunks(store: Store) -> None:
    store.put([prepare(store, OLD)])
    for i in range(20):  # many uncommitted near-duplicates ahead of the committed chunks
        crashed_after_chunks(store, prepare(store, Document(source=f"mem://x{i}", text=OLD.text)))
    vector = store.embedder.embed([OLD.text])[0]
    hits = store.search(vector, 3)  # the 20 hidden copies rank level with the one real chunk
    assert [c.doc_id for c, _ in hits] == [OLD.doc_id]


def test_unchanged_means_the_chunks_really_exist(tmp_path: Path, store_dir: Path) -> None:
    """Issue 9 #1: chunks lost to another writer's repair were reported "unchanged" forever."""
    write_articles(tmp_path / "docs", 3)
    assert ingest([tmp_path / "docs"], store=store_dir).count("added") == 3
    store = open_store(store_dir)
    lost = store.documents()[1]
    store._chunks.delete(where={"doc_id": lost.doc_id})  # type: ignore[attr-defined]
    again = ingest([tmp_path / "docs"], store=store_dir)
    healed = next(f for f in again.files if f.doc_id == lost.doc_id)
    assert healed.status == "updated" and again.count("unchanged") == 2
    assert len(store.chunks(lost.doc_id)) == lost.n_chunks > 0


def test_sentence_spans_and_vectors_are_read_back(store: Store) -> None:
    p = prepare(store, Document(source="mem://s", text="One here. Two there! Three? Four."))
    store.put([p])
    [c] = store.chunks()
    assert [c.text[a:b] for a, b in c.sentences] == ["One here.", "Two there!", "Three?", "Four."]
    assert np.allclose(store.vectors([c.chunk_id]), p.vectors, atol=1e-5)
    with pytest.raises(KeyError):
        store.vectors(["no-such-chunk"])
