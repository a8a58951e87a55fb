"""Fitting the scorers on binary and on soft labels."""

from __future__ import annotations

import numpy as np
import pytest

from eval.training.fit import fit_scorer


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
