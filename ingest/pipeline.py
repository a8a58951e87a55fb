"""The ingestion pipeline: sources → documents → chunks → vectors → store.

Reading a file never touches the store; documents are written in batches (so the model encodes
many chunks per call) and each batch commits document by document (see ``ingest.store``). The
chunks' sentences the store does not keep a vector for yet are embedded with them (outside the
writer lock) and written with the batch (``ingest.sentence_vectors``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from citeqa.settings import Settings, get_settings
from ingest.chunk import chunk_document
from ingest.errors import IngestError
from ingest.progress import IngestProgress
from ingest.quotes import with_quotes
from ingest.readers import read_document
from ingest.sentence_vectors import backfill, new_sentence_vectors, sentence_texts, vectors_for
from ingest.sources import iter_sources
from ingest.store import Prepared, Store, open_store
from ingest.types import Chunk, Document

Status = Literal["added", "updated", "unchanged", "failed"]


@dataclass
class FileResult:
    """What happened to one source."""

    source: str
    status: Status
    doc_id: str = ""
    title: str = ""
    n_chunks: int = 0
    error: str | None = None


@dataclass
class IngestReport:
    """The outcome of one ingest run; ``to_dict()`` is what ``--json`` prints."""

    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    repaired: int = 0
    backfilled: int = 0  # sentence vectors an older store was given (once)

    def count(self, status: Status) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def chunks_written(self) -> int:
        return sum(f.n_chunks for f in self.files if f.status in ("added", "updated"))

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.count("added"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "failed": self.count("failed"),
            "chunks_written": self.chunks_written,
            "repaired_chunks": self.repaired,
            "sentence_vectors_backfilled": self.backfilled,
            "seconds": round(self.seconds, 3),
            "chunks_per_second": round(self.chunks_written / self.seconds, 1)
            if self.seconds
            else 0,
            "files": [asdict(f) for f in self.files],
        }


def ingest(
    paths: Sequence[str | Path],
    *,
    store: Store | str | Path | None = None,
    settings: Settings | None = None,
    on_file: Callable[[FileResult], None] | None = None,
    progress: bool = False,
    follow_links: bool = False,
) -> IngestReport:
    """Ingest files, folders (recursively) and URLs into the store (created when missing).

    Args:
        paths: what to read; bad entries are reported per file and never stop the others.
        store: an open ``Store``, a folder, a Chroma URL, or None for the configured store.
        settings: defaults to ``get_settings()``.
        on_file: called with each file's result as soon as it is known.
        progress: show a progress bar (files and chunks, with rate) on the terminal.
        follow_links: follow symbolic links inside folders to files outside them (default no).
    """
    s = settings or get_settings()
    sources = list(iter_sources([str(p) for p in paths], follow_links=follow_links))

    def read(src: str | IngestError) -> Document | IngestError:
        if isinstance(src, IngestError):
            return src
        try:
            return read_document(src, s)
        except IngestError as e:
            return e

    return ingest_documents(
        (read(src) for src in sources),
        store=store,
        settings=s,
        on_file=on_file,
        progress=progress,
        total=len(sources),
    )


def ingest_documents(
    docs: Iterable[Document | IngestError],
    *,
    store: Store | str | Path | None = None,
    settings: Settings | None = None,
    on_file: Callable[[FileResult], None] | None = None,
    progress: bool = False,
    total: int | None = None,
) -> IngestReport:
    """Chunk, embed and store documents that are already read (errors are passed through)."""
    s = settings or get_settings()
    st = open_store(store, settings=s, create=True)
    t0 = time.perf_counter()
    report = IngestReport(repaired=st.repair())
    known = {d.doc_id: (d.content_hash, d.n_chunks) for d in st.documents()}
    batch = _Batch(st, s.embed_batch_size * 8, s.embed_titles, s.sentence_vectors)
    bar = IngestProgress(total, enabled=progress)

    def done(r: FileResult) -> None:
        report.files.append(r)
        bar.file_done(r.n_chunks if r.status in ("added", "updated") else 0)
        if on_file:
            on_file(r)

    with bar:
        for doc in docs:
            if isinstance(doc, IngestError):
                done(FileResult(doc.source, "failed", error=str(doc)))
                continue
            old = known.get(doc.doc_id)
            if old and old[0] == doc.content_hash and st.is_complete(doc.doc_id, *old):
                done(FileResult(doc.source, "unchanged", doc.doc_id, doc.title))
                continue
            doc = with_quotes(doc)
            chunks = chunk_document(doc, size=s.chunk_size, overlap=s.chunk_overlap)
            known[doc.doc_id] = (doc.content_hash, len(chunks))
            status: Status = "added" if old is None else "updated"
            result = FileResult(doc.source, status, doc.doc_id, doc.title, len(chunks))
            for r in batch.add(doc, chunks, result):
                done(r)
        for r in batch.flush():
            done(r)
    if s.sentence_vectors:
        report.backfilled = backfill(st)
    report.seconds = time.perf_counter() - t0
    return report


def embedding_text(doc: Document, chunk: Chunk, with_title: bool) -> str:
    """What the model encodes for a chunk: its text, after the article title when asked."""
    return f"{doc.title}\n{chunk.text}" if with_title and doc.title else chunk.text


class _Batch:
    """Collects chunked documents until enough chunks are pending for an efficient encode."""

    def __init__(
        self, store: Store, min_chunks: int, with_title: bool, sentence_vectors: bool = True
    ) -> None:
        self.store = store
        self.min_chunks = min_chunks
        self.with_title = with_title
        self.sentence_vectors = sentence_vectors
        self.pending: list[tuple[Document, list[Any], FileResult]] = []

    def add(self, doc: Document, chunks: list[Any], result: FileResult) -> list[FileResult]:
        self.pending.append((doc, chunks, result))
        if sum(len(c) for _, c, _ in self.pending) >= self.min_chunks:
            return self.flush()
        return []

    def flush(self) -> list[FileResult]:
        if not self.pending:
            return []
        texts = [
            embedding_text(doc, c, self.with_title)
            for doc, chunks, _ in self.pending
            for c in chunks
        ]
        vectors = self.store.embedder.embed(texts)
        sentences = {
            id(doc): [t for c in chunks for t in sentence_texts(c.text, c.sentences)]
            if self.sentence_vectors
            else []
            for doc, chunks, _ in self.pending
        }
        new = new_sentence_vectors(self.store, (t for ts in sentences.values() for t in ts))
        prepared, at = [], 0
        for doc, chunks, _ in self.pending:
            own = vectors_for(sentences[id(doc)], new)
            prepared.append(Prepared(doc, chunks, vectors[at : at + len(chunks)], own))
            at += len(chunks)
        self.store.put(prepared)
        results = [r for _, _, r in self.pending]
        self.pending = []
        return results
