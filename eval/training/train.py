"""Train the learned answerer from a SQuAD file: sentence ranker → span selector → confidence,
each chosen between model kinds by cross-validation by article, calibrated on out-of-fold
scores, with the decline threshold picked on those scores too. Nothing here reads any other file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from eval.metrics.answer import contains, exact_match, token_f1
from eval.metrics.calibration import expected_calibration_error
from eval.metrics.text import contains_phrase
from eval.training.data import Case
from eval.training.fit import (
    KINDS,
    cross_fitted_isotonic,
    fit_isotonic,
    fit_scorer,
    fold_of,
    least_loss,
    out_of_fold,
    with_mean,
)
from eval.training.short import fit_short_confidence
from qa.closest import offerable
from qa.learned.kinds import kind_named
from qa.learned.model import RANK, LearnedModel, Scorer
from qa.learned.pipeline import (
    CONFIDENCE_FEATURES,
    SPAN_ROW_FEATURES,
    Pick,
    SpanTable,
    confidence_row,
    pick,
    runners_up,
    span_table,
    with_partner,
)
from qa.learned.rerank import (
    RERANK_FEATURES,
    TokenCache,
    reordered,
    second_look,
    states_of,
    token_encoder,
)
from qa.learned.sentences import SENTENCE_FEATURES
from qa.qtype import question_type
from qa.terms import content_stems

# A second (adjacent) sentence in the quote must raise the share of quotes holding the answer by
# at least this much per answer it lengthens: longer quotes are harder to read.
WINDOW_COST = 0.1
WINDOW_RATIOS = (2.0, 0.8, 0.6, 0.4, 0.3, 0.2)
SPAN_CREDIT_POWER = 6.0
"""A candidate's training label is its word F1 with the gold answer to this power: 1 for an
exact match, a little for a near miss ("approximately 20 minutes" for "20 minutes": 0.8⁶ = 0.26).
6-fold CV by article on the training split (short answers by expected overlap, power chosen per
run) gave EM / F1 / contains: exact-match labels 0.3845 / 0.4684 / 0.7928; power 2 0.3715 /
0.4715 / 0.7928; 3 0.3809 / 0.4740 / 0.7882; 4 0.3837 / 0.4760 / 0.7895; 6 0.3840 / 0.4755 /
0.7947."""
F1_POWERS: tuple[float | None, ...] = (None, 1.0, 2.0, 3.0, 4.0)
"""Sharpening powers tried for choosing the short answer by expected overlap (None: best-scored)."""
# Operating point: the most declines of other-articles questions while at most this share of
# answerable ones (open corpus, cross-validated) is declined.
MAX_WRONGLY_DECLINED = 0.04
# Operating point of "supported": the lowest confidence at which, cross-validated, at least this
# share of the answers to answerable questions hold a gold answer. Answers between the decline
# threshold and it are given, marked unverified (low confidence).
SUPPORTED_PRECISION = 0.90
# Sentences the second look reads again: each costs answer time (its word-piece encoding). 6-fold
# CV on the training split, 8 → 5, seeds 0 / 1: EM 0.421 → 0.425 / 0.426 → 0.427, contains
# 0.797 → 0.799 / 0.793 → 0.793, other-articles declined 0.918 → 0.914 / 0.920 → 0.919.
RERANK_K = 5


def _parser() -> Callable[[str], Any]:
    from qa.spacy_nlp import nlp

    model = nlp()
    return cache(model)


def _stack(rows: Sequence[np.ndarray], width: int) -> np.ndarray:
    return np.vstack(rows) if rows else np.zeros((0, width), dtype=np.float32)


def _top1(cases: Sequence[Case], p: Sequence[np.ndarray]) -> float:
    hits = [bool(c.labels[int(np.argmax(q))]) for c, q in zip(cases, p, strict=True) if len(q)]
    return float(np.mean(hits)) if hits else 0.0


def _split(flat: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    return list(np.split(flat, np.cumsum(sizes)[:-1])) if sizes else []


def train_model(
    cases: Sequence[Case],
    *,
    seed: int = 0,
    n_folds: int = 6,
    kinds: Sequence[str] = KINDS,
    parse_top: int = 2,
    negatives: Sequence[str] = ("other",),
    embedder: Any = None,
    rerank_k: int = RERANK_K,
    log: Callable[[str], None] = print,
) -> LearnedModel:
    """Fit every stage on ``cases`` and return the model with its CV scores in ``meta``.

    ``negatives``: the kinds of negative case (see ``eval.training.data.Case``) the confidence
    model learns to decline. Default other-articles only: adding the "absent" cases (own passages
    without the answer's sentences) declined more of them (0.28 → 0.33) but fewer other-articles
    cases (0.92 → 0.89) at the same share of answerable ones declined, in 6-fold CV by article.
    The calibration is fitted on open and other-articles cases only (the mix the eval harness
    measures), whatever the confidence model learned from; every kind is scored in ``meta``.
    ``embedder``: the store's; when it gives token vectors, a second look at the ``rerank_k``
    best sentences is learned and kept if it raises the CV share of top sentences holding a
    gold answer.
    """
    unknown = set(negatives) - {"other", "absent"}
    if unknown:
        raise ValueError(f"unknown negative kind(s) {sorted(unknown)}: use 'other' and/or 'absent'")
    t0 = time.perf_counter()
    cases = [c for c in cases if len(c.sentences)]
    pos = [c for c in cases if not c.negative]
    neg = [c for c in cases if c.negative]
    folds = fold_of([c.article for c in cases], min(n_folds, len({c.article for c in cases})), seed)
    cv: dict[str, Any] = {"folds": n_folds, "by": "article"}

    # 1. sentence ranker (trained on answerable cases; applied out of fold to both kinds)
    xs = _stack([c.rows for c in pos], len(SENTENCE_FEATURES))
    ys = np.concatenate([c.labels for c in pos]).astype(float)
    gs = [c.article for c in pos for _ in c.sentences]
    xn = _stack([c.rows for c in neg], len(SENTENCE_FEATURES))
    gn = [c.article for c in neg for _ in c.sentences]
    best: tuple[float, str, np.ndarray, np.ndarray] | None = None
    for kind in kinds:
        oof, extra = out_of_fold(kind, xs, ys, gs, folds, seed, extra_x=xn, extra_groups=gn)
        acc = _top1(pos, _split(oof, [len(c.sentences) for c in pos]))
        cv[f"sentence_top1_{kind}"] = round(acc, 4)
        log(
            f"sentence ranker {kind}: top-1 holds gold {acc:.4f}  ({time.perf_counter() - t0:.0f}s)"
        )
        if best is None or acc > best[0]:
            best = (acc, kind, oof, extra)
    assert best is not None
    _, sentence_kind, oof_pos, oof_neg = best
    cv["sentence_oracle"] = round(float(np.mean([c.labels.any() for c in pos])), 4)
    by_case: dict[int, np.ndarray] = {}
    for c, p in zip(pos, _split(oof_pos, [len(c.sentences) for c in pos]), strict=True):
        by_case[id(c)] = p
    for c, p in zip(neg, _split(oof_neg, [len(c.sentences) for c in neg]), strict=True):
        by_case[id(c)] = p

    # 1b. a second look at the best sentences (word-piece alignment with the question)
    tokens = TokenCache(size=10**7)  # every text once: the second look's, then the spans'
    states = states_of(embedder, tokens)
    rerank, by_case = _second_look(
        pos, neg, by_case, folds, embedder, rerank_k, kinds, seed, cv, log, tokens
    )

    # 2. short-answer candidates of the best sentences, labelled by exact match
    parse = _parser()
    tables: dict[int, SpanTable] = {}
    for c in cases:
        qtype = question_type(c.question)
        tables[id(c)] = span_table(
            qtype,
            set(content_stems(c.question)),
            c.sentences,
            by_case[id(c)],
            parse_top,
            parse,
            question=c.question,
            states=states,
        )
    log(f"span candidates parsed ({time.perf_counter() - t0:.0f}s)")
    span_labels = {
        id(c): np.array([_span_credit(s.text, c.golds) for s in tables[id(c)].spans]) for c in pos
    }
    cv["span_oracle"] = round(float(np.mean([(span_labels[id(c)] >= 1).any() for c in pos])), 4)
    xsp = _stack([tables[id(c)].rows for c in pos if tables[id(c)].spans], len(SPAN_ROW_FEATURES))
    ysp = np.concatenate([span_labels[id(c)] for c in pos if tables[id(c)].spans])
    gsp = [c.article for c in pos for _ in tables[id(c)].spans]
    xspn = _stack([tables[id(c)].rows for c in neg if tables[id(c)].spans], len(SPAN_ROW_FEATURES))
    gspn = [c.article for c in neg for _ in tables[id(c)].spans]
    lists = [len(tables[id(c)].spans) for c in pos if tables[id(c)].spans]
    neg_lists = [len(tables[id(c)].spans) for c in neg if tables[id(c)].spans]
    best_span: tuple[float, str, np.ndarray, np.ndarray] | None = None
    for kind in (*kinds, RANK):
        oof, extra = out_of_fold(
            kind,
            xsp,
            ysp,
            gsp,
            folds,
            seed,
            extra_x=xspn,
            extra_groups=gspn,
            sizes=lists,
            extra_sizes=neg_lists,
        )
        span_p = _split(oof, [len(tables[id(c)].spans) for c in pos])
        em = np.mean(
            [
                float(exact_match(_short(tables[id(c)], p, by_case[id(c)]), c.golds) or 0.0)
                for c, p in zip(pos, span_p, strict=True)
            ]
        )
        cv[f"span_em_{kind}"] = round(float(em), 4)
        log(f"span selector {kind}: EM {em:.4f}  ({time.perf_counter() - t0:.0f}s)")
        if best_span is None or em > best_span[0]:
            best_span = (float(em), kind, oof, extra)
    assert best_span is not None
    _, span_kind, oof_sp, oof_spn = best_span
    span_by_case: dict[int, np.ndarray] = {}
    for c, p in zip(pos, _split(oof_sp, [len(tables[id(c)].spans) for c in pos]), strict=True):
        span_by_case[id(c)] = p
    for c, p in zip(neg, _split(oof_spn, [len(tables[id(c)].spans) for c in neg]), strict=True):
        span_by_case[id(c)] = p

    # 3. which sentence to quote: the best-ranked one, or the one holding the best candidate
    replay = _Replay(pos, by_case, tables, span_by_case)
    joint = max((False, True), key=lambda j: _rule_score(replay, j, cv))
    log(f"quote rule: {'joint' if joint else 'sentence first'}")
    ratio = max(WINDOW_RATIOS, key=lambda r: _window_score(replay, joint, r, cv))
    log(f"window ratio: {ratio}")
    power = max(F1_POWERS, key=lambda w: _power_score(replay, joint, w, cv))
    log(f"short answer by expected overlap: power {power}")

    # 4. confidence: P(the answer text holds a gold answer); other-articles cases are never right
    conf_x, conf_y, picks = [], [], {}
    for c in cases:
        qtype = question_type(c.question)
        sp = span_by_case[id(c)]
        chosen = pick(by_case[id(c)], tables[id(c)], sp, joint=joint, power=power)
        chosen = with_partner(chosen, c.sentences, by_case[id(c)], ratio)
        picks[id(c)] = chosen
        conf_x.append(confidence_row(qtype, c.rows, by_case[id(c)], tables[id(c)], sp, chosen))
        conf_y.append(0.0 if c.negative else float(c.labels[chosen.quoted()].any()))
    cx, cy = np.asarray(conf_x, dtype=np.float64), np.asarray(conf_y)
    cg = [c.article for c in cases]
    kind_of = np.array([c.kind for c in cases])
    learn = (kind_of == "open") | np.isin(kind_of, list(negatives))
    by_kind: dict[str, np.ndarray] = {}
    for kind in kinds:
        oof, extra = out_of_fold(
            kind,
            cx[learn],
            cy[learn],
            [g for g, k in zip(cg, learn, strict=True) if k],
            folds,
            seed,
            extra_x=cx[~learn],
            extra_groups=[g for g, k in zip(cg, learn, strict=True) if not k],
        )
        by_kind[kind] = np.zeros(len(cases))
        by_kind[kind][learn], by_kind[kind][~learn] = oof, extra
    by_kind = with_mean(by_kind)
    learned = {kind: p[learn] for kind, p in by_kind.items()}
    conf_kind = least_loss(learned, cy[learn], "confidence", cv, log)
    raw = by_kind[conf_kind]

    # 5. calibration on the measured mix (cross-fitted for the CV figures), operating point
    fold_ix = np.array([folds[a] for a in cg])
    measured = np.isin(kind_of, ["open", "other"])
    calibrated = cross_fitted_isotonic(raw, cy, fold_ix, fit=measured)
    negative = np.array([c.negative for c in cases])
    threshold = _operating_point(calibrated, negative)
    support = _support_point(calibrated[~negative], cy[~negative], threshold)
    cv.update(_cv_metrics(cases, picks, tables, span_by_case, calibrated, threshold, support))
    cv.update(_offered_metrics(cases, picks, by_case, calibrated, threshold, support))
    cv["threshold"] = threshold
    cv["support"] = support

    # 6. the short answer's own confidence (is the short answer itself exactly right?)
    short, short_calibration = fit_short_confidence(
        cases, picks, tables, cx, calibrated, folds, kinds, seed, cv, log
    )
    cv["kinds"] = {"sentence": sentence_kind, "span": span_kind, "confidence": conf_kind}
    log(f"cv: {cv}")

    # 7. final fits on everything (later stages on the out-of-fold features they will see)
    model = LearnedModel(
        sentence=fit_scorer(sentence_kind, xs, ys, SENTENCE_FEATURES, seed),
        span=fit_scorer(span_kind, xsp, ysp, SPAN_ROW_FEATURES, seed, sizes=lists),
        confidence=fit_scorer(conf_kind, cx[learn], cy[learn], CONFIDENCE_FEATURES, seed),
        rerank=rerank,
        rerank_k=rerank_k,
        calibration=fit_isotonic(raw[measured], cy[measured]),
        threshold=threshold,
        support=support,
        short=short,
        short_calibration=short_calibration,
        parse_top=parse_top,
        joint=joint,
        window_ratio=ratio,
        f1_power=power,
        meta={
            "seed": seed,
            "cv": cv,
            "n_cases": len(cases),
            "n_answerable": len(pos),
            "n_negative": len(neg),
            "negatives": list(negatives),
            "articles": sorted({c.article for c in cases}),
        },
    )
    log(f"trained in {time.perf_counter() - t0:.0f}s")
    return model


def _second_look(
    pos: Sequence[Case],
    neg: Sequence[Case],
    by_case: dict[int, np.ndarray],
    folds: dict[str, int],
    embedder: Any,
    k: int,
    kinds: Sequence[str],
    seed: int,
    cv: dict[str, Any],
    log: Callable[[str], None],
    cache: TokenCache,
) -> tuple[Scorer | None, dict[int, np.ndarray]]:
    """The reranker (fitted on every answerable case's out-of-fold ranker scores) and the
    sentence scores after it, out of fold — or (None, ``by_case``) when it does not help."""
    if embedder is None or token_encoder(embedder) is None:
        return None, by_case
    looks: dict[int, tuple[list[int], np.ndarray]] = {}
    for c in [*pos, *neg]:
        found = second_look(
            c.question, [s.text for s in c.sentences], by_case[id(c)], embedder, k, cache
        )
        if found is not None:
            looks[id(c)] = found
    xr = _stack([looks[id(c)][1] for c in pos], len(RERANK_FEATURES))
    yr = np.concatenate([c.labels[looks[id(c)][0]] for c in pos]).astype(float)
    gr = [c.article for c in pos for _ in looks[id(c)][0]]
    xn = _stack([looks[id(c)][1] for c in neg], len(RERANK_FEATURES))
    gn = [c.article for c in neg for _ in looks[id(c)][0]]
    before = _top1(pos, [by_case[id(c)] for c in pos])
    best: tuple[float, str, dict[int, np.ndarray]] | None = None
    for kind in kinds:
        oof, extra = out_of_fold(kind, xr, yr, gr, folds, seed, extra_x=xn, extra_groups=gn)
        after = dict(by_case)
        for group, flat in ((pos, oof), (neg, extra)):
            parts = _split(flat, [len(looks[id(c)][0]) for c in group])
            for c, p2 in zip(group, parts, strict=True):
                after[id(c)] = reordered(by_case[id(c)], looks[id(c)][0], p2)
        acc = _top1(pos, [after[id(c)] for c in pos])
        cv[f"rerank_top1_{kind}"] = round(acc, 4)
        log(f"second look {kind}: top-1 holds gold {acc:.4f} (ranker alone {before:.4f})")
        if best is None or acc > best[0]:
            best = (acc, kind, after)
    assert best is not None
    if best[0] <= before:
        cv["rerank"] = "off"
        return None, by_case
    cv["rerank"] = best[1]
    return fit_scorer(best[1], xr, yr, RERANK_FEATURES, seed), best[2]


@dataclass(frozen=True)
class _Replay:
    """The out-of-fold scores of the answerable cases, for choosing the quoting rules."""

    pos: Sequence[Case]
    sentence_p: dict[int, np.ndarray]
    tables: dict[int, SpanTable]
    span_p: dict[int, np.ndarray]

    def pick(self, c: Case, joint: bool, power: float | None = None) -> Pick:
        return pick(
            self.sentence_p[id(c)], self.tables[id(c)], self.span_p[id(c)], joint=joint, power=power
        )

    def short(self, c: Case, chosen: Pick) -> str:
        return self.tables[id(c)].spans[chosen.span].text if chosen.span is not None else ""


def _rule_score(r: _Replay, joint: bool, cv: dict[str, Any]) -> float:
    """Mean of exact match and "the quote holds a gold answer" under a quoting rule."""
    em, hold = [], []
    for c in r.pos:
        chosen = r.pick(c, joint)
        hold.append(float(c.labels[chosen.sentence]))
        em.append(float(exact_match(r.short(c, chosen), c.golds) or 0.0))
    name = "joint" if joint else "sentence_first"
    cv[f"rule_{name}_em"] = round(float(np.mean(em)), 4)
    cv[f"rule_{name}_holds"] = round(float(np.mean(hold)), 4)
    return float(np.mean(em) + np.mean(hold))


def _window_score(r: _Replay, joint: bool, ratio: float, cv: dict[str, Any]) -> float:
    """Share of quotes holding a gold answer minus ``WINDOW_COST`` per two-sentence quote."""
    hold, windowed = [], []
    for c in r.pos:
        chosen = with_partner(r.pick(c, joint), c.sentences, r.sentence_p[id(c)], ratio)
        hold.append(float(c.labels[chosen.quoted()].any()))
        windowed.append(float(chosen.partner is not None))
    cv[f"window_{ratio}_holds"] = round(float(np.mean(hold)), 4)
    cv[f"window_{ratio}_share"] = round(float(np.mean(windowed)), 4)
    return float(np.mean(hold) - WINDOW_COST * np.mean(windowed))


def _span_credit(text: str, golds: Sequence[str]) -> float:
    """A candidate's label: its word F1 with the gold answers to ``SPAN_CREDIT_POWER``."""
    return float(token_f1(text, golds) or 0.0) ** SPAN_CREDIT_POWER


def _power_score(r: _Replay, joint: bool, power: float | None, cv: dict[str, Any]) -> float:
    """Exact match plus word F1 of the short answers chosen with ``power`` (ties: the earlier
    power in ``F1_POWERS``, so best-scored unless overlap gains)."""
    em, f1 = [], []
    for c in r.pos:
        short = r.short(c, r.pick(c, joint, power))
        em.append(float(exact_match(short, c.golds) or 0.0))
        f1.append(float(token_f1(short, c.golds) or 0.0))
    cv[f"power_{power}_em"], cv[f"power_{power}_f1"] = _mean4(em), _mean4(f1)
    return float(np.mean(em) + np.mean(f1))


def _short(table: SpanTable, span_p: np.ndarray, sentence_p: np.ndarray) -> str:
    chosen = pick(sentence_p, table, span_p)
    return table.spans[chosen.span].text if chosen.span is not None else ""


def _mean4(values: Sequence[float]) -> float:
    return round(float(np.mean(values)), 4) if len(values) else 0.0


def _operating_point(conf: np.ndarray, negative: np.ndarray) -> float:
    """The highest threshold that declines at most ``MAX_WRONGLY_DECLINED`` of answerable cases."""
    pos = np.sort(conf[~negative])
    if len(pos) == 0:
        return 0.5
    i = int(np.floor(MAX_WRONGLY_DECLINED * len(pos)))
    return max(0.0, round(float(pos[i]) - 1e-6, 6)) if i < len(pos) else 0.5


def _support_point(conf: np.ndarray, ok: np.ndarray, threshold: float) -> float:
    """The lowest confidence (not below ``threshold``) above which answers to answerable cases
    hold a gold answer at least ``SUPPORTED_PRECISION`` of the time.

    >>> _support_point(np.array([0.2, 0.5, 0.6, 0.9]), np.array([0.0, 0.0, 1.0, 1.0]), 0.1)
    0.6
    >>> _support_point(np.array([0.2, 0.9]), np.array([0.0, 0.0]), 0.1)  # never: above all
    1.0
    """
    for t in np.unique(conf[conf >= threshold]):
        if np.mean(ok[conf >= t]) >= SUPPORTED_PRECISION:
            return round(float(t), 6)
    return 1.0


def _unnamed_declined(
    cases: Sequence[Case], picks: dict[int, Any], conf: np.ndarray, threshold: float
) -> np.ndarray:
    """``conf`` with an answer whose quote does not name the asked-for kind (a count, a sum of
    money) put below ``threshold``, as the answerer declines it (``qa.learned.kinds``)."""
    out = np.array(conf, dtype=float)
    for i, c in enumerate(cases):
        quoted = [c.sentences[j].text for j in picks[id(c)].quoted()]
        if not kind_named(question_type(c.question), c.question, quoted):
            out[i] = max(0.0, min(out[i], threshold - 1e-4))
    return out


def _offered_metrics(
    cases: Sequence[Case],
    picks: dict[int, Any],
    sentence_p: dict[int, np.ndarray],
    conf: np.ndarray,
    threshold: float,
    support: float,
    count: int = 3,
) -> dict[str, float]:
    """What the passages an answer offers for reading (``Answer.closest``) are worth, over the
    answerable cases, as ``eval.aggregate`` measures it: ``unverified_holds`` (the quote holds a
    gold answer), ``unverified_or_offered`` (it or one of the ``count`` sentences ranked next
    does) and ``declined_offered`` (one of the ``count`` best-ranked sentences does)."""
    conf = _unnamed_declined(cases, picks, conf, threshold)
    held, rescued, declined = [], [], []
    for c, q in zip(cases, conf, strict=True):
        if c.negative or q >= support:
            continue
        quoted = set(picks[id(c)].quoted()) if q >= threshold else set()

        def skip(i: int, c: Case = c, quoted: set[int] = quoted) -> bool:
            s = c.sentences[i]
            return i in quoted or not offerable(s.text, s.passage.title)

        offered = bool(c.labels[runners_up(sentence_p[id(c)], skip, count)].any())
        if q < threshold:
            declined.append(offered)
            continue
        hold = bool(c.labels[sorted(quoted)].any())
        held.append(hold)
        rescued.append(hold or offered)
    return {
        "unverified_holds": _mean4(held),
        "unverified_or_offered": _mean4(rescued),
        "declined_offered": _mean4(declined),
    }


def _cv_metrics(
    cases: Sequence[Case],
    picks: dict[int, Any],
    tables: dict[int, SpanTable],
    span_p: dict[int, np.ndarray],
    conf: np.ndarray,
    threshold: float,
    support: float,
) -> dict[str, float]:
    """The harness's answer metrics, from the out-of-fold replay (answerable: open corpus;
    unanswerable: the other-articles cases; ``absent_declined``: the absent cases). An answer
    is given at ``threshold`` and marked supported at ``support``; citation and supported
    precision are over supported answers, ``*_answered`` over every answer given."""
    em, f1, cont, cite, sup_ok, declined_pos = [], [], [], [], [], []
    cite_all, ok_all, supported_pos = [], [], []
    declined_neg: list[bool] = []
    supported_neg: list[bool] = []
    declined_absent: list[bool] = []
    conf_pos, ok_pos = [], []
    conf = _unnamed_declined(cases, picks, conf, threshold)
    for c, q in zip(cases, conf, strict=True):
        answered, supported = q >= threshold, q >= support
        chosen = picks[id(c)]
        if c.negative:
            (declined_neg if c.kind == "other" else declined_absent).append(not answered)
            if c.kind == "other":
                supported_neg.append(supported)
            continue
        declined_pos.append(not answered)
        supported_pos.append(supported)
        quoted = chosen.quoted()
        first, last = c.sentences[quoted[0]], c.sentences[quoted[-1]]
        sentence = first.passage.text[first.start : last.end]
        short = tables[id(c)].spans[chosen.span].text if chosen.span is not None else None
        ok = float(contains(f"{sentence} {short or ''}", c.golds) or 0.0)
        conf_pos.append(q)
        ok_pos.append(ok)
        if not answered:
            em.append(0.0)
            f1.append(0.0)
            cont.append(0.0)
            continue
        em.append(float(exact_match(short or sentence, c.golds) or 0.0))
        f1.append(float(token_f1(short or sentence, c.golds) or 0.0))
        cont.append(ok)
        cited = float(any(contains_phrase(sentence, g) for g in c.golds))
        cite_all.append(cited)
        ok_all.append(ok)
        if supported:
            cite.append(cited)
            sup_ok.append(ok)
    all_conf = np.concatenate([np.asarray(conf_pos), conf[[c.kind == "other" for c in cases]]])
    all_ok = np.concatenate([np.asarray(ok_pos), np.zeros(len(declined_neg))])
    return {
        "em": round(float(np.mean(em)), 4),
        "f1": round(float(np.mean(f1)), 4),
        "contains": round(float(np.mean(cont)), 4),
        "citation_precision": _mean4(cite),
        "citation_precision_answered": _mean4(cite_all),
        "supported_precision": _mean4(sup_ok),
        "answered_precision": _mean4(ok_all),
        "supported_share": _mean4(supported_pos),
        "wrongly_declined": round(float(np.mean(declined_pos)), 4),
        "unanswerable_declined": _mean4(declined_neg),
        "unanswerable_supported": _mean4(supported_neg),
        "absent_declined": _mean4(declined_absent),
        "ece_answerable": round(expected_calibration_error(conf_pos, ok_pos) or 0.0, 4),
        "ece": round(expected_calibration_error(list(all_conf), list(all_ok)) or 0.0, 4),
    }
