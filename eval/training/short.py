"""The short answer's own confidence: P(the short answer is exactly right), learned out of fold.

The answer's confidence says whether the *quote* holds the answer; a reader reads the short
answer first, and it is right less often (in 6-fold CV on the training split, short answers to
answers rated 0.85 or more matched a gold answer only 49% of the time). This stage learns, from
the same answer-level features plus the answer's calibrated confidence, whether the short answer
picked is an exact match, so the answerer can lead with a short answer only when it is more
likely right than not (``SHORT_POINT``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from eval.metrics.answer import exact_match
from eval.metrics.calibration import expected_calibration_error
from eval.training.data import Case
from eval.training.fit import (
    cross_fitted_isotonic,
    fit_isotonic,
    fit_scorer,
    least_loss,
    out_of_fold,
    with_mean,
)
from qa.learned.kinds import clashes
from qa.learned.model import SHORT_POINT, Calibration, Scorer
from qa.learned.pipeline import SHORT_FEATURES, SpanTable
from qa.qtype import question_type


def fit_short_confidence(
    cases: Sequence[Case],
    picks: dict[int, Any],
    tables: dict[int, SpanTable],
    conf_rows: np.ndarray,
    confidence: np.ndarray,
    folds: dict[str, int],
    kinds: Sequence[str],
    seed: int,
    cv: dict[str, Any],
    log: Callable[[str], None],
) -> tuple[Scorer | None, Calibration]:
    """The short-answer scorer (the kind with the lowest out-of-fold log loss) and its isotonic
    calibration, fitted on the mix the answer's calibration is fitted on: the answerable cases
    (open corpus) and the ones asked against other articles, whose short answer is never right,
    each when its answer has a short answer. Trained on answerable cases alone it said 0.59 for
    "The Harbor Bridge" to "Who won the mayoral election in Port Alder?" (answer confidence
    0.35): a short answer cannot be more likely right than the question is to be answered by
    its quote. The cross-fitted figures go to ``cv`` (``short_*``). ``conf_rows`` and
    ``confidence`` are row for row with ``cases``. (None, identity) when there is nothing to
    learn from."""
    rows = [
        i
        for i, c in enumerate(cases)
        if c.kind in ("open", "other") and picks[id(c)].span is not None
    ]
    labels = np.array([0.0 if cases[i].negative else _exact(cases[i], picks, tables) for i in rows])
    if len(rows) < 2 or labels.min() == labels.max():
        return None, Calibration((), ())
    x = np.column_stack([conf_rows[rows], confidence[rows]])
    groups = [cases[i].article for i in rows]
    oof = with_mean({kind: out_of_fold(kind, x, labels, groups, folds, seed)[0] for kind in kinds})
    kind = least_loss(oof, labels, "short", cv, log)
    raw = oof[kind]
    answerable = np.array([not cases[i].negative for i in rows])
    clash = np.array([_clash(cases[i], picks, tables) for i in rows], dtype=bool)
    cv.update(_cross_fitted(raw, labels, np.array([folds[g] for g in groups]), answerable, clash))
    cv["kinds_short"] = kind
    return fit_scorer(kind, x, labels, SHORT_FEATURES, seed), fit_isotonic(raw, labels)


def _exact(case: Case, picks: dict[int, Any], tables: dict[int, SpanTable]) -> float:
    span = picks[id(case)].span
    return float(exact_match(tables[id(case)].spans[span].text, case.golds) or 0.0)


def _clash(case: Case, picks: dict[int, Any], tables: dict[int, SpanTable]) -> bool:
    label = tables[id(case)].spans[picks[id(case)].span].label
    return clashes(question_type(case.question), label)


def _cross_fitted(
    raw: np.ndarray,
    labels: np.ndarray,
    fold_ix: np.ndarray,
    answerable: np.ndarray,
    clash: np.ndarray,
) -> dict[str, float]:
    """ECE of the calibrated short-answer confidence (calibration fitted without each fold),
    over every case and over the answerable ones; of the answerable cases' short answers, the
    share it leads with and how often those are right (and the rest), and of those that
    ``clash`` with the kind asked for (never led with), the share, how often right and how often
    the confidence alone would lead with them; of the other-articles cases', the share it leads
    with."""
    calibrated = cross_fitted_isotonic(raw, labels, fold_ix)
    confident = calibrated >= SHORT_POINT
    led = confident & ~clash
    pos, neg = answerable, ~answerable

    def ece(mask: np.ndarray) -> float:
        return round(
            expected_calibration_error(list(calibrated[mask]), list(labels[mask])) or 0.0, 4
        )

    def mean(values: np.ndarray) -> float:
        return round(float(values.mean()), 4) if len(values) else 0.0

    return {
        "short_ece": ece(np.ones(len(raw), dtype=bool)),
        "short_ece_answerable": ece(pos),
        "short_led_share": mean(led[pos]),
        "short_led_em": mean(labels[pos & led]),
        "short_other_em": mean(labels[pos & ~led]),
        "short_led_unanswerable": mean(led[neg]),
        "short_clash_share": mean(clash[pos]),
        "short_clash_em": mean(labels[pos & clash]),
        "short_clash_confident": mean(confident[pos & clash]),
    }
