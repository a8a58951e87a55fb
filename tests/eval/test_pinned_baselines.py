"""Regression gate: each shipped question set must score at least its pinned baseline
(eval/baselines/<set>.json) minus the stated tolerance. A change that makes answers worse fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.run import baseline_path, evaluate
from tests.conftest import EXAMPLES, SAMPLE_ARTICLE

SETS = Path(__file__).resolve().parents[2] / "eval" / "sets"


def test_examples_set_meets_its_baseline(tmp_path: Path) -> None:
    run = evaluate(
        SETS / "examples.jsonl",
        docs=[EXAMPLES],
        store=tmp_path / "s",
        check=True,
        progress=False,
    )
    assert run.result.metrics["n_questions"] >= 20
    assert run.regressions == []


@pytest.mark.skipif(not SAMPLE_ARTICLE.exists(), reason="../shared/corpus is not present")
def test_sample_article_set_meets_its_baseline(tmp_path: Path) -> None:
    run = evaluate(
        SETS / "sample_article.jsonl",
        docs=[SAMPLE_ARTICLE],
        store=tmp_path / "s",
        check=True,
        progress=False,
    )
    assert run.regressions == []


def test_every_shipped_set_has_a_baseline() -> None:
    for path in SETS.glob("*.jsonl"):
        assert baseline_path(path).exists(), f"pin a baseline for {path.name}"
