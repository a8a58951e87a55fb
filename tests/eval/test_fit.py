"""Fitting the scorers on binary and on soft labels."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eval.training.fit import (
    KINDS,
    LGBM_BAG,
    fit_scorer,
    fold_of,
    least_loss,
    out_of_fold,
    with_mean,
)
from qa.learned.model import MEAN, RANK, Scorer


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


def _lists(n: int, size: int, seed: int) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """``n`` lists of ``size`` rows; in each, the row with the largest first feature is right."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n * size, 2))
    y = np.zeros(n * size)
    for i in range(n):
        y[i * size + int(np.argmax(x[i * size : (i + 1) * size, 0]))] = 1.0
    return x, y, [size] * n


def test_a_listwise_scorer_gives_each_row_its_share_of_its_list() -> None:
    x, y, sizes = _lists(300, 5, seed=3)
    ranker = fit_scorer(RANK, x, y, ["a", "b"], seed=0, sizes=sizes)
    probe, truth, _ = _lists(40, 5, seed=4)
    p = ranker.predict(probe, [5] * 40)
    shares = p.reshape(40, 5)
    assert shares.sum(axis=1) == pytest.approx(np.ones(40))
    hits = np.mean([truth.reshape(40, 5)[i, int(np.argmax(shares[i]))] for i in range(40)])
    assert hits >= 0.8
    # one list by default; sizes must cover the rows
    assert ranker.predict(probe[:5]) == pytest.approx(p[:5])
    with pytest.raises(ValueError, match="add up to 6"):
        ranker.predict(probe[:5], [3, 3])
    again = Scorer.from_dict(json.loads(json.dumps(ranker.to_dict())))
    assert again.predict(probe, [5] * 40) == pytest.approx(p)


def test_out_of_fold_listwise_fits_keep_each_list_whole() -> None:
    x, y, sizes = _lists(120, 4, seed=5)
    groups = [f"article{i % 6}" for i in range(120) for _ in range(4)]
    oof, _ = out_of_fold(RANK, x, y, groups, fold_of(groups, 6, 0), 0, sizes=sizes)
    # every list's shares sum to 1: each was scored whole, by a model that never saw it
    assert oof.reshape(120, 4).sum(axis=1) == pytest.approx(np.ones(120))
