"""Fitting the scorers on binary and on soft labels."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eval.training.fit import KINDS, LGBM_BAG, fit_scorer, least_loss, with_mean
from qa.learned.model import MEAN, Scorer


@pytest.mark.parametrize("kind", ["lgbm", "logreg"])
def test_soft_labels_rank_rows_by_the_credit_they_earn(kind: str) -> None:
    # one feature; rows earn full, partial or no credit by where they sit
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 3, size=(600, 1))
    credit = np.select([x[:, 0] > 2, x[:, 0] > 1], [1.0, 0.3], 0.0)
    scorer = fit_scorer(kind, x, credit, ["x"], seed=0)
    low, mid, high = scorer.predict(np.array([[0.5], [1.5], [2.5]]))
    assert 0.0 <= low < mid < high <= 1.0
    # partial credit is learned as such: its rows score near the share they earn
    assert mid == pytest.approx(0.3, abs=0.15) if kind == "lgbm" else 0.1 < mid < 0.9


def test_binary_labels_are_fitted_as_before() -> None:
    x = np.array([[0.0], [1.0], [0.2], [0.9]] * 20)
    y = np.array([0.0, 1.0, 0.0, 1.0] * 20)
    p = fit_scorer("logreg", x, y, ["x"], seed=0).predict(np.array([[0.0], [1.0]]))
    assert p[0] < 0.5 < p[1]


def test_the_mean_scorer_averages_its_members_and_round_trips() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] + 0.3 * rng.normal(size=400) > 0).astype(float)
    mean = fit_scorer(MEAN, x, y, ["a", "b"], seed=0)
    members = [fit_scorer(kind, x, y, ["a", "b"], seed=0) for kind in KINDS]
    probe = np.array([[-1.0, 0.0], [0.0, 0.0], [1.0, 0.0]])
    expected = np.mean([m.predict(probe) for m in members], axis=0)
    assert mean.predict(probe) == pytest.approx(expected)
    again = Scorer.from_dict(json.loads(json.dumps(mean.to_dict())))
    assert again.predict(probe) == pytest.approx(expected)
    assert again.predict(probe)[0] < 0.5 < again.predict(probe)[2]


def test_a_lightgbm_scorer_averages_a_bag_of_differently_seeded_fits() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] + x[:, 1] * x[:, 2] + 0.5 * rng.normal(size=400) > 0).astype(float)
    bagged = fit_scorer("lgbm", x, y, ["a", "b", "c"], seed=0)
    models = bagged.payload["models"]
    assert len(models) == LGBM_BAG > 1 and len(set(models)) == LGBM_BAG  # each samples its own rows
    probe = rng.normal(size=(50, 3))
    alone = [
        Scorer("lgbm", ("a", "b", "c"), {"model": text}).predict(probe) for text in models
    ]  # the one-model form artefacts before bags have
    assert bagged.predict(probe) == pytest.approx(np.mean(alone, axis=0))
    assert not np.allclose(alone[0], alone[1])
    again = Scorer.from_dict(json.loads(json.dumps(bagged.to_dict())))
    assert again.predict(probe) == pytest.approx(bagged.predict(probe))
    assert fit_scorer("lgbm", x, y, ["a", "b", "c"], seed=0, bag=1).payload["models"] == models[:1]


def test_the_mean_is_offered_only_beside_every_kind() -> None:
    # each kind is confidently wrong once; their mean never is
    scores = {"lgbm": np.array([0.6, 0.9]), "logreg": np.array([0.1, 0.4])}
    assert with_mean(scores)[MEAN] == pytest.approx([0.35, 0.65])
    assert MEAN not in with_mean({"logreg": scores["logreg"]})
    logged: list[str] = []
    cv: dict[str, object] = {}
    y = np.array([0.0, 1.0])
    assert least_loss(with_mean(scores), y, "stage", cv, logged.append) == "mean"
    assert set(cv) == {"stage_logloss_lgbm", "stage_logloss_logreg", "stage_logloss_mean"}
    assert len(logged) == 3
