"""`python -m eval.train` on a tiny subset of the training split: it writes an artefact that
records its data and CV scores, and the answerer loads it and answers with it.
Runs when ../shared/datasets/squad is present."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from eval.datasets import load_question_set
from eval.train import TRAIN_SPLIT, main, subset
from eval.training.train import F1_POWERS
from qa.learned.answerer import learned_answer
from qa.learned.model import LearnedModel
from qa.learned.pipeline import SHORT_FEATURES
from qa.types import Passage

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TRAIN_SPLIT.exists(), reason="needs ../shared/datasets/squad"),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("train") / "answerer.json"
    main(["--articles", "2", "--questions", "80", "--folds", "2", "--out", str(out), "--no-cache"])
    return out


def test_artefact_records_data_features_and_cv(tiny: Path) -> None:
    model = LearnedModel.load(tiny)
    meta = model.meta
    assert meta["data_sha256"] == hashlib.sha256(TRAIN_SPLIT.read_bytes()).hexdigest()
    assert meta["seed"] == 0 and meta["articles_used"] == 2
    assert meta["features"]["sentence"] == list(model.sentence.features)
    assert 0.0 <= meta["cv"]["contains"] <= 1.0
    assert set(meta["cv"]["kinds"]) == {"sentence", "span", "confidence"}
    # the span selector is chosen between pointwise fits and a listwise one, by CV EM
    assert {"span_em_lgbm", "span_em_logreg", "span_em_lgbm_rank"} <= set(meta["cv"])
    assert meta["cv"]["kinds"]["span"] == model.span.kind
    assert meta["negatives"] == ["other"]
    # each kind of negative case is scored: other articles, and own passages without the answer
    assert 0.0 <= meta["cv"]["unanswerable_declined"] <= 1.0
    assert 0.0 <= meta["cv"]["absent_declined"] <= 1.0
    assert 0.0 <= model.threshold <= model.support <= 1.0
    # supported answers are scored apart from every answer given
    cv = meta["cv"]
    assert cv["support"] == model.support and 0.0 <= cv["supported_share"] <= 1.0
    assert {"citation_precision_answered", "answered_precision"} <= set(cv)
    # what the passages offered with an unsure answer add: never less than the quote alone
    assert 0.0 <= cv["unverified_holds"] <= cv["unverified_or_offered"] <= 1.0
    assert 0.0 <= cv["declined_offered"] <= 1.0
    assert tiny.stat().st_size < 25 * 1024 * 1024
    # the short answer's own confidence, with its cross-fitted figures
    assert model.short is not None and model.short.features == SHORT_FEATURES
    assert 0.0 <= cv["short_ece"] <= 1.0 and 0.0 <= cv["short_led_share"] <= 1.0
    # the overlap power is chosen from the tried ones by its cross-validated EM + F1
    assert model.f1_power in F1_POWERS
    scores = {w: cv[f"power_{w}_em"] + cv[f"power_{w}_f1"] for w in F1_POWERS}
    assert scores[model.f1_power] == pytest.approx(max(scores.values()), abs=2e-4)  # rounded


def test_training_is_reproducible(tiny: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.json"
    main(
        ["--articles", "2", "--questions", "80", "--folds", "2", "--out", str(again), "--no-cache"]
    )
    a, b = json.loads(tiny.read_text()), json.loads(again.read_text())
    assert a["sentence"] == b["sentence"] and a["calibration"] == b["calibration"]


def test_answerer_uses_the_trained_artefact(tiny: Path) -> None:
    from ingest.embed import default_embedder

    model = LearnedModel.load(tiny)
    qset = subset(load_question_set(TRAIN_SPLIT), 2, 80)
    item = qset.items[0]
    doc = next(d for d in qset.documents or [] if d.source == item.evidence[0])
    passage = Passage("c0", "d0", doc.source, doc.title, doc.text, 0, len(doc.text))
    answer = learned_answer(item.question, [passage], embedder=default_embedder(), model=model)
    assert 0.0 <= answer.confidence <= 1.0
    assert answer.supported == (answer.confidence >= model.support)
    assert answer.declined == (answer.confidence < model.threshold)
    # The confidence is the artefact's calibration map applied to its own confidence scorer.
    xs = np.asarray(model.calibration.x)
    assert model.calibration.y[0] <= answer.confidence <= model.calibration.y[-1] or len(xs) == 0


def test_absent_cases_keep_the_question_s_passages_without_its_answer(tmp_path: Path) -> None:
    from eval.metrics.text import contains_phrase
    from eval.train import _fresh_store
    from eval.training.data import Case, build_cases

    qset = subset(load_question_set(TRAIN_SPLIT), 2, 12)
    cases = build_cases(qset, _fresh_store(qset, tmp_path / "m.json"), k=4)
    by_kind: dict[str, list[Case]] = {}
    for c in cases:
        by_kind.setdefault(c.kind, []).append(c)
    assert set(by_kind) <= {"open", "other", "absent"} and by_kind["absent"]
    opened = {c.qid: c for c in by_kind["open"]}
    for c in by_kind["absent"]:
        assert c.negative and not c.labels.any()
        texts = {s.text for s in c.sentences}
        assert not any(contains_phrase(t, g) for t in texts for g in c.golds)
        assert texts < {s.text for s in opened[c.qid].sentences}


def test_an_unknown_negative_kind_is_refused() -> None:
    from eval.training.train import train_model

    with pytest.raises(ValueError, match="unknown negative kind"):
        train_model([], negatives=("other", "nearby"))


def test_refuses_the_measuring_split() -> None:
    with pytest.raises(SystemExit):
        main(["--data", str(TRAIN_SPLIT.with_name("squad-v1.1-dev-10articles.json"))])
