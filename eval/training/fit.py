"""Fitting the scorers: LightGBM or logistic regression, out-of-fold by article, and the
isotonic calibration map; every fit is seeded so one command rebuilds the same artefact."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from qa.learned.model import MEAN, RANK, Calibration, Scorer

KINDS = ("lgbm", "logreg")
"""The model families each stage tries; the confidence stages also try ``MEAN``, one fit of
each averaged."""
LGBM_PARAMS = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "num_threads": 2,
    "deterministic": True,
    "force_row_wise": True,
    "max_bin": 63,
}
LGBM_ROUNDS = 150
RANK_GRADES = 3
"""A ``RANK`` scorer learns from grades 0–3: a row's label in [0, 1] times 3, rounded."""
LGBM_BAG = 3
"""LightGBM fits in each LightGBM scorer, with seeds ``seed``, ``seed + 1000``, …: each samples
other rows and features, and the scorer averages their probabilities, so one retraining moves
fewer answers across an operating point."""


def fit_scorer(
    kind: str,
    x: np.ndarray,
    y: np.ndarray,
    features: Sequence[str],
    seed: int,
    bag: int = LGBM_BAG,
    sizes: Sequence[int] | None = None,
) -> Scorer:
    """A ``Scorer`` of ``kind`` (one of ``KINDS``, ``MEAN`` or ``RANK``) fitted on rows ``x``
    with labels ``y`` in [0, 1]: binary, or soft (the share of credit a row earns). LightGBM
    fits soft labels by cross-entropy, ``bag`` times with different seeds (``LGBM_BAG``);
    logistic regression as two weighted copies of each row (positive with weight y, negative
    with weight 1 − y). A ``RANK`` scorer is fitted listwise (LightGBM's lambdarank) on the
    consecutive lists of ``sizes`` (one question's candidates each), with labels as grades."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if kind == MEAN:
        members = [fit_scorer(k, x, y, features, seed, bag).to_dict() for k in KINDS]
        return Scorer(MEAN, tuple(features), {"members": members})
    soft = not np.isin(y, (0.0, 1.0)).all()
    if kind == RANK:
        grades = np.rint(np.clip(y, 0.0, 1.0) * RANK_GRADES).astype(int)
        params = {"objective": "lambdarank", "lambdarank_truncation_level": 10}
        models = _lgbm_bag(params, x, grades, seed, bag, group=list(sizes or [len(x)]))
        return Scorer(RANK, tuple(features), {"models": models})
    if kind == "lgbm":
        models = _lgbm_bag({"objective": "cross_entropy"} if soft else {}, x, y, seed, bag)
        return Scorer("lgbm", tuple(features), {"models": models})
    if kind == "logreg":
        from sklearn.linear_model import LogisticRegression

        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=1.0, max_iter=3000, random_state=seed)
        z = (x - mean) / scale
        if soft:
            lr.fit(np.vstack([z, z]), np.r_[np.ones(len(y)), np.zeros(len(y))], np.r_[y, 1 - y])
        else:
            lr.fit(z, y)
        return Scorer(
            "logreg",
            tuple(features),
            {
                "mean": mean.tolist(),
                "scale": scale.tolist(),
                "coef": lr.coef_[0].tolist(),
                "intercept": float(lr.intercept_[0]),
            },
        )
    raise ValueError(f"unknown model kind {kind!r}; expected one of {(*KINDS, MEAN, RANK)}")


def _lgbm_bag(
    params: dict[str, Any],
    x: np.ndarray,
    y: np.ndarray,
    seed: int,
    bag: int,
    group: list[int] | None = None,
) -> list[str]:
    """``bag`` LightGBM fits of ``LGBM_PARAMS`` updated by ``params``, seeded ``seed``,
    ``seed + 1000``, …, as model strings."""
    import lightgbm

    return [
        lightgbm.train(
            {**LGBM_PARAMS, **params, "seed": seed + 1000 * i},
            lightgbm.Dataset(x, y, group=group),
            num_boost_round=LGBM_ROUNDS,
        ).model_to_string()
        for i in range(bag)
    ]


def with_mean(scores: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Out-of-fold ``scores`` by kind, with ``MEAN``'s added when every one of ``KINDS`` is
    there: per fold its members are fitted as they are alone, so its scores are their mean.

    >>> with_mean({"lgbm": np.array([0.2, 0.6]), "logreg": np.array([0.4, 0.8])})["mean"]
    array([0.3, 0.7])
    """
    if not set(KINDS) <= set(scores):
        return dict(scores)
    return {**scores, MEAN: np.mean([scores[k] for k in KINDS], axis=0)}


def least_loss(
    scores: dict[str, np.ndarray],
    y: np.ndarray,
    stage: str,
    cv: dict[str, Any],
    log: Callable[[str], None],
) -> str:
    """The kind whose out-of-fold ``scores`` have the least log loss against ``y``; each loss
    is recorded in ``cv`` as ``{stage}_logloss_{kind}`` and logged."""
    loss = {kind: log_loss(p, y) for kind, p in scores.items()}
    for kind, value in loss.items():
        cv[f"{stage}_logloss_{kind}"] = round(value, 4)
        log(f"{stage} {kind}: log loss {value:.4f}")
    return min(loss, key=loss.__getitem__)


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-likelihood of binary labels ``y`` under probabilities ``p``."""
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def fold_of(groups: Sequence[str], n_folds: int, seed: int) -> dict[str, int]:
    """Each group (article) assigned to one of ``n_folds`` folds, seeded."""
    names = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(names))
    return {names[int(j)]: i % n_folds for i, j in enumerate(order)}


def out_of_fold(
    kind: str,
    x: np.ndarray,
    y: np.ndarray,
    groups: Sequence[str],
    folds: dict[str, int],
    seed: int,
    *,
    extra_x: np.ndarray | None = None,
    extra_groups: Sequence[str] = (),
    features: Sequence[str] = (),
    sizes: Sequence[int] | None = None,
    extra_sizes: Sequence[int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Predictions for every row of ``x`` (and of ``extra_x``, rows not trained on) from the
    model fitted without the row's fold. ``sizes`` (``extra_sizes``): the lengths of the
    consecutive lists the rows form, which a ``RANK`` scorer learns from and scores (a list
    lies in one article, so in one fold)."""
    names = list(features) or [f"f{i}" for i in range(x.shape[1])]
    g = np.array([folds[a] for a in groups])
    eg = np.array([folds[a] for a in extra_groups], dtype=int)
    oof = np.zeros(len(x))
    extra = np.zeros(0 if extra_x is None else len(extra_x))
    for f in sorted(set(folds.values())):
        train = g != f
        if not train.any() or (not (g == f).any() and not (eg == f).any()):
            continue
        scorer = fit_scorer(kind, x[train], y[train], names, seed, sizes=_sizes(sizes, train))
        if (g == f).any():
            oof[g == f] = scorer.predict(x[g == f], _sizes(sizes, g == f))
        if extra_x is not None and (eg == f).any():
            extra[eg == f] = scorer.predict(extra_x[eg == f], _sizes(extra_sizes, eg == f))
    return oof, extra


def _sizes(sizes: Sequence[int] | None, rows: np.ndarray) -> list[int] | None:
    """The lengths of the lists that the selected ``rows`` (a mask of whole lists) form.

    >>> _sizes([2, 1, 3], np.array([True, True, False, True, True, True]))
    [2, 3]
    """
    if sizes is None:
        return None
    owner = np.repeat(np.arange(len(sizes)), sizes)[rows]
    return [int(n) for n in np.bincount(owner, minlength=len(sizes)) if n]


def fit_isotonic(raw: np.ndarray, y: np.ndarray, points: int = 64) -> Calibration:
    """An isotonic map raw → P(y), kept as at most ``points`` knots for linear interpolation."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit(raw, y)
    lo, hi = float(np.min(raw)), float(np.max(raw))
    xs = np.unique(np.quantile(raw, np.linspace(0, 1, points)))
    xs = np.unique(np.concatenate([[lo], xs, [hi]]))
    ys = iso.predict(xs)
    return Calibration(tuple(round(float(v), 6) for v in xs), tuple(round(float(v), 6) for v in ys))


def cross_fitted_isotonic(
    raw: np.ndarray, y: np.ndarray, fold_ix: np.ndarray, fit: np.ndarray | None = None
) -> np.ndarray:
    """``raw`` calibrated fold by fold, each fold by an isotonic map fitted on the other folds'
    rows (only those in ``fit``, when given): the calibrated scores the CV figures read."""
    use = np.ones(len(raw), dtype=bool) if fit is None else np.asarray(fit, dtype=bool)
    out = np.zeros(len(raw))
    for f in sorted(set(fold_ix.tolist())):
        train = use & (fold_ix != f)
        out[fold_ix == f] = fit_isotonic(raw[train], y[train])(raw[fold_ix == f])
    return out
