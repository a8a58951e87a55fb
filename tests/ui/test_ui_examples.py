"""Example questions follow the stored articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ui.examples import KNOWN, MAX_EXAMPLES, example_questions

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def test_questions_name_the_stored_articles(store: Any) -> None:
    titles = [d.title for d in store.documents()]
    fixed = {q for qs in KNOWN.values() for q in qs}
    got = example_questions(store)
    assert 1 <= len(got) <= MAX_EXAMPLES
    for q in got:
        assert q in fixed or any(t[:20] in q for t in titles), q


def test_sample_articles_get_their_fixed_questions(tmp_path: Path) -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/articles is not there")
    from ingest import ingest, open_store

    shelf = open_store(tmp_path / "store", create=True)
    ingest([str(EXAMPLES)], store=shelf)
    fixed = {q for qs in KNOWN.values() for q in qs}
    got = example_questions(shelf)
    assert len(got) == len(shelf.documents()) and set(got) <= fixed
