"""The Store seam: a new store implementation plugs in without editing existing modules.

``MemoryStore`` below (a dict and a numpy matrix, written in this test file only) is ingested
into by ``ingest_documents`` and answered from by ``qa.answer``, through the ``Store`` protocol.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest import Document, StoreLocation, ingest_documents
from ingest.embed import Embedder, default_embedder
from ingest.store import DocInfo, Prepared, Store, StoredChunk


class MemoryStore:
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.location = StoreLocation(url="memory://test")
        self.generation = 0
        self._docs: dict[str, tuple[DocInfo, str]] = {}
        self._chunks: dict[str, tuple[StoredChunk, np.ndarray]] = {}
        self._sentences: dict[str, np.ndarray] = {}  # never swept: a cache, right for its text

    def documents(self) -> list[DocInfo]:
        return sorted((d for d, _ in self._docs.values()), key=lambda d: d.title)

    def document(self, doc_id: str) -> DocInfo | None:
        return self._docs[doc_id][0] if doc_id in self._docs else None

    def document_text(self, doc_id: str) -> str:
        return self._docs[doc_id][1]

    def chunks(self, doc_id: str | None = None) -> list[StoredChunk]:
        got = [c for c, _ in self._chunks.values() if doc_id in (None, c.doc_id)]
        return sorted(got, key=lambda c: (c.doc_id, c.index))

    def count(self) -> int:
        return len(self._chunks)

    def search(self, vector: np.ndarray, n: int) -> list[tuple[StoredChunk, float]]:
        scored = [(c, float(v @ vector)) for c, v in self._chunks.values()]
        return sorted(scored, key=lambda cs: -cs[1])[:n]

    def vectors(self, chunk_ids: Sequence[str]) -> np.ndarray:
        return np.vstack([self._chunks[c][1] for c in chunk_ids])

    def sentence_vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        return {t: self._sentences[t] for t in texts if t in self._sentences}

    def version(self) -> str:
        return str(self.generation)

    def sync(self) -> bool:
        return False

    def put(self, items: Sequence[Prepared]) -> None:
        for p in items:
            self._sentences.update(p.sentence_vectors)
            self.remove(p.doc.doc_id)
            d = p.doc
            info = DocInfo(d.doc_id, d.source, d.title, d.date, len(p.chunks), d.content_hash, 0.0)
            self._docs[d.doc_id] = (info, d.text)
            for c, v in zip(p.chunks, p.vectors, strict=True):
                stored = StoredChunk(
                    c.chunk_id,
                    d.doc_id,
                    c.index,
                    c.text,
                    c.start,
                    c.end,
                    d.source,
                    d.title,
                    d.date,
                    c.sentences,
                )
                self._chunks[c.chunk_id] = (stored, v)
        self.generation += 1

    def remove(self, doc_id: str) -> bool:
        existed = self._docs.pop(doc_id, None) is not None
        for cid in [k for k, (c, _) in self._chunks.items() if c.doc_id == doc_id]:
            del self._chunks[cid]
        self.generation += 1
        return existed

    def repair(self) -> int:
        return 0

    def is_complete(self, doc_id: str, content_hash: str, n_chunks: int) -> bool:
        return len(self.chunks(doc_id)) == n_chunks > 0


def test_a_store_written_in_a_test_file_is_ingested_into_and_answered_from() -> None:
    from qa import answer

    store = MemoryStore(default_embedder())
    assert isinstance(store, Store)
    doc = Document(
        source="mem://ferry",
        title="Harbour News",
        text="Harbour News\n\nThe ferry to Kessling leaves every hour from pier four. "
        "Tickets cost three euros.",
    )
    report = ingest_documents([doc], store=store)
    assert report.count("added") == 1 and store.count() > 0
    assert ingest_documents([doc], store=store).count("unchanged") == 1
    got = answer("Where does the ferry to Kessling leave from?", store=store)
    assert got.supported and "pier four" in got.text
    assert got.citations[0].doc_id == doc.doc_id
    assert "Tickets cost three euros." in store._sentences  # ingest handed it the sentences


class ForgetfulStore(MemoryStore):
    """A store that keeps no sentence vectors (the Protocol's minimal behaviour)."""

    def sentence_vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        return {}


def test_a_store_that_keeps_no_sentence_vectors_answers_the_same() -> None:
    from qa import Pipeline
    from qa.vectors import VECTORS

    doc = Document(
        source="mem://ferry",
        title="Harbour News",
        text="Harbour News\n\nThe ferry to Kessling leaves every hour from pier four. "
        "Tickets cost three euros. The harbour master is Ines Vogt.",
    )
    answers: list[tuple[str, float, bool]] = []
    for store in (MemoryStore(default_embedder()), ForgetfulStore(default_embedder())):
        assert isinstance(store, Store)
        assert ingest_documents([doc], store=store).ok
        VECTORS.clear()
        got = Pipeline.from_settings(store).answer("Who is the harbour master?")
        answers.append((got.text, got.confidence, got.supported))
    assert answers[0] == answers[1] and "Ines Vogt" in answers[0][0]
