"""One read of the store's version per block (ingest.pin): a block keeps its view, sync() still
catches up, and an answer reads the version once for all its steps."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.chroma_store import ChromaStore
from ingest.pin import one_version
from ingest.store import Store
from qa import Pipeline
from tests.ingest.test_store import article, prepare


def counted(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the store's reads of its version record from now on (the real reads still run)."""
    reads: list[int] = []
    read: Callable[[], str] = store._read_version  # type: ignore[attr-defined]

    def counting() -> str:
        reads.append(1)
        return read()

    monkeypatch.setattr(store, "_read_version", counting)
    return reads


def test_a_block_reads_once_keeps_its_view_and_sync_catches_up(
    store: ChromaStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = ChromaStore(store.client, store.embedder, location=store.location)  # another writer
    reads = counted(store, monkeypatch)
    with one_version():
        before = store.version()
        other.put([prepare(other, article(1))])
        after = other.version()
        assert store.version() == store.version() == before != after
        assert len(reads) == 1
        store.sync()  # dense search's catch-up reads afresh, and the block goes on from there
        assert store.version() == after
        assert len(reads) == 2
    assert store.version() == store.version() == after, "outside a block every call reads"
    assert len(reads) == 4


def test_an_answer_reads_the_version_once(
    examples_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = Pipeline.from_settings(examples_store)
    pipe.answer("Who founded Brightpage?")  # BM25 index and quote book built
    reads = counted(examples_store, monkeypatch)
    a = pipe.answer("Who paid for the library's reading robots?")
    assert a.citations and not a.declined
    assert len(reads) == 1  # dense search's catch-up; BM25 and the quote book reuse it
