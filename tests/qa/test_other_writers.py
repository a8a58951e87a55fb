"""A long-running answerer (as the web chat is) sees what other processes write to the store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ingest import open_store
from qa import Pipeline
from qa.answerers import AnswererContext, make_answerer
from qa.search import DenseSearcher

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "What colour is the zebra Quillon's saddle?"


def _citeqa(*args: str) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "citeqa", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=dict(os.environ),
    )
    assert r.returncode == 0, r.stderr


def test_ingest_and_remove_by_another_process_are_seen_at_the_next_question(
    tmp_path: Path,
) -> None:
    first = tmp_path / "first.txt"
    first.write_text("Harbour news\n\nThe ferry to Kessling leaves every hour from pier four.\n")
    _citeqa("ingest", str(first), "--store", str(tmp_path / "s"))
    store = open_store(tmp_path / "s")
    pipe = Pipeline(store, make_answerer("extractive", AnswererContext(store.embedder)))
    dense = DenseSearcher(store)
    assert "Quillon" not in pipe.answer(QUESTION).text  # warms the indexes before the write
    assert len(dense.search(QUESTION, 5)) == 1

    zebra = tmp_path / "zebra.txt"
    zebra.write_text(
        "Zoo news\n\nThe zebra Quillon wears a bright orange saddle during the parade. "
        "Keepers say the saddle was sewn by volunteers.\n"
    )
    _citeqa("ingest", str(zebra), "--store", str(tmp_path / "s"))
    seen = pipe.answer(QUESTION)
    assert seen.supported and "orange" in seen.text, seen
    assert "Zoo" in dense.search(QUESTION, 5)[0].chunk.title  # the in-memory vector index too

    doc_id = next(d.doc_id for d in store.documents() if "zebra" in d.source)
    _citeqa("remove", doc_id, "--store", str(tmp_path / "s"))
    gone = pipe.answer(QUESTION)
    assert [h.chunk.title for h in dense.search(QUESTION, 5)] == ["Harbour news"]
    assert all("Quillon" not in c.quote for c in [*gone.citations, *gone.closest]), gone
