"""The Chroma implementation of :class:`ingest.store.Store` (embedded folder or server).

Four collections share a name prefix. ``<prefix>_chunks`` holds chunk text, vectors and
metadata (``doc_id``, ``doc_hash`` = the version of the document it belongs to, offsets,
sentence spans); ``<prefix>_docs`` holds one record per document: its cleaned text and content
hash; ``<prefix>_meta`` holds the store version token, the sentence-sweep flag and whether an
older store was given its sentence vectors (``sentences_backfilled``);
``<prefix>_sentences`` holds sentence vectors, id = ``sentence_key(model, text)`` (no text, no
metadata: content-addressed, so never wrong for the text that finds them).

A write (``put``) runs under the store's writer lock: chunks first, then each document's
record (the commit point: reads only return chunks whose ``doc_hash`` equals their document
record's ``content_hash``), then the version bump, then old chunks are dropped. A crash at any
step leaves a store whose reads are already correct; ``repair()`` (also under the lock, so never
during another writer's write) deletes the leftovers.

Sentence vectors are written first in ``put``, under the same lock, after the sweep flag is
raised; the flag is lowered again when the write replaced nothing. A removal or replacement
raises it too. ``repair()`` sweeps (deletes the vectors of sentences no committed chunk holds)
only while the flag is up, so a crash or a replaced article costs one sweep, and a plain ingest
none.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import numpy as np
from filelock import FileLock, Timeout

from citeqa.settings import get_settings
from ingest.embed import Embedder
from ingest.faults import fault_point
from ingest.location import StoreLocation
from ingest.pin import pinned, repin
from ingest.sentence_vectors import sentence_key, sentence_texts
from ingest.store import (
    DocInfo,
    Prepared,
    StoreBusy,
    StoredChunk,
    StoreError,
    spans_from_meta,
    spans_to_meta,
)
from ingest.types import Chunk, Document

_VERSION_ID = "version"
_SWEEP_ID = "sentence-sweep"
_BACKFILL_ID = "sentence-backfill"
LOCK_TIMEOUT = 600.0
"""Seconds a writer waits for another writer before giving up with :class:`StoreBusy`."""
SERVER_REPAIR_GRACE = 3600.0
"""On a server, uncommitted chunks younger than this are left alone by ``repair()``: a writer on
another machine does not share our lock file. They are invisible to reads either way."""

T = TypeVar("T")


def error_cause(e: BaseException) -> str:
    text = " ".join(str(e).split())[:200]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


@contextlib.contextmanager
def held(lock: FileLock, location: StoreLocation, wait: float) -> Iterator[None]:
    """Hold ``lock``, waiting up to ``wait`` seconds, else raise :class:`StoreBusy`."""
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise StoreBusy(
            f"the store at {location} is being written by another process "
            f"(lock {lock.lock_file} held for over {wait:g} s): try again later"
        ) from None
    try:
        yield
    finally:
        lock.release()


class ChromaStore:
    """citeqa's store over a Chroma client (``PersistentClient`` or ``HttpClient``)."""

    def __init__(
        self,
        client: Any,
        embedder: Embedder,
        *,
        location: StoreLocation,
        lock_timeout: float = LOCK_TIMEOUT,
        reopen: Callable[[], Any] | None = None,
        search_ef: int | None = None,
    ) -> None:
        self.embedder = embedder
        self.search_ef = search_ef or get_settings().search_ef
        self.location = location
        self.lock_timeout = lock_timeout
        self._lock = FileLock(str(location.lock_path()))
        self._reopen = reopen  # embedded stores: a fresh client sees other processes' writes
        self._io = threading.Lock()
        self._bind(client)
        self._seen = self._read_version()
        self.generation = 0  # bumped by every write through this object

    def _bind(self, client: Any) -> None:
        from ingest.chroma_ef import ChromaEmbeddingFunction

        self.client = client
        prefix = self.location.collection
        meta = {"embedding_model": self.embedder.name, "embedding_dim": self.embedder.dim}
        self._chunks = client.get_or_create_collection(
            f"{prefix}_chunks",
            metadata=meta,
            configuration={"hnsw": {"space": "cosine", "ef_search": self.search_ef}},
            embedding_function=ChromaEmbeddingFunction(self.embedder),
        )
        self._check_model(self._chunks.metadata or {})
        self._widen_search()
        self._docs = client.get_or_create_collection(
            f"{prefix}_docs", metadata={"kind": "documents"}, embedding_function=None
        )
        self._meta = client.get_or_create_collection(
            f"{prefix}_meta", metadata={"kind": "version"}, embedding_function=None
        )
        self._sentences = _sentence_collection(client, f"{prefix}_sentences", meta)
        self._batch = max(1, min(int(client.get_max_batch_size()), 4000))

    def _widen_search(self) -> None:
        """Search a store made with a narrower HNSW breadth (before ``search_ef``) at ours.

        Chroma's search is approximate, and a folder store under 1,000 chunks rebuilds its graph
        at every open, so a narrow search could return other neighbours in another process
        (``eval/benchmarks/dense_recall.py``). Skipped while a writer holds the store: the next
        open widens it.
        """
        try:
            hnsw = (self._chunks.configuration or {}).get("hnsw") or {}
        except ValueError:  # a configuration this Chroma cannot read: leave it as it is
            return
        if int(hnsw.get("ef_search") or 0) >= self.search_ef:
            return
        with contextlib.suppress(StoreBusy), held(self._lock, self.location, 1.0):
            self._chunks.modify(configuration={"hnsw": {"ef_search": self.search_ef}})

    def sync(self) -> bool:
        """Catch up with other processes' writes; True when the store had to be reopened.

        An embedded Chroma keeps its vector index in memory and does not see what another
        process adds or deletes; when the store's version moved and this object did not move
        it, the client is reopened (one record read when nothing changed). Writers call it
        under the lock before writing, so they never write from a stale index either.
        """
        version = self._read_version()
        repin(id(self), version)
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

    @contextlib.contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        """Turn any failure of Chroma (server gone, disk full, damaged file) into one line."""
        try:
            yield
        except StoreError:
            raise
        except Exception as e:
            hint = (
                "is the Chroma server running?"
                if self.location.is_server
                else "is the disk full or the folder read-only?"
            )
            raise StoreError(
                f"the store at {self.location} failed while {doing} ({error_cause(e)}): {hint} "
                "Nothing committed was lost; run `citeqa ingest` again once it is fixed "
                "(it repairs what this run left)"
            ) from e

    def writing(self, timeout: float | None = None) -> contextlib.AbstractContextManager[None]:
        """Hold the store's writer lock (re-entrant in one thread; waits for other writers)."""
        return held(self._lock, self.location, self.lock_timeout if timeout is None else timeout)

    # --- reading -----------------------------------------------------------------------------
    def documents(self) -> list[DocInfo]:
        """Every committed document, ordered by title."""
        with self._guard("listing documents"):
            got = self._docs.get(include=["metadatas"])
        docs = [_doc_info(i, m) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)]
        return sorted(docs, key=lambda d: (d.title.lower(), d.source))

    def document(self, doc_id: str) -> DocInfo | None:
        with self._guard("reading a document"):
            got = self._docs.get(ids=[doc_id], include=["metadatas"])
        if not got["ids"]:
            return None
        return _doc_info(got["ids"][0], (got["metadatas"] or [{}])[0])

    def document_text(self, doc_id: str) -> str:
        """The cleaned article text that chunk and citation offsets point into."""
        with self._guard("reading a document"):
            got = self._docs.get(ids=[doc_id], include=["documents"])
        if not got["ids"]:
            raise KeyError(f"no document {doc_id!r} in {self.location}")
        return str((got["documents"] or [""])[0])

    def _committed(self, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
        """doc_id → content hash of the committed version (of ``doc_ids``, or of all)."""
        ids = None if doc_ids is None else sorted(set(doc_ids))
        if ids == []:
            return {}
        got = self._docs.get(ids=ids, include=["metadatas"])
        return {
            i: str((m or {}).get("content_hash", ""))
            for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)
        }

    def chunks(self, doc_id: str | None = None) -> list[StoredChunk]:
        """Committed chunks (of one document, or all), in document and reading order."""
        with self._guard("reading chunks"):
            live = self._committed([doc_id] if doc_id else None)
            where = {"doc_id": doc_id} if doc_id else None
            out = [
                _stored(i, t, m)
                for ids, texts, metas in self._pages(where, ["documents", "metadatas"])
                for i, t, m in zip(ids, texts, metas, strict=True)
                if live.get(str(m.get("doc_id"))) == m.get("doc_hash")
            ]
        return sorted(out, key=lambda c: (c.source, c.doc_id, c.index))

    def count(self) -> int:
        """Number of stored chunk rows (committed or not: cheap, for sizing)."""
        with self._guard("counting chunks"):
            return int(self._chunks.count())

    def search(
        self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[StoredChunk, float]]:
        """The ``n`` committed chunks nearest to ``vector`` (among those ``where`` admits)."""
        total = self.count()
        if total == 0 or n <= 0:
            return []
        want = min(total, n + 8)
        with self._guard("searching"):
            while True:
                with self._io:
                    res = self._chunks.query(
                        query_embeddings=[vector.tolist()],
                        n_results=want,
                        where=where,
                        include=["documents", "metadatas", "distances"],
                    )
                ids, texts = res["ids"][0], (res["documents"] or [[]])[0]
                metas, dists = (res["metadatas"] or [[]])[0], (res["distances"] or [[]])[0]
                metas = [dict(m or {}) for m in metas]
                live = self._committed(str(m.get("doc_id")) for m in metas)
                kept = [
                    (_stored(i, t, m), 1.0 - float(d))
                    for i, t, m, d in zip(ids, texts, metas, dists, strict=True)
                    if live.get(str(m.get("doc_id"))) == m.get("doc_hash")
                ]
                if len(kept) >= n or want >= total:
                    return kept[:n]
                want = min(total, want * 4)

    def vectors(self, chunk_ids: Sequence[str]) -> np.ndarray:
        """The stored vectors of ``chunk_ids``, row for row."""
        if not chunk_ids:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        with self._guard("reading vectors"):
            got = self._chunks.get(ids=list(chunk_ids), include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"], strict=True))
        missing = [c for c in chunk_ids if c not in by_id]
        if missing:
            raise KeyError(f"no chunk {missing[0]!r} in {self.location}")
        return np.asarray([by_id[c] for c in chunk_ids], dtype=np.float32)

    def sentence_vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The kept vectors of those ``texts`` that have one (see ``ingest.sentence_vectors``)."""
        if self._sentences is None or not texts:
            return {}
        keys = {sentence_key(self.embedder.name, t): t for t in texts}
        out: dict[str, np.ndarray] = {}
        with self._guard("reading sentence vectors"):
            for batch in _batches(list(keys), self._batch):
                got = self._sentences.get(ids=list(batch), include=["embeddings"])
                for key, vector in zip(got["ids"], got["embeddings"], strict=True):
                    out[keys[key]] = np.asarray(vector, dtype=np.float32)
        return out

    def kept_sentences(self, texts: Sequence[str]) -> set[str]:
        """Those of ``texts`` whose vector the store keeps, read from the record ids alone.

        What ingest asks before embedding sentences (``new_sentence_vectors``), outside the
        writer lock. Unlike ``sentence_vectors`` it never reads a vector: this process's
        in-memory index can be behind what other processes wrote since it last read or wrote
        the collection, and asking that index for a vector it lacks fails ("Error finding
        id"), whereas the ids come from the SQLite records every process shares.
        """
        if self._sentences is None or not texts:
            return set()
        keys = {sentence_key(self.embedder.name, t): t for t in texts}
        kept: set[str] = set()
        with self._guard("reading sentence vectors"):
            for batch in _batches(list(keys), self._batch):
                kept.update(
                    keys[k] for k in self._sentences.get(ids=list(batch), include=[])["ids"]
                )
        return kept

    def sentence_count(self) -> int:
        """Number of kept sentence vectors (used or not: for sizing and tests)."""
        if self._sentences is None:
            return 0
        with self._guard("counting sentence vectors"):
            return int(self._sentences.count())

    def is_complete(self, doc_id: str, content_hash: str, n_chunks: int) -> bool:
        """Whether all ``n_chunks`` chunks of that version of the document are stored."""
        where = {"$and": [{"doc_id": doc_id}, {"doc_hash": content_hash}]}
        with self._guard("checking a document"):
            got = self._chunks.get(where=where, include=[])
        return len(got["ids"]) == n_chunks and n_chunks > 0

    def version(self) -> str:
        """A token that changes with every write by any process (keys derived caches, e.g. BM25).

        One record read, whatever the store's size; one per block inside ``ingest.pin``'s
        ``one_version()``.
        """
        return pinned(id(self), self._read_version)

    def _read_version(self) -> str:
        with self._guard("reading the version"):
            got = self._meta.get(ids=[_VERSION_ID], include=["metadatas"])
        return str(((got["metadatas"] or [{}])[0] or {}).get("token", "")) if got["ids"] else ""

    def _bump(self) -> None:
        self.generation += 1
        token = uuid.uuid4().hex
        others_wrote = self._read_version() != self._seen
        self._meta.upsert(ids=[_VERSION_ID], metadatas=[{"token": token}], embeddings=[[0.0]])
        repin(id(self), token)
        if not others_wrote:  # our own write is in our index already: nothing to catch up on
            self._seen = token

    # --- writing -----------------------------------------------------------------------------
    def put(self, items: Sequence[Prepared]) -> None:
        """Write documents: chunks, then each record (commit), version, then drop old chunks."""
        if not items:
            return
        with self.writing(), self._guard("writing"):
            self.sync()
            vectors = {t: v for p in items for t, v in p.sentence_vectors.items()}
            replacing = self._replacing(items)
            with self._sweep_window(bool(vectors or replacing), keep_up=replacing):
                self._write_sentences(vectors)
                self._write_chunks(items)
                self._commit(items)
                self._drop_old(items)

    def keep_sentence_vectors(
        self, vectors: dict[str, np.ndarray], *, backfilled: bool = False
    ) -> None:
        """Write sentence vectors (text → vector) outside a ``put``, under the writer lock and
        the sweep flag like one; ``backfilled`` records that every committed chunk's sentences
        were given theirs (``ingest.sentence_vectors.backfill``)."""
        with self.writing(), self._guard("writing sentence vectors"):
            self.sync()
            with self._sweep_window(bool(vectors)):
                self._write_sentences(vectors)
            if backfilled and self._sentences is not None:
                self._meta.upsert(ids=[_BACKFILL_ID], metadatas=[{"done": 1}], embeddings=[[0.0]])

    def sentences_backfilled(self) -> bool:
        """Whether ``keep_sentence_vectors(..., backfilled=True)`` ever ran on this store."""
        with self._guard("reading the store's records"):
            return bool(self._meta.get(ids=[_BACKFILL_ID], include=[])["ids"])

    def _replacing(self, items: Sequence[Prepared]) -> bool:
        """Whether any of ``items`` replaces a committed, different version of its document."""
        committed = self._committed(p.doc.doc_id for p in items)
        return any(
            committed.get(p.doc.doc_id, p.doc.content_hash) != p.doc.content_hash for p in items
        )

    def _write_sentences(self, vectors: dict[str, np.ndarray]) -> None:
        if self._sentences is None or not vectors:
            return
        rows = [(sentence_key(self.embedder.name, t), v) for t, v in vectors.items()]
        for batch in _batches(rows, self._batch):
            ids, vecs = zip(*batch, strict=True)
            self._sentences.upsert(ids=list(ids), embeddings=np.vstack(vecs))
        fault_point("store.put.after_sentences")

    def _write_chunks(self, items: Sequence[Prepared]) -> None:
        fault_point("store.put.before_chunks")
        now = time.time()
        rows = [
            (c.chunk_id, c.text, _chunk_meta(p.doc, c, now), p.vectors[k])
            for p in items
            for k, c in enumerate(p.chunks)
        ]
        for batch in _batches(rows, self._batch):
            ids, texts, metas, vecs = zip(*batch, strict=True)
            self._chunks.upsert(
                ids=list(ids),
                documents=list(texts),
                metadatas=list(metas),
                embeddings=np.vstack(vecs),
            )
        fault_point("store.put.after_chunks")

    def _commit(self, items: Sequence[Prepared]) -> None:
        now = time.time()
        for batch in _batches(list(items), self._batch):
            self._docs.upsert(
                ids=[p.doc.doc_id for p in batch],
                documents=[p.doc.text for p in batch],
                metadatas=[_doc_meta(p, now) for p in batch],
                embeddings=[[0.0] for _ in batch],
            )
        self._bump()
        fault_point("store.put.after_records")

    def _drop_old(self, items: Sequence[Prepared]) -> None:
        for p in items:
            self._chunks.delete(
                where={
                    "$and": [{"doc_id": p.doc.doc_id}, {"doc_hash": {"$ne": p.doc.content_hash}}]
                }
            )

    def remove(self, doc_id: str) -> bool:
        """Delete a document and its chunks; False when it was not there."""
        with self.writing(), self._guard("removing a document"):
            self.sync()
            existed = self.document(doc_id) is not None
            if existed:
                self._set_sweep_flag(True)  # its sentences' vectors may now be unused
            self._docs.delete(ids=[doc_id])  # record first: its chunks become invisible orphans
            self._chunks.delete(where={"doc_id": doc_id})
            self._bump()
        return existed

    def repair(self) -> int:
        """Delete chunks no committed document owns; returns how many went. When the sweep
        flag is up, also delete the sentence vectors no committed chunk uses.

        Runs under the writer lock, so a live writer's not-yet-committed chunks are never taken
        (on a server, young orphans are also spared: see ``SERVER_REPAIR_GRACE``; a writer on
        another machine may lose sentence vectors it just wrote, which only makes them be
        embedded at question time).
        """
        grace = SERVER_REPAIR_GRACE if self.location.is_server else 0.0
        with self.writing(), self._guard("repairing"):
            self.sync()
            committed = self._committed()
            cutoff = time.time() - grace
            orphans = [
                cid
                for ids, _, metas in self._pages(None, ["metadatas"])
                for cid, m in zip(ids, metas, strict=True)
                if committed.get(str(m.get("doc_id"))) != m.get("doc_hash")
                and float(m.get("written_at", 0.0)) <= cutoff
            ]
            fault_point("store.repair.before_delete")
            for batch in _batches(orphans, self._batch):
                self._chunks.delete(ids=list(batch))
            if orphans:
                self._bump()
            if self._sweep_flag():
                self.sweep_sentences()
        return len(orphans)

    def sweep_sentences(self) -> int:
        """Delete the sentence vectors no committed chunk uses and lower the sweep flag;
        returns how many went (``repair`` calls it when the flag is up)."""
        if self._sentences is None:
            return 0
        with self.writing(), self._guard("sweeping sentence vectors"):
            live = {
                sentence_key(self.embedder.name, t)
                for c in self.chunks()
                for t in sentence_texts(c.text, c.sentences)
            }
            stale = [
                key
                for ids in _id_pages(self._sentences, self._batch)
                for key in ids
                if key not in live
            ]
            fault_point("store.sweep.before_delete")
            for batch in _batches(stale, self._batch):
                self._sentences.delete(ids=list(batch))
            self._set_sweep_flag(False)
        return len(stale)

    @contextlib.contextmanager
    def _sweep_window(self, raise_flag: bool, *, keep_up: bool = False) -> Iterator[None]:
        """The sweep flag up while the body writes (when ``raise_flag``), lowered afterwards
        unless ``keep_up`` (a replaced version leaves vectors to sweep) or another write had
        raised it before. A crash inside leaves it up, so the next repair sweeps."""
        was_up = self._sweep_flag()
        if raise_flag and not was_up:
            self._set_sweep_flag(True)
        yield
        if raise_flag and not keep_up and not was_up:
            self._set_sweep_flag(False)

    def _sweep_flag(self) -> bool:
        got = self._meta.get(ids=[_SWEEP_ID], include=["metadatas"])
        return bool(got["ids"]) and bool(((got["metadatas"] or [{}])[0] or {}).get("up"))

    def _set_sweep_flag(self, up: bool) -> None:
        if self._sentences is not None:
            self._meta.upsert(ids=[_SWEEP_ID], metadatas=[{"up": int(up)}], embeddings=[[0.0]])

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


def _sentence_collection(client: Any, name: str, meta: dict[str, Any]) -> Any:
    """The sentence-vector collection, made when missing (an older store gets it on first
    open); None when it cannot be had, which only means sentences are embedded when asked."""
    try:
        return client.get_or_create_collection(
            name,
            metadata=meta,
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )
    except Exception:  # e.g. another process created it a moment ago: look it up once more
        with contextlib.suppress(Exception):
            return client.get_collection(name, embedding_function=None)
    return None


def _id_pages(collection: Any, size: int) -> Iterable[list[str]]:
    offset = 0
    while True:
        ids = collection.get(include=[], limit=size, offset=offset)["ids"]
        if not ids:
            return
        yield ids
        offset += len(ids)


def _batches(rows: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _chunk_meta(doc: Document, c: Chunk, now: float) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "doc_hash": doc.content_hash,
        "index": c.index,
        "start": c.start,
        "end": c.end,
        "source": doc.source,
        "title": doc.title,
        "date": doc.date,
        "sentences": spans_to_meta(c.sentences),
        "written_at": now,
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
        sentences=spans_from_meta(m.get("sentences")),
        date_source=str(m.get("date_source", "")),
    )
