"""run_eval over a scripted toy system: every aggregate checked against hand-worked values."""

from __future__ import annotations

import pytest
from rich.console import Console

from eval.harness import print_summary, run_eval
from eval.records import EvalResult
from tests.eval import toy_system as toy


@pytest.fixture(scope="module")
def result() -> EvalResult:
    toy.ANSWERS_GIVEN.clear()
    return run_eval(toy.SET, answer_fn=toy.make_answer, retrieve_fn=toy.retrieve, progress=False)


def test_exact_top_level_keys(result: EvalResult) -> None:
    m = result.metrics
    for key in ("n_questions", "retrieval", "answer", "citation", "refusal", "offered"):
        assert key in m
    assert set(m["retrieval"]) == {"hit@1", "hit@5", "hit@10", "mrr@10"}
    assert set(m["answer"]) == {"em", "f1", "contains"}
    assert set(m["citation"]) == {
        "precision",
        "precision_answered",
        "answers_with_correct_citation",
    }
    assert {"precision", "recall"} <= set(m["refusal"])
    assert {"p50", "p95"} <= set(m["latency_ms"])
    assert set(m["offered"]) == {"unverified_holds", "unverified_or_offered", "declined_offered"}


def test_counts(result: EvalResult) -> None:
    m = result.metrics
    # q1 q2 q3 q4 q5, c1 (2 turns), q6
    assert (m["n_questions"], m["n_answerable"], m["n_unanswerable"], m["n_errors"]) == (8, 6, 2, 1)
    assert [r.id for r in result.records] == ["q1", "q2", "q3", "q4", "q5", "c1#1", "c1#2", "q6"]


def test_retrieval(result: EvalResult) -> None:
    # judged: q1 rank 1, q2 rank 3, q5 rank 3, c1#1 rank 1, c1#2 miss, q6 nothing retrieved
    r = result.metrics["retrieval"]
    assert r["hit@1"] == pytest.approx(2 / 6)
    assert r["hit@5"] == pytest.approx(4 / 6)
    assert r["hit@10"] == pytest.approx(4 / 6)
    assert r["mrr@10"] == pytest.approx((1 + 1 / 3 + 1 / 3 + 1 + 0 + 0) / 6)


def test_answer(result: EvalResult) -> None:
    # answerable: q1 exact, q2 "August 25" vs "August 24" (F1 1/2), q5 declined, c1#1 and c1#2
    # exact, q6 error (declined)
    a = result.metrics["answer"]
    assert a["em"] == pytest.approx(3 / 6)
    assert a["f1"] == pytest.approx(3.5 / 6)
    assert a["contains"] == pytest.approx(3 / 6)


def test_citation(result: EvalResult) -> None:
    # supported answerable answers: q1 (right quote), q2 (quote lacks August 24), c1#1, c1#2
    c = result.metrics["citation"]
    assert c["precision"] == pytest.approx(3 / 4)
    assert c["answers_with_correct_citation"] == pytest.approx(3 / 4)


def test_refusal(result: EvalResult) -> None:
    # declined: q3 (unanswerable), q5 and q6 (answerable); q4 unanswerable but answered
    r = result.metrics["refusal"]
    assert r["precision"] == pytest.approx(1 / 3)
    assert r["recall"] == pytest.approx(1 / 2)
    assert r["wrongly_declined"] == pytest.approx(2 / 6)


def test_latency(result: EvalResult) -> None:
    # total_ms 100..700 for the seven questions that answered; q6 raised before reporting any
    lat = result.metrics["latency_ms"]
    assert lat["p50"] == pytest.approx(400.0)
    assert lat["p95"] == pytest.approx(670.0)
    assert lat["per_stage"]["retrieve_ms"]["p50"] == pytest.approx(40.0)
    assert lat["retrieve_fn"]["p50"] is not None


def test_conversation_history_grows(result: EvalResult) -> None:
    asked = dict(toy.ANSWERS_GIVEN)
    assert asked["Who was killed in Ankara?"] == []
    assert asked["What was his job?"] == [
        ("Who was killed in Ankara?", "Andrei Karlov was killed [1].")
    ]
    follow_up = result.records[6]
    assert follow_up.turn == 1 and follow_up.supported and follow_up.scores["em"] == 1.0


def test_records_keep_what_came_back(result: EvalResult) -> None:
    q2 = result.records[1]
    assert q2.short == "August 25" and q2.supported
    assert q2.citations[0]["quote"] == toy.ISIK.text
    assert [r["source"] for r in q2.retrieved] == ["toy://isik", "toy://karlov", "toy://shield"]
    assert q2.hit_flags == [False, False, True]
    assert q2.scores["f1"] == pytest.approx(0.5) and q2.scores["rr@10"] == pytest.approx(1 / 3)
    q6 = result.records[-1]
    assert q6.error == "RuntimeError: model crashed" and q6.declined
    assert [r.id for r in result.failed] == ["q2", "q4", "q5", "q6"]
    unanswerable = result.records[2]
    assert unanswerable.hit_flags is None and unanswerable.scores["em"] is None


def test_per_qtype_breakdown(result: EvalResult) -> None:
    by = result.metrics["by_qtype"]
    assert by["who"]["n"] == 3  # q1, q4, c1#1
    assert by["who"]["em"] == pytest.approx(1.0)  # q4 is unanswerable: not in EM
    assert by["what"]["declined"] == pytest.approx(1 / 2)  # q3 declined, c1#2 answered


def test_empty_set_gives_none_not_errors() -> None:
    empty = run_eval(
        toy.QuestionSet("empty", []),
        answer_fn=toy.make_answer,
        retrieve_fn=toy.retrieve,
        progress=False,
    )
    m = empty.metrics
    assert m["n_questions"] == 0
    assert m["retrieval"]["hit@1"] is None and m["answer"]["f1"] is None
    assert m["refusal"]["recall"] is None and m["latency_ms"]["p50"] is None


def test_progress_and_summary_render(result: EvalResult) -> None:
    console = Console(record=True, width=120)
    run_eval(toy.SET, answer_fn=toy.make_answer, retrieve_fn=toy.retrieve, console=console)
    print_summary(result, console=console)
    text = console.export_text()
    assert "8/8" in text  # the progress bar finished
    for needle in ("hit@1", "mrr@10", "answers_with_correct_citation", "wrongly_declined", "0.333"):
        assert needle in text
    assert "by question type" in text


def _record(qid: str, *, supported: bool, cited: bool, right: bool, unanswerable: bool = False):
    """A finished record: an answer (``cited``: with one citation, right or not) or a decline."""
    from eval.records import QuestionRecord

    r = QuestionRecord(qid, "q?", "what", [] if unanswerable else ["x"], unanswerable)
    r.supported, r.confidence = supported, 0.9 if supported else 0.4
    r.citations = [{"quote": "x" if right else "y"}] if cited else []
    r.citation_flags = [right] if cited and not unanswerable else []
    r.scores = {"contains": float(right and cited)}
    return r


def test_unverified_answers_are_answers_but_not_supported_ones() -> None:
    from eval.aggregate import aggregate_metrics

    records = [
        _record("sure-right", supported=True, cited=True, right=True),
        _record("sure-wrong", supported=True, cited=True, right=False),
        _record("unsure-wrong", supported=False, cited=True, right=False),
        _record("declined", supported=False, cited=False, right=False),
        _record("unanswerable-unsure", supported=False, cited=True, right=False, unanswerable=True),
    ]
    assert [r.declined for r in records] == [False, False, False, True, False]
    assert records[-1].failed  # an unanswerable question given an answer, even unverified
    m = aggregate_metrics(records, [1])
    assert m["citation"]["precision"] == pytest.approx(1 / 2)  # supported answers
    assert m["citation"]["precision_answered"] == pytest.approx(1 / 3)  # every answer given
    c = m["calibration"]
    assert c["supported_precision"] == pytest.approx(1 / 2)
    assert c["answered_precision"] == pytest.approx(1 / 3)
    assert c["supported_share"] == pytest.approx(2 / 4)
    assert m["refusal"]["wrongly_declined"] == pytest.approx(1 / 4)
    assert m["refusal"]["recall"] == 0.0  # the unanswerable question was answered


def test_offered_passages_are_scored_for_unverified_and_declined_answers() -> None:
    """Worked example: two unverified answers, one right (x) and one wrong (y) but offering x;
    a third wrong one offering only y; two declined, one offering x; a supported wrong answer
    offering x does not count. unverified_holds 1/3, unverified_or_offered 2/3,
    declined_offered 1/2."""
    from eval.aggregate import aggregate_metrics

    records = [
        _record("unsure-right", supported=False, cited=True, right=True),
        _record("unsure-wrong-offers", supported=False, cited=True, right=False),
        _record("unsure-wrong", supported=False, cited=True, right=False),
        _record("declined-offers", supported=False, cited=False, right=False),
        _record("declined", supported=False, cited=False, right=False),
        _record("sure-wrong", supported=True, cited=True, right=False),
    ]
    for r, offered in zip(records, (["y"], ["y", "x"], ["y"], ["x"], ["y"], ["x"]), strict=True):
        r.offered = offered
    o = aggregate_metrics(records, [1])["offered"]
    assert o["unverified_holds"] == pytest.approx(1 / 3)
    assert o["unverified_or_offered"] == pytest.approx(2 / 3)
    assert o["declined_offered"] == pytest.approx(1 / 2)


def test_records_keep_the_quotes_an_answer_offers() -> None:
    from eval.harness import _fill_answer
    from eval.records import QuestionRecord
    from qa.types import Answer, Citation

    near = Citation(1, "d", "s.txt", "T", "Kestrel Structural led the work.", 0, 32, 0.4)
    r = QuestionRecord("q1", "Who led it?", "who", ["Kestrel Structural"], False)
    _fill_answer(r, lambda q, h: Answer(q, "No.", False, closest=[near]))
    assert r.offered == ["Kestrel Structural led the work."] and r.citations == []


def test_short_answers_are_rated_on_their_own_confidence() -> None:
    """Worked example: short answers rated 0.8 (right, led with), 0.8 (wrong, led with), 0.2
    (wrong, the quote alone) and 0.2 (to an unanswerable question: never right):
    ECE = 2/4 · |0.5 − 0.8| + 2/4 · |0 − 0.2| = 0.15 + 0.1 = 0.25; of the three answerable ones,
    led with 2, and those are right 1 time in 2. Unrated and declined ones do not count."""
    from eval.aggregate import aggregate_metrics

    rows = [("right", 0.8, True, 1.0), ("wrong", 0.8, True, 0.0), ("hidden", 0.2, False, 0.0)]
    records = []
    for qid, rating, led, em in rows:
        r = _record(qid, supported=True, cited=True, right=True)
        r.short, r.short_confidence, r.scores["em"] = "x", rating, em
        r.answer_text = "x — “x” [1]" if led else "“x” [1]"
        records.append(r)
    unrated = _record("unrated", supported=True, cited=True, right=True)
    unrated.short = "x"
    declined = _record("declined", supported=False, cited=False, right=False)
    declined.short, declined.short_confidence = "x", 0.9
    unanswerable = _record("unanswerable", supported=False, cited=True, right=False)
    unanswerable.unanswerable, unanswerable.gold_answers = True, []
    unanswerable.short, unanswerable.short_confidence = "x", 0.2
    unanswerable.answer_text, unanswerable.scores = "“x” [1]", {}
    c = aggregate_metrics([*records, unrated, declined, unanswerable], [1])["calibration"]
    assert c["short_ece"] == pytest.approx(0.25)
    assert c["short_led_share"] == pytest.approx(2 / 3)
    assert c["short_led_em"] == pytest.approx(1 / 2)
