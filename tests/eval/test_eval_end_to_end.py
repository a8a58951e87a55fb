"""The harness on the real stack: the sample article ingested with the real model and store,
questions from the shipped sample set answered by citeqa's own answer and retrieval functions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eval.baselines import check_baseline, write_baseline
from eval.datasets import load_question_set
from eval.harness import run_eval
from eval.reporting import write_report
from tests.conftest import SAMPLE_ARTICLE

SET = Path(__file__).resolve().parents[2] / "eval" / "sets" / "sample_article.jsonl"

pytestmark = pytest.mark.skipif(not SAMPLE_ARTICLE.exists(), reason="../shared absent")


def test_sample_set_on_the_real_stack(sample_store: Any, tmp_path: Path) -> None:
    from qa.answer import answer
    from qa.config import RetrievalConfig
    from qa.retrieve import hybrid_searcher, retrieve

    qset = load_question_set(SET).sample(12, seed=7)
    searcher = hybrid_searcher(sample_store, RetrievalConfig.from_settings())
    result = run_eval(
        qset,
        answer_fn=lambda q, history: answer(q, history=history, store=sample_store),
        retrieve_fn=lambda q: retrieve(q, searcher, 10),
        progress=False,
    )
    m = result.metrics
    assert m["n_questions"] == qset.n_questions and m["n_errors"] == 0
    assert m["n_unanswerable"] > 0 and m["n_answerable"] > 0
    # The article is short and every gold passage holds its answer: retrieval must find them.
    assert m["retrieval"]["hit@10"] is not None and m["retrieval"]["hit@10"] >= 0.9
    assert m["answer"]["contains"] is not None and m["answer"]["contains"] >= 0.5
    assert m["refusal"]["recall"] is not None
    assert m["latency_ms"]["p50"] is not None and m["latency_ms"]["p50"] > 0
    assert all(r.timings.get("total_ms", 0) > 0 for r in result.records)
    files = write_report(result, tmp_path / "report", title="sample", command="pytest")
    assert files.html.stat().st_size > 10_000
    pinned = write_baseline(m, tmp_path / "baseline.json", command="pytest")
    assert check_baseline(m, pinned) == []
