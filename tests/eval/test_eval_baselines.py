"""Baselines: a run passes against its own pin and fails once a pinned score regresses."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from eval.baselines import check_baseline, load_baseline, write_baseline
from eval.harness import run_eval
from tests.eval import toy_system as toy


@pytest.fixture(scope="module")
def metrics() -> dict[str, Any]:
    return run_eval(
        toy.SET, answer_fn=toy.make_answer, retrieve_fn=toy.retrieve, progress=False
    ).metrics


def test_run_passes_its_own_baseline(metrics: dict[str, Any], tmp_path: Path) -> None:
    path = write_baseline(metrics, tmp_path / "b" / "toy.json", command="citeqa eval toy")
    data = load_baseline(path)
    assert data["tolerance"] == 0.02 and data["command"] == "citeqa eval toy"
    assert check_baseline(metrics, path) == []


def test_regressed_metric_fails(metrics: dict[str, Any], tmp_path: Path) -> None:
    path = write_baseline(metrics, tmp_path / "toy.json")
    worse = copy.deepcopy(metrics)
    more_than_one_question = 1 / metrics["n_answerable"] + 0.05
    worse["answer"]["f1"] -= more_than_one_question
    worse["refusal"]["wrongly_declined"] += more_than_one_question
    failures = check_baseline(worse, path)
    assert len(failures) == 2
    assert failures[0].startswith("answer.f1 = ") and "below the pinned" in failures[0]
    assert failures[1].startswith("refusal.wrongly_declined = ") and "above" in failures[1]


def test_within_tolerance_and_better_pass(metrics: dict[str, Any], tmp_path: Path) -> None:
    path = write_baseline(metrics, tmp_path / "toy.json", tolerance=0.1)
    changed = copy.deepcopy(metrics)
    changed["answer"]["f1"] -= 0.05  # within 0.1
    changed["retrieval"]["hit@1"] += 0.2  # better
    changed["latency_ms"]["p50"] *= 10  # latency is not gated
    changed["n_questions"] = 3  # counts are not gated
    assert check_baseline(changed, path) == []


def test_one_questions_worth_passes(metrics: dict[str, Any], tmp_path: Path) -> None:
    # A near-tie that swaps on another CPU moves a small set's mean by one question's worth.
    path = write_baseline(metrics, tmp_path / "toy.json")
    one_question = 1 / metrics["n_answerable"]
    assert one_question > 0.02
    changed = copy.deepcopy(metrics)
    changed["answer"]["f1"] -= one_question
    assert check_baseline(changed, path) == []
    changed["answer"]["f1"] -= 0.01
    assert check_baseline(changed, path) != []


def test_missing_or_null_metric_fails(metrics: dict[str, Any], tmp_path: Path) -> None:
    path = write_baseline(metrics, tmp_path / "toy.json")
    changed = copy.deepcopy(metrics)
    del changed["citation"]["precision"]
    changed["answer"]["em"] = None
    failures = check_baseline(changed, path)
    assert any(f.startswith("citation.precision is missing") for f in failures)
    assert any(f.startswith("answer.em is missing") for f in failures)


def test_hand_written_baseline(tmp_path: Path) -> None:
    path = tmp_path / "pinned.json"
    path.write_text(json.dumps({"metrics": {"retrieval": {"hit@5": 0.8}}, "command": "x"}))
    assert check_baseline({"retrieval": {"hit@5": 0.79}}, path) == []  # default tolerance 0.02
    assert check_baseline({"retrieval": {"hit@5": 0.77}}, path) != []
    path.write_text(json.dumps({"tolerance": 0.02}))
    with pytest.raises(ValueError):
        check_baseline({}, path)
