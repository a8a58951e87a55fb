"""Dense search returns the exact nearest chunks, the same in every process.

Chroma's HNSW search is approximate, and a folder store of 100 to 1,000 chunks rebuilds its
graph at every open: at Chroma's own breadth (ef_search 100) a question could get other
passages in another process. These tests search a store of 750 chunks from fresh processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from citeqa.settings import Settings
from ingest import Document, open_store
from ingest.chunk import chunk_document
from ingest.store import Prepared

DIM = 384
N = 38  # what the retriever asks Chroma for (30 candidates + 8)

Narrow = tuple[Path, list[set[str]], np.ndarray]
"""A narrow store's folder, each query's true nearest chunk ids, and the queries."""


def _filled(folder: Path, *, docs: int = 30, per_doc: int = 25, seed: int = 0) -> None:
    """A store searched at Chroma's narrowest breadth (as one made before ``search_ef``, only
    narrower), of ``docs × per_doc`` one-sentence chunks with clustered random unit vectors."""
    rng = np.random.default_rng(seed)
    store = open_store(folder, create=True, settings=Settings(search_ef=1))
    for d in range(docs):
        text = " ".join(f"Sentence {i} of article {d} is here." for i in range(per_doc))
        doc = Document(source=f"mem://{d}", text=text, title=f"Article {d}")
        chunks = chunk_document(doc, size=30, overlap=0)
        vecs = rng.normal(size=DIM) + rng.normal(scale=1.5, size=(len(chunks), DIM))
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        store.put([Prepared(doc, chunks, vecs.astype(np.float32))])


def _searched_elsewhere(
    folder: Path, queries: np.ndarray, env: dict[str, str] | None = None
) -> list[list[str]]:
    """Each query's chunk ids from a new process that opens the store and searches it."""
    np.save(folder.parent / "queries.npy", queries)
    code = (
        "import json, sys, numpy as np\n"
        "from ingest import open_store\n"
        f"store = open_store({str(folder)!r})\n"
        f"qs = np.load({str(folder.parent / 'queries.npy')!r})\n"
        f"print(json.dumps([[c.chunk_id for c, _ in store.search(q, {N})] for q in qs]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    found: list[list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


@pytest.fixture(scope="module")
def narrow(tmp_path_factory: pytest.TempPathFactory) -> Narrow:
    """The narrow store, and 40 queries near its chunks with their exact nearest chunks."""
    folder = tmp_path_factory.mktemp("breadth") / "store"
    _filled(folder)
    store = open_store(folder)
    ids = [c.chunk_id for c in store.chunks()]
    stored = store.vectors(ids)
    rng = np.random.default_rng(1)
    queries = stored[rng.choice(len(stored), 40, replace=False)]
    queries = queries + rng.normal(scale=0.05, size=queries.shape)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    truth = [{ids[i] for i in np.argsort(-(stored @ q), kind="stable")[:N]} for q in queries]
    return folder, truth, queries.astype(np.float32)


def _copy(folder: Path, name: str) -> Path:
    copy = folder.parent / name
    shutil.copytree(folder, copy)
    return copy


def test_a_narrow_search_misses_neighbours(narrow: Narrow) -> None:
    """The control: searched as made, the store misses some true neighbours, so the test
    below can fail."""
    folder, truth, queries = narrow
    got = _searched_elsewhere(_copy(folder, "as-made"), queries, {"CITEQA_SEARCH_EF": "1"})
    found = sum(len(set(g) & t) for g, t in zip(got, truth, strict=True))
    assert found < N * len(queries)


def test_an_opened_store_searches_exactly_and_alike_in_every_process(narrow: Narrow) -> None:
    """Opened with the default settings, the store is widened (``Settings.search_ef``) for
    good: two new processes each get the exact nearest chunks."""
    folder, truth, queries = narrow
    copy = _copy(folder, "widened")
    first = _searched_elsewhere(copy, queries)
    second = _searched_elsewhere(copy, queries)
    assert [set(x) for x in first] == truth
    assert first == second
