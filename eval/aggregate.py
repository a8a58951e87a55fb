"""The aggregate metrics dict of a run (the shape of ``metrics.json``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.metrics.answer import contains
from eval.metrics.calibration import expected_calibration_error
from eval.metrics.citation import answers_with_correct_citation, citation_precision
from eval.metrics.latency import latency_summary, stage_latencies
from eval.metrics.refusal import refusal_scores
from eval.metrics.retrieval import mean_hit_at_k, mrr_at_k
from eval.metrics.stats import mean_or_none
from eval.records import QuestionRecord
from qa.types import lead_of


def aggregate_metrics(records: Sequence[QuestionRecord], k_values: Sequence[int]) -> dict[str, Any]:
    """The run's metrics. Always present (None when there is nothing to average over):

    ``n_questions``; ``retrieval`` {``hit@k`` per k, ``mrr@K``}; ``answer`` {``em``, ``f1``,
    ``contains``}; ``citation`` {``precision``, ``precision_answered``,
    ``answers_with_correct_citation``}; ``refusal`` {``precision``, ``recall``,
    ``wrongly_declined``}; ``offered`` (see ``_offered``); ``calibration`` (see
    ``_calibration``); ``latency_ms`` {``p50``, ``p95``, ``per_stage``, ``retrieve_fn``}.
    Extras: ``n_answerable``, ``n_unanswerable``, ``n_errors`` and ``by_qtype`` {qtype: {n,
    hit@k..., em, f1, contains, declined}}.
    """
    records = list(records)
    return {
        "n_questions": len(records),
        "n_answerable": sum(not r.unanswerable for r in records),
        "n_unanswerable": sum(r.unanswerable for r in records),
        "n_errors": sum(r.error is not None for r in records),
        "retrieval": _retrieval(records, k_values),
        "answer": _answer(records),
        "citation": _citation(records),
        "refusal": _refusal(records),
        "offered": _offered(records),
        "calibration": _calibration(records),
        "latency_ms": _latency(records),
        "by_qtype": _by_qtype(records, k_values),
    }


def _retrieval(records: list[QuestionRecord], k_values: Sequence[int]) -> dict[str, float | None]:
    flags = [r.hit_flags for r in records]
    out: dict[str, float | None] = {f"hit@{k}": mean_hit_at_k(flags, k) for k in k_values}
    out[f"mrr@{max(k_values)}"] = mrr_at_k(flags, max(k_values))
    return out


def _answer(records: list[QuestionRecord]) -> dict[str, float | None]:
    return {
        key: mean_or_none(r.scores.get(key) for r in records) for key in ("em", "f1", "contains")
    }


def _citation(records: list[QuestionRecord]) -> dict[str, float | None]:
    """Citation scores of answers to answerable questions: ``precision`` over supported answers,
    ``precision_answered`` over every answer given (unverified ones too)."""
    answered = [r for r in records if not r.unanswerable and not r.declined]
    flags = [r.citation_flags for r in answered]
    return {
        "precision": citation_precision([r.citation_flags for r in answered if r.supported]),
        "precision_answered": citation_precision(flags),
        "answers_with_correct_citation": answers_with_correct_citation(flags),
    }


def _refusal(records: list[QuestionRecord]) -> dict[str, float | None]:
    scores = refusal_scores([r.declined for r in records], [r.unanswerable for r in records])
    return {
        "precision": scores.precision,
        "recall": scores.recall,
        "wrongly_declined": scores.wrongly_declined,
    }


def _offered(records: list[QuestionRecord]) -> dict[str, float | None]:
    """Whether the passages an answer offers for reading (``Answer.closest``) lead to the
    answer, over answerable questions: ``unverified_holds``, the share of unverified answers
    whose text holds a gold answer; ``unverified_or_offered``, whose text or one of the
    passages offered with it does; ``declined_offered``, the share of declined ones for which
    an offered passage does.

    >>> r = QuestionRecord("a", "q?", "who", ["Osei"], False, supported=False,
    ...                    citations=[{"n": 1}], offered=["Its founder, Daniel Osei."])
    >>> r.scores = {"contains": 0.0}
    >>> _offered([r])["unverified_or_offered"]
    1.0
    """
    asked = [r for r in records if not r.unanswerable and r.error is None]
    unverified = [r for r in asked if not r.supported and not r.declined]
    declined = [r for r in asked if r.declined]

    def offered_holds(r: QuestionRecord) -> bool:
        return any(contains(q, r.gold_answers) for q in r.offered)

    return {
        "unverified_holds": mean_or_none(float(r.answer_correct) for r in unverified),
        "unverified_or_offered": mean_or_none(
            float(r.answer_correct or offered_holds(r)) for r in unverified
        ),
        "declined_offered": mean_or_none(float(offered_holds(r)) for r in declined),
    }


def _calibration(records: list[QuestionRecord]) -> dict[str, float | None]:
    """How far ``Answer.confidence`` is from the share of right answers (ECE over 10 equal-width
    bins: ``ece`` over every rated question, where an unanswerable one is never answered right;
    ``ece_answerable`` over the answerable ones), and, of answers to answerable questions:
    ``supported_precision``, the share of supported ones whose text holds a gold answer;
    ``answered_precision``, the same over every answer given (unverified ones too);
    ``supported_share``, the share of answerable questions given a supported answer; and of
    short answers that carry ``short_confidence``: ``short_ece``, its ECE against exact match
    over every answer given (an unanswerable question's short answer is never right); of those
    to answerable questions, ``short_led_share``, the share the answer text leads with, and
    ``short_led_em``, the exact-match rate of those."""
    rated = [r for r in records if r.confidence is not None and r.error is None]
    answerable = [r for r in rated if not r.unanswerable]
    asked = [r for r in records if not r.unanswerable]
    return {
        "ece": expected_calibration_error(
            [float(r.confidence or 0.0) for r in rated], [float(r.answer_correct) for r in rated]
        ),
        "ece_answerable": expected_calibration_error(
            [float(r.confidence or 0.0) for r in answerable],
            [float(r.answer_correct) for r in answerable],
        ),
        "supported_precision": mean_or_none(float(r.answer_correct) for r in asked if r.supported),
        "answered_precision": mean_or_none(
            float(r.answer_correct) for r in asked if not r.declined
        ),
        "supported_share": mean_or_none(float(r.supported) for r in asked),
        **_short_calibration(rated),
    }


def _short_calibration(records: list[QuestionRecord]) -> dict[str, float | None]:
    given = [r for r in records if r.short_confidence is not None and r.short and not r.declined]
    answerable = [r for r in given if not r.unanswerable]
    led = [r for r in answerable if lead_of(r.answer_text, r.short)]
    led_ids = {id(r) for r in led}
    return {
        "short_ece": expected_calibration_error(
            [float(r.short_confidence or 0.0) for r in given],
            [float(r.scores.get("em") or 0.0) for r in given],  # never right when unanswerable
        ),
        "short_led_share": mean_or_none(float(id(r) in led_ids) for r in answerable),
        "short_led_em": mean_or_none(float(r.scores.get("em") or 0.0) for r in led),
    }


def _latency(records: list[QuestionRecord]) -> dict[str, Any]:
    totals = [r.timings["total_ms"] for r in records if "total_ms" in r.timings]
    out: dict[str, Any] = dict(latency_summary(totals))
    out["per_stage"] = stage_latencies([r.timings for r in records])
    out["retrieve_fn"] = latency_summary([r.retrieve_fn_ms for r in records])
    return out


def _by_qtype(records: list[QuestionRecord], k_values: Sequence[int]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[QuestionRecord]] = {}
    for record in records:
        groups.setdefault(record.qtype, []).append(record)
    out: dict[str, dict[str, Any]] = {}
    for qtype, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        row: dict[str, Any] = {"n": len(group)}
        row.update(_retrieval(group, k_values))
        row.update(_answer(group))
        row["declined"] = mean_or_none(float(r.declined) for r in group)
        out[qtype] = row
    return out
