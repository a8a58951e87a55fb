"""The Chroma store: chunks with their vectors, and the cleaned text of every document.

Two collections share a name prefix. ``<prefix>_chunks`` holds chunk text, vectors and metadata;
``<prefix>_docs`` holds one record per document: its cleaned text and content hash. A document's
record is written only after all its chunks are in, so it acts as the commit marker: chunks whose
document record is missing or names another content hash are leftovers of a crashed run, and
``repair()`` deletes them.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from citeqa.settings import Settings, get_settings
from ingest.chroma_ef import ChromaEmbeddingFunction
from ingest.embed import Embedder, default_embedder
from ingest.types import Chunk, Document

_VERSION_ID = "version"


class StoreError(RuntimeError):
    """The store cannot be used as asked (another embedding model, unreachable server...)."""


@dataclass(frozen=True)
class DocInfo:
    """One stored document, as listed by ``citeqa docs``."""

    doc_id: str
    source: str
    title: str
    date: str
    n_chunks: int
    content_hash: str
    ingested_at: float
    date_source: str = ""  # where the date came from: meta, json-ld, time, dateline, ...
    quotes: str = ""  # the article's attributed quotes, JSON (``ingest.quotes``)


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as stored, with the document fields a citation needs."""

    chunk_id: str
    doc_id: str
    index: int
    text: str
    start: int
    end: int
    source: str
    title: str
    date: str
    date_source: str = ""


@dataclass(frozen=True)
class Prepared:
    """A document ready to be written: its chunks and their vectors, row for row."""

    doc: Document
    chunks: list[Chunk]
    vectors: np.ndarray
    replaces: bool = True  # False when the document is known to be new: no old chunks to drop


class Store:
    """citeqa's view of a Chroma database (embedded folder or server)."""

    def __init__(
        self,
        client: Any,
        embedder: Embedder,
        *,
        prefix: str,
        location: str,
        reopen: Callable[[], Any] | None = None,
    ) -> None:
        self.embedder = embedder
        self.location = location
        self._prefix = prefix
        self._reopen = reopen  # embedded stores: a fresh client sees other processes' writes
        self._io = threading.Lock()
        self._bind(client)
        self._seen = self.version()
        self.generation = 0  # bumped by every write through this object

    def _bind(self, client: Any) -> None:
        self.client = client
        meta = {"embedding_model": self.embedder.name, "embedding_dim": self.embedder.dim}
        self._chunks = client.get_or_create_collection(
            f"{self._prefix}_chunks",
            metadata=meta,
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=ChromaEmbeddingFunction(self.embedder),
        )
        self._check_model(self._chunks.metadata or {})
        self._docs = client.get_or_create_collection(
            f"{self._prefix}_docs", metadata={"kind": "documents"}, embedding_function=None
        )
        self._meta = client.get_or_create_collection(
            f"{self._prefix}_meta", metadata={"kind": "version"}, embedding_function=None
        )
        self._batch = max(1, min(int(client.get_max_batch_size()), 4000))

    def sync(self) -> bool:
        """Catch up with other processes' writes; True when the store had to be reopened.

        An embedded Chroma keeps its vector index in memory and does not see what another
        process adds or deletes; when the store's version moved and this object did not move
        it, the client is reopened (one record read when nothing changed).
        """
        version = self.version()
        if version == self._seen:
            return False
        with self._io:
            if self._reopen is not None and version != self._seen:
                self.client.close()
                self._bind(self._reopen())
            self._seen = version
        return self._reopen is not None

    def _check_model(self, meta: dict[str, Any]) -> None:
        model, dim = meta.get("embedding_model"), meta.get("embedding_dim")
        if model != self.embedder.name or dim != self.embedder.dim:
            raise StoreError(
                f"the store at {self.location} was built with embedding model {model!r} "
                f"({dim}-d), but citeqa is set to {self.embedder.name!r} ({self.embedder.dim}-d): "
                "use the same model (CITEQA_EMBEDDING_MODEL) or a new store"
            )

    # --- reading -----------------------------------------------------------------------------
    def documents(self) -> list[DocInfo]:
        """Every stored document, ordered by title."""
        got = self._docs.get(include=["metadatas"])
        docs = [_doc_info(i, m) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)]
        return sorted(docs, key=lambda d: (d.title.lower(), d.source))

    def document(self, doc_id: str) -> DocInfo | None:
        got = self._docs.get(ids=[doc_id], include=["metadatas"])
        if not got["ids"]:
            return None
        return _doc_info(got["ids"][0], (got["metadatas"] or [{}])[0])

    def document_text(self, doc_id: str) -> str:
        """The cleaned article text that chunk and citation offsets point into."""
        got = self._docs.get(ids=[doc_id], include=["documents"])
        if not got["ids"]:
            raise KeyError(f"no document {doc_id!r} in {self.location}")
        return str((got["documents"] or [""])[0])

    def chunks(self, doc_id: str | None = None) -> list[StoredChunk]:
        """Stored chunks (of one document, or all), in document and reading order."""
        where = {"doc_id": doc_id} if doc_id else None
        out: list[StoredChunk] = []
        for ids, texts, metas in self._pages(where, ["documents", "metadatas"]):
            out.extend(_stored(i, t, m) for i, t, m in zip(ids, texts, metas, strict=True))
        return sorted(out, key=lambda c: (c.source, c.doc_id, c.index))

    def count(self) -> int:
        """Number of stored chunks."""
        return int(self._chunks.count())

    def search(
        self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[StoredChunk, float]]:
        """The ``n`` chunks nearest to ``vector`` (among those ``where`` admits), with cosine."""
        total = self.count()
        if total == 0:
            return []
        with self._io:
            res = self._chunks.query(
                query_embeddings=[vector.tolist()],
                n_results=min(n, total),
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        ids, texts = res["ids"][0], (res["documents"] or [[]])[0]
        metas, dists = (res["metadatas"] or [[]])[0], (res["distances"] or [[]])[0]
        return [
            (_stored(i, t, m), 1.0 - float(d))
            for i, t, m, d in zip(ids, texts, metas, dists, strict=True)
        ]

    def version(self) -> str:
        """A token that changes with every write by any process (keys derived caches, e.g. BM25).

        One record read, whatever the store's size.
        """
        got = self._meta.get(ids=[_VERSION_ID], include=["metadatas"])
        return str(((got["metadatas"] or [{}])[0] or {}).get("token", "")) if got["ids"] else ""

    def _bump(self) -> None:
        self.generation += 1
        token = uuid.uuid4().hex
        others_wrote = self.version() != self._seen
        self._meta.upsert(ids=[_VERSION_ID], metadatas=[{"token": token}], embeddings=[[0.0]])
        if not others_wrote:  # our own write is in our index already: nothing to catch up on
            self._seen = token

    # --- writing -----------------------------------------------------------------------------
    def put(self, items: Sequence[Prepared]) -> None:
        """Write documents: chunks first, then each document's record, then drop old chunks."""
        if not items:
            return
        chunk_rows = [
            (c.chunk_id, c.text, _chunk_meta(p.doc, c), p.vectors[k])
            for p in items
            for k, c in enumerate(p.chunks)
        ]
        for batch in _batches(chunk_rows, self._batch):
            ids, texts, metas, vecs = zip(*batch, strict=True)
            self._chunks.upsert(
                ids=list(ids),
                documents=list(texts),
                metadatas=list(metas),
                embeddings=np.vstack(vecs),
            )
        now = time.time()
        for batch in _batches(list(items), self._batch):
            self._docs.upsert(
                ids=[p.doc.doc_id for p in batch],
                documents=[p.doc.text for p in batch],
                metadatas=[_doc_meta(p, now) for p in batch],
                embeddings=[[0.0] for _ in batch],
            )
        for p in (p for p in items if p.replaces):
            self._chunks.delete(
                where={
                    "$and": [{"doc_id": p.doc.doc_id}, {"doc_hash": {"$ne": p.doc.content_hash}}]
                }
            )
        self._bump()

    def remove(self, doc_id: str) -> bool:
        """Delete a document and its chunks; False when it was not there."""
        existed = self.document(doc_id) is not None
        self._docs.delete(ids=[doc_id])  # record first: its chunks become orphans, never half-docs
        self._chunks.delete(where={"doc_id": doc_id})
        self._bump()
        return existed

    def repair(self) -> int:
        """Delete chunks that no committed document owns; returns how many went."""
        committed = {d.doc_id: d.content_hash for d in self.documents()}
        orphans = [
            cid
            for ids, _, metas in self._pages(None, ["metadatas"])
            for cid, m in zip(ids, metas, strict=True)
            if committed.get(str(m.get("doc_id"))) != m.get("doc_hash")
        ]
        for batch in _batches(orphans, self._batch):
            self._chunks.delete(ids=list(batch))
        if orphans:
            self._bump()
        return len(orphans)

    def _pages(
        self, where: dict[str, Any] | None, include: list[str]
    ) -> Iterable[tuple[list[str], list[str], list[dict[str, Any]]]]:
        offset = 0
        while True:
            got = self._chunks.get(where=where, include=include, limit=self._batch, offset=offset)
            ids = got["ids"]
            if not ids:
                return
            texts = got.get("documents") or [""] * len(ids)
            metas = [dict(m or {}) for m in (got.get("metadatas") or [{}] * len(ids))]
            yield ids, texts, metas
            offset += len(ids)


def _batches(rows: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _chunk_meta(doc: Document, c: Chunk) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "doc_hash": doc.content_hash,
        "index": c.index,
        "start": c.start,
        "end": c.end,
        "source": doc.source,
        "title": doc.title,
        "date": doc.date,
        **_date_meta(doc),
    }


def _date_meta(doc: Document) -> dict[str, Any]:
    """The date's source, and the date as a number (20250314) for Chroma's range filters."""
    day = doc.date.replace("-", "")
    return {"date_source": doc.meta.get("date_source", ""), "date_num": int(day or 0)}


def _doc_meta(p: Prepared, now: float) -> dict[str, Any]:
    return {
        "source": p.doc.source,
        "title": p.doc.title,
        "date": p.doc.date,
        "date_source": p.doc.meta.get("date_source", ""),
        "quotes": p.doc.meta.get("quotes", ""),
        "content_hash": p.doc.content_hash,
        "n_chunks": len(p.chunks),
        "ingested_at": now,
    }


def _doc_info(doc_id: str, m: Any) -> DocInfo:
    m = m or {}
    return DocInfo(
        doc_id=doc_id,
        source=str(m.get("source", "")),
        title=str(m.get("title", "")),
        date=str(m.get("date", "")),
        n_chunks=int(m.get("n_chunks", 0)),
        content_hash=str(m.get("content_hash", "")),
        ingested_at=float(m.get("ingested_at", 0.0)),
        date_source=str(m.get("date_source", "")),
        quotes=str(m.get("quotes", "")),
    )


def _stored(chunk_id: str, text: str, m: dict[str, Any]) -> StoredChunk:
    return StoredChunk(
        chunk_id=chunk_id,
        doc_id=str(m.get("doc_id", "")),
        index=int(m.get("index", 0)),
        text=text,
        start=int(m.get("start", 0)),
        end=int(m.get("end", 0)),
        source=str(m.get("source", "")),
        title=str(m.get("title", "")),
        date=str(m.get("date", "")),
        date_source=str(m.get("date_source", "")),
    )


_OPEN: dict[tuple[str, str, str], Store] = {}


def open_store(
    store: Store | str | Path | None = None,
    *,
    chroma_url: str | None = None,
    embedder: Embedder | None = None,
    settings: Settings | None = None,
) -> Store:
    """Open (once per process) the store at a folder, an ``http(s)://`` Chroma URL, or settings'."""
    if isinstance(store, Store):
        return store
    s = settings or get_settings()
    url = chroma_url or (
        str(store) if str(store or "").startswith(("http://", "https://")) else None
    )
    url = url or (None if store else s.chroma_url)
    emb = embedder or default_embedder()
    location = url or str(Path(store or s.store).expanduser().resolve())
    key = (location, s.collection, emb.name)
    if key not in _OPEN:
        if url:
            _OPEN[key] = Store(_http_client(url), emb, prefix=s.collection, location=location)
        else:
            path = Path(location)
            _OPEN[key] = Store(
                _persistent_client(path),
                emb,
                prefix=s.collection,
                location=location,
                reopen=lambda: _persistent_client(path),
            )
    return _OPEN[key]


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


def _persistent_client(path: Path) -> Any:
    import chromadb

    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


def _http_client(url: str) -> Any:
    import chromadb

    u = urlparse(url)
    if u.scheme not in {"http", "https"} or not u.hostname:
        raise StoreError(f"not a Chroma server URL: {url!r} (expected http://host:port)")
    try:
        client = chromadb.HttpClient(
            host=u.hostname,
            port=u.port or (443 if u.scheme == "https" else 8000),
            ssl=u.scheme == "https",
            settings=_chroma_settings(),
        )
        client.heartbeat()
    except Exception as e:  # chromadb raises several types for an unreachable server
        raise StoreError(f"cannot reach the Chroma server at {url}: {e}") from e
    return client
