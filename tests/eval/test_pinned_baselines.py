"""Regression gate: each shipped question set must score at least its pinned baseline
(eval/baselines/<set>.json) minus the stated tolerance. A change that makes answers worse fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.run import baseline_path, evaluate
from tests.conftest import EXAMPLES, SAMPLE_ARTICLE, SETS


@pytest.mark.parametrize(
    ("name", "docs"),
    [
        ("examples.jsonl", EXAMPLES),
        ("news.jsonl", SETS / "news_articles"),
        ("fresh.jsonl", SETS / "fresh_articles"),
        ("tried.jsonl", SETS / "tried_articles"),
        pytest.param(
            "sample_article.jsonl",
            SAMPLE_ARTICLE,
            marks=pytest.mark.skipif(
                not SAMPLE_ARTICLE.exists(), reason="../shared/corpus is not present"
            ),
        ),
    ],
)
def test_shipped_set_meets_its_baseline(tmp_path: Path, name: str, docs: Path) -> None:
    run = evaluate(SETS / name, docs=[docs], store=tmp_path / "s", check=True, progress=False)
    assert run.result.metrics["n_questions"] >= 20
    assert run.regressions == []


def test_every_shipped_set_has_a_baseline() -> None:
    for path in SETS.glob("*.jsonl"):
        assert baseline_path(path).exists(), f"pin a baseline for {path.name}"
