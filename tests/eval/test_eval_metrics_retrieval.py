"""Retrieval metrics: which passages are gold, hit@k and MRR@k, hand-checked."""

from __future__ import annotations

import pytest

from eval.metrics.retrieval import (
    hit_at_k,
    hit_flags,
    mean_hit_at_k,
    mrr_at_k,
    passage_is_hit,
    reciprocal_rank,
)
from qa.types import Passage


def passage(text: str, doc_id: str = "d1", source: str = "squad://Oxygen/0") -> Passage:
    return Passage(
        chunk_id=f"{doc_id}-c",
        doc_id=doc_id,
        source=source,
        title="",
        text=text,
        start=0,
        end=len(text),
    )


def test_gold_document_and_answer_both_required() -> None:
    assert passage_is_hit("Oxygen has atomic number 8.", ["d1"], ["d1"], ["8"])
    assert not passage_is_hit("Oxygen is a gas.", ["d1"], ["d1"], ["8"])  # right doc, no answer
    assert not passage_is_hit("Iron has 8 isotopes.", ["d2"], ["d1"], ["8"])  # answer, wrong doc


def test_source_counts_as_document_key() -> None:
    p = passage("atomic number 8", doc_id="zz", source="squad://Oxygen/0")
    assert hit_flags([p], ["squad://Oxygen/0"], ["8"]) == [True]


def test_evidence_text_marks_passage() -> None:
    evidence = ["launched on August 24"]
    assert passage_is_hit(
        "During the operation, launched on August 24, tanks ...", [], evidence, ["August 24"]
    )
    assert not passage_is_hit("It began on August 24 in the north.", [], evidence, ["August 24"])


def test_yes_no_answers_fall_back_to_evidence() -> None:
    # MultiHop-RAG comparisons: "Yes" is nowhere in the evidence, so the fact alone decides.
    facts = ["Apple reported revenue of $90 billion"]
    assert passage_is_hit("In Q3 Apple reported revenue of $90 billion.", [], facts, ["Yes"])
    assert not passage_is_hit("Apple stock fell.", [], facts, ["Yes"])


def test_no_gold_means_not_judged() -> None:
    assert hit_flags([passage("anything")], [], []) is None


def test_hit_and_reciprocal_rank() -> None:
    flags = [False, False, True, True]
    assert [hit_at_k(flags, k) for k in (1, 2, 3, 10)] == [0.0, 0.0, 1.0, 1.0]
    assert reciprocal_rank(flags, 10) == pytest.approx(1 / 3)
    assert reciprocal_rank(flags, 2) == 0.0
    assert hit_at_k([], 1) == 0.0


def test_means_skip_unjudged_and_handle_empty() -> None:
    runs = [[True, False], [False, True], [False, False], None]
    assert mean_hit_at_k(runs, 1) == pytest.approx(1 / 3)
    assert mean_hit_at_k(runs, 2) == pytest.approx(2 / 3)
    assert mrr_at_k(runs, 10) == pytest.approx((1 + 0.5 + 0) / 3)
    assert mean_hit_at_k([], 5) is None
    assert mrr_at_k([None, None], 10) is None
